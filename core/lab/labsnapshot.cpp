// Lab snapshots: what the demonstrator shows of a vehicle, read from its ECU stores on the
// thread that uses the vehicle (lab_p.h, buildSnapshot).
#include "lab/lab_p.h"

#include "metadata/codec.h"

using namespace Qt::StringLiterals;

namespace Uptane::Lab {

namespace {

template <typename T>
std::optional<qint64> versionAs(const QByteArray &bytes, Metadata::Encoding encoding)
{
    auto parsed = Metadata::parse<T>(bytes, encoding);
    return parsed ? std::optional<qint64>(parsed->body.version) : std::nullopt;
}

// The version a trusted metadata file carries; nullopt when it does not parse (a store holds
// only what was verified, so that would be damage: the inspector shows the bytes anyway).
std::optional<qint64> metadataVersion(const QByteArray &bytes, Metadata::Encoding encoding)
{
    auto type = Metadata::peekType(bytes, encoding);
    if (!type)
        return std::nullopt;
    if (*type == u"root")
        return versionAs<Metadata::Root>(bytes, encoding);
    if (*type == u"timestamp")
        return versionAs<Metadata::Timestamp>(bytes, encoding);
    if (*type == u"snapshot")
        return versionAs<Metadata::Snapshot>(bytes, encoding);
    if (*type == u"targets")
        return versionAs<Metadata::Targets>(bytes, encoding);
    return std::nullopt;
}

// Roots archived by version ("director/3.root") are history, not a trusted role.
bool isArchivedRoot(const QString &name)
{
    const QString role = name.section(u'/', -1);
    return !role.isEmpty() && role.front().isDigit();
}

EcuSnapshot ecuSnapshot(const Vehicle::EcuStore &store)
{
    const Vehicle::EcuConfig &config = store.config();
    EcuSnapshot ecu;
    ecu.vin = config.vin;
    ecu.serial = config.serial;
    ecu.hardwareId = config.hardwareId;
    ecu.primary = config.primary;
    ecu.verification = config.verification;
    ecu.installed = store.state().installed;
    ecu.attestedTime = store.state().attestedTime;
    ecu.cycles = store.state().cycles;
    const QString ext = u'.' + Metadata::fileExtension(config.encoding);
    for (auto it = store.metadata().cbegin(); it != store.metadata().cend(); ++it) {
        ecu.metadata.insert(it.key() + ext, it.value());
        if (isArchivedRoot(it.key()))
            continue;
        if (const auto version = metadataVersion(it.value(), config.encoding))
            ecu.versions.insert(it.key(), *version);
    }
    return ecu;
}

} // namespace

VehicleSnapshot buildSnapshot(Vehicle::Vehicle &vehicle, const Vehicle::CycleResult *cycle,
                              const VehicleSnapshot *previous)
{
    VehicleSnapshot snapshot;
    snapshot.vin = vehicle.vin();
    QStringList serials{vehicle.primarySerial()};
    for (const Vehicle::SecondaryLink &link : vehicle.secondaries())
        serials.append(link.serial);
    for (const QString &serial : std::as_const(serials)) {
        const Vehicle::EcuStore *store = vehicle.store(serial);
        if (!store)
            continue;
        EcuSnapshot ecu = ecuSnapshot(*store);
        const Vehicle::EcuOutcome *outcome = cycle ? cycle->outcome(serial) : nullptr;
        const EcuSnapshot *before = previous ? previous->ecu(serial) : nullptr;
        if (outcome) {
            ecu.lastVerdict = Vehicle::verdictName(outcome->verdict);
            ecu.lastError = outcome->error;
            const Vehicle::Secondary *secondary = vehicle.secondary(serial);
            ecu.lastReport = secondary ? secondary->report().checks() : vehicle.primaryReport().checks();
        } else if (before) {
            ecu.lastVerdict = before->lastVerdict;
            ecu.lastError = before->lastError;
            ecu.lastReport = before->lastReport;
        } else {
            // Before this lab ran a cycle: what the ECU committed last (a reopened workspace).
            ecu.lastVerdict = store->state().lastVerdict;
        }
        snapshot.ecus.append(ecu);
    }
    if (cycle)
        snapshot.cycle = cycle->cycle;
    else if (previous)
        snapshot.cycle = previous->cycle;
    else if (const Vehicle::EcuStore *primary = vehicle.store(vehicle.primarySerial()))
        snapshot.cycle = primary->state().cycles;
    return snapshot;
}

} // namespace Uptane::Lab
