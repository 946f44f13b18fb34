#include "verify/directorchecks.h"
#include "verify/defencegate.h"

using namespace Qt::StringLiterals;

namespace Uptane::Verify {

namespace {

Result<void> noDelegations(const Metadata::Targets &targets)
{
    if (targets.delegations && (!targets.delegations->roles.isEmpty() || !targets.delegations->keys.isEmpty())) {
        return fail(ErrorCode::DirectorHasDelegations,
                    u"Director targets delegate to %1 role(s)"_s.arg(targets.delegations->roles.size()));
    }
    return {};
}

Result<void> ecusOnce(const Metadata::Targets &targets, const QSet<QString> &known)
{
    QSet<QString> seen;
    for (const Metadata::TargetFile &target : targets.targets) {
        if (target.ecuSerials.isEmpty())
            return fail(ErrorCode::SchemaViolation, u"target %1 names no ECU"_s.arg(target.path));
        for (const QString &ecu : target.ecuSerials) {
            if (seen.contains(ecu))
                return fail(ErrorCode::DuplicateEcu, u"ECU %1 is named twice"_s.arg(ecu));
            seen.insert(ecu);
            // No list of ECUs (a full-verification Secondary): membership cannot be checked.
            if (!known.isEmpty() && !known.contains(ecu) && Defences::isOn(Defence::EcuIdentity))
                return fail(ErrorCode::UnknownEcu, u"target %1 is for ECU %2, not in this vehicle"_s.arg(target.path, ecu));
        }
    }
    return {};
}

Result<void> rightVehicle(const Metadata::Targets &targets, const std::optional<QString> &vehicleId)
{
    if (vehicleId && targets.vehicleId != vehicleId) {
        return fail(ErrorCode::UnknownEcu, u"Director targets name vehicle \"%1\", expected \"%2\""_s.arg(
                                               targets.vehicleId.value_or(QString()), *vehicleId));
    }
    return {};
}

// Defence::None: a check no test-only switch turns off.
Result<void> recorded(VerificationReport *report, const QString &description, Result<void> result,
                      Defence defence = Defence::None)
{
    return guardedCheck(report, defence, u"Uptane 5.4.4.6"_s, u"targets"_s, description, std::move(result));
}

} // namespace

Result<void> checkDirectorTargets(const Metadata::Targets &targets, const DirectorExpectations &expected,
                                  VerificationReport *report)
{
    if (auto ok = recorded(report, u"Director targets have no delegations"_s, noDelegations(targets)); !ok)
        return ok;
    if (auto ok = recorded(report, u"for this vehicle"_s, rightVehicle(targets, expected.vehicleId), Defence::EcuIdentity);
        !ok) {
        return ok;
    }
    const QString ecus = expected.ecuIds.isEmpty() ? u"every target names an ECU, none twice"_s
                                                   : u"every target names one ECU of this vehicle, none twice"_s;
    return recorded(report, ecus, ecusOnce(targets, expected.ecuIds));
}

} // namespace Uptane::Verify
