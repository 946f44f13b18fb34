#include "widgets/canvas/nodetext.h"

using namespace Qt::StringLiterals;

namespace Uptane::Widgets::Canvas {

// "Director root 1 · targets 3" from versions "director/root" and "director/targets"; a
// partial-verification ECU trusts only the Director's targets.
std::optional<QString> NodeText::repositoryLine(const QMap<QString, qint64> &versions, bool director)
{
    const QString repository = director ? u"director"_s : u"imagerepo"_s;
    const auto root = versions.constFind(repository + u"/root"_s);
    const auto targets = versions.constFind(repository + u"/targets"_s);
    const bool hasRoot = root != versions.cend();
    const bool hasTargets = targets != versions.cend();
    if (hasRoot && hasTargets) {
        return (director ? tr("Director root %1 · targets %2") : tr("Images root %1 · targets %2"))
            .arg(*root)
            .arg(*targets);
    }
    if (hasTargets)
        return (director ? tr("Director targets %1") : tr("Images targets %1")).arg(*targets);
    if (hasRoot)
        return (director ? tr("Director root %1") : tr("Images root %1")).arg(*root);
    return std::nullopt;
}

QStringList NodeText::ecuStateLines(const Lab::EcuSnapshot &ecu)
{
    QStringList lines;
    if (auto line = repositoryLine(ecu.versions, true))
        lines.append(*line);
    if (auto line = repositoryLine(ecu.versions, false))
        lines.append(*line);
    lines.append(ecu.installed ? tr("Image %1").arg(ecu.installed->path) : tr("No image installed"));
    if (ecu.lastVerdict.isEmpty())
        lines.append(tr("No cycle yet"));
    else if (ecu.lastError)
        lines.append(tr("Last: %1 (%2)").arg(ecu.lastVerdict, errorCodeName(ecu.lastError->code)));
    else
        lines.append(tr("Last: %1").arg(ecu.lastVerdict));
    return lines;
}

QStringList NodeText::vehicleStateLines(const Lab::VehicleSnapshot &vehicle)
{
    return {vehicle.cycle > 0 ? tr("Cycle %1").arg(vehicle.cycle) : tr("No cycle yet")};
}

QStringList NodeText::serverStateLines(const QString &server, const ServerActivity &activity)
{
    QStringList lines;
    if (server == u"timeserver"_s) {
        lines.append(tr("%n attestation(s) signed", nullptr, activity.attestations));
        return lines;
    }
    lines.append(tr("%n request(s) served", nullptr, activity.requests));
    if (server == u"director"_s) {
        lines.append(tr("Manifests: %1 accepted · %2 rejected")
                         .arg(activity.manifestsAccepted)
                         .arg(activity.manifestsRejected));
    }
    return lines;
}

QStringList NodeText::supplierStateLines()
{
    return {tr("Delegated: signs its own images")};
}

QString NodeText::bannerReason(const Vehicle::EcuOutcome &outcome)
{
    if (outcome.error) {
        const QString why = tr("%1: %2").arg(errorCodeName(outcome.error->code), outcome.error->detail);
        if (!outcome.decidedBy.isEmpty() && outcome.decidedBy != outcome.serial)
            return tr("%1 (decided by %2)").arg(why, outcome.decidedBy);
        return why;
    }
    const QString image = outcome.installed ? outcome.installed->path : QString();
    switch (outcome.verdict) {
    case Vehicle::Verdict::Updated:
        return tr("Installed %1").arg(image);
    case Vehicle::Verdict::Compromised:
        return tr("Installed the attacker's %1: every check passed").arg(image);
    case Vehicle::Verdict::UpToDate:
        return image.isEmpty() ? tr("Nothing assigned, nothing installed") : tr("Runs %1").arg(image);
    case Vehicle::Verdict::NoUpdate:
        return tr("Nothing delivered to this ECU");
    case Vehicle::Verdict::Defended:
    case Vehicle::Verdict::Replay:
    case Vehicle::Verdict::Frozen:
        break;
    }
    return tr("No reason reported");
}

} // namespace Uptane::Widgets::Canvas
