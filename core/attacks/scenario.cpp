#include "attacks/scenario.h"

#include "services/oemservices.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Uptane::Attacks {

namespace {

QString translated(const char *text)
{
    return QCoreApplication::translate("Scenario", text);
}

ScenarioStep actionStep(ScenarioStep::Kind kind, const char *title,
                        std::function<Result<void>(ScenarioContext &)> action)
{
    ScenarioStep step;
    step.kind = kind;
    step.title = title;
    step.action = std::move(action);
    return step;
}

} // namespace

QString groupName(ScenarioGroup group)
{
    switch (group) {
    case ScenarioGroup::Reference: return u"reference"_s;
    case ScenarioGroup::ThreatModel: return u"threat-model"_s;
    case ScenarioGroup::PartialVerification: return u"partial"_s;
    }
    return {};
}

QString findingName(DirectorFinding finding)
{
    switch (finding) {
    case DirectorFinding::Installed: return u"INSTALLED"_s;
    case DirectorFinding::NotInstalled: return u"NOT INSTALLED"_s;
    case DirectorFinding::AttackReported: return u"ATTACK REPORTED"_s;
    case DirectorFinding::ManifestRejected: return u"MANIFEST REJECTED"_s;
    }
    return {};
}

QString stepKindName(ScenarioStep::Kind kind)
{
    switch (kind) {
    case ScenarioStep::Kind::Operator: return u"operator"_s;
    case ScenarioStep::Kind::Adversary: return u"adversary"_s;
    case ScenarioStep::Kind::Cycle: return u"cycle"_s;
    }
    return {};
}

Metadata::Encoding ScenarioContext::encoding() const
{
    return m_services.encoding();
}

QString ScenarioContext::extension() const
{
    return Metadata::fileExtension(encoding());
}

QString ScenarioStep::translatedTitle() const
{
    return translated(title);
}

QString Scenario::translatedTitle() const
{
    return translated(title);
}

QString Scenario::translatedNarration() const
{
    return translated(narration);
}

QString Scenario::translatedOutcome() const
{
    return translated(outcome);
}

ScenarioStep operatorStep(const char *title, std::function<Result<void>(ScenarioContext &)> action)
{
    return actionStep(ScenarioStep::Kind::Operator, title, std::move(action));
}

ScenarioStep adversaryStep(const char *title, std::function<Result<void>(ScenarioContext &)> action)
{
    return actionStep(ScenarioStep::Kind::Adversary, title, std::move(action));
}

ScenarioStep cycleStep(const char *title, const QString &vin, QList<EcuExpectation> expected,
                       QList<DirectorExpectation> director)
{
    ScenarioStep step;
    step.kind = ScenarioStep::Kind::Cycle;
    step.title = title;
    step.vin = vin;
    step.expected = std::move(expected);
    step.director = std::move(director);
    return step;
}

} // namespace Uptane::Attacks
