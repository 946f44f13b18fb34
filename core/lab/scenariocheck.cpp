#include "lab/scenariocheck_p.h"

#include "services/oemservices.h"

using namespace Qt::StringLiterals;

namespace Uptane::Lab {

using Attacks::DirectorExpectation;
using Attacks::DirectorFinding;
using Attacks::EcuExpectation;

namespace {

// Every attack report starts with its ErrorCode ("<Code>: detail", Error::toString; several
// joined by "; " start with the first one's), the Primary's bus problems included.
std::optional<ErrorCode> codeOfReport(const QString &text)
{
    return errorCodeFromName(text.section(u':', 0, 0).trimmed());
}

} // namespace

Result<QHash<QString, Finding>> readDirector(Services::OemServices &services, const QString &vin,
                                             const std::optional<Error> &manifestError)
{
    const Services::Inventory &inventory = services.director().inventory();
    auto ecus = inventory.ecus(vin);
    auto assignments = inventory.assignments(vin);
    auto installed = inventory.installed(vin);
    auto attacks = inventory.attacks(vin);
    auto manifests = inventory.manifests(vin, 1);
    const Error *error = !ecus ? &ecus.error()
                         : !assignments ? &assignments.error()
                         : !installed ? &installed.error()
                         : !attacks ? &attacks.error()
                         : !manifests ? &manifests.error()
                                      : nullptr;
    if (error)
        return fail(error->context(u"the Director's inventory"_s));
    const qint64 latest = manifests->isEmpty() ? -1 : manifests->first().id;
    QHash<QString, Finding> findings;
    for (const Services::EcuRecord &ecu : std::as_const(*ecus)) {
        Finding finding;
        if (manifestError) {
            finding.finding = DirectorFinding::ManifestRejected;
            finding.code = manifestError->code;
            finding.detail = manifestError->detail;
            findings.insert(ecu.serial, finding);
            continue;
        }
        const auto attack = std::find_if(attacks->cbegin(), attacks->cend(), [&](const Services::AttackRecord &record) {
            return record.manifestId == latest && record.ecuSerial == ecu.serial && !record.text.isEmpty();
        });
        if (attack != attacks->cend()) {
            finding.finding = DirectorFinding::AttackReported;
            finding.code = codeOfReport(attack->text);
            finding.detail = attack->text;
            findings.insert(ecu.serial, finding);
            continue;
        }
        const auto assigned = std::find_if(assignments->cbegin(), assignments->cend(),
                                           [&](const auto &record) { return record.ecuSerial == ecu.serial; });
        const auto reported = std::find_if(installed->cbegin(), installed->cend(),
                                           [&](const auto &record) { return record.ecuSerial == ecu.serial; });
        const QString reportedPath = reported == installed->cend() ? QString() : reported->image.path;
        // The image assigned is a path *and* its bytes: an ECU that reports the assigned path
        // with other hashes (an attacker's image under a forged entry) has not installed it.
        const bool samePath = assigned == assignments->cend() || reportedPath == assigned->target.path;
        const bool sameBytes = assigned == assignments->cend()
                               || (reported != installed->cend()
                                   && reported->image.hashes.value(u"sha256"_s)
                                          == assigned->target.hashes.value(u"sha256"_s));
        finding.finding = samePath && sameBytes ? DirectorFinding::Installed : DirectorFinding::NotInstalled;
        finding.detail = reportedPath.isEmpty() ? u"reports nothing installed"_s
                         : samePath && !sameBytes
                             ? u"reports %1 with other hashes than the image assigned"_s.arg(reportedPath)
                             : u"reports %1"_s.arg(reportedPath);
        findings.insert(ecu.serial, finding);
    }
    return findings;
}

QList<Observation> compareEcus(const QList<EcuExpectation> &expected, const Vehicle::CycleResult &cycle)
{
    QList<Observation> observations;
    for (const EcuExpectation &expectation : expected) {
        Observation observation;
        observation.serial = expectation.serial;
        observation.expected = Vehicle::verdictName(expectation.verdict);
        observation.expectedCode = expectation.code;
        const Vehicle::EcuOutcome *outcome = cycle.outcome(expectation.serial);
        if (!outcome) {
            observation.detail = u"the vehicle has no ECU %1"_s.arg(expectation.serial);
            observations.append(observation);
            continue;
        }
        observation.observed = Vehicle::verdictName(outcome->verdict);
        if (outcome->error) {
            observation.observedCode = outcome->error->code;
            observation.detail = outcome->error->detail;
        }
        observation.matches = outcome->verdict == expectation.verdict
                              && (!expectation.code || observation.observedCode == expectation.code);
        observations.append(observation);
    }
    for (const Vehicle::EcuOutcome &outcome : cycle.outcomes) {
        const bool listed = std::any_of(expected.cbegin(), expected.cend(),
                                        [&](const EcuExpectation &e) { return e.serial == outcome.serial; });
        if (listed)
            continue;
        Observation observation;
        observation.serial = outcome.serial;
        observation.observed = Vehicle::verdictName(outcome.verdict);
        if (outcome.error)
            observation.observedCode = outcome.error->code;
        observation.detail = u"the step expects nothing of this ECU"_s;
        observations.append(observation);
    }
    return observations;
}

QList<Observation> compareDirector(const QList<DirectorExpectation> &expected, const QHash<QString, Finding> &findings)
{
    QList<Observation> observations;
    for (const DirectorExpectation &expectation : expected) {
        Observation observation;
        observation.where = Observation::Where::Director;
        observation.serial = expectation.serial;
        observation.expected = Attacks::findingName(expectation.finding);
        observation.expectedCode = expectation.code;
        const auto it = findings.constFind(expectation.serial);
        if (it == findings.cend()) {
            observation.detail = u"the Director knows no ECU %1"_s.arg(expectation.serial);
        } else {
            observation.observed = Attacks::findingName(it->finding);
            observation.observedCode = it->code;
            observation.detail = it->detail;
            observation.matches = it->finding == expectation.finding
                                  && (!expectation.code || it->code == expectation.code);
        }
        observations.append(observation);
    }
    return observations;
}

} // namespace Uptane::Lab
