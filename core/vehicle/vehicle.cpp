#include "vehicle/vehicle.h"
#include "vehicle/primarymetadata_p.h"

#include "metadata/codec.h"
#include "verify/trustedrepository.h"
#include "verify/uptanechecks.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Uptane::Vehicle {

namespace {

// A trusted root to provision: it must parse and be signed by a threshold of its own keys
// (TUF 5.2); returns its version.
Result<qint64> checkRoot(const QByteArray &bytes, Metadata::Encoding encoding, const QDateTime &time,
                         const QString &what)
{
    auto trusted = Verify::TrustedRepository::create(bytes, encoding, time);
    if (!trusted)
        return fail(trusted.error().context(what));
    return trusted->root().body.version;
}

} // namespace

Result<void> provisionEcu(const QString &dir, const EcuProvisioning &provisioning)
{
    const EcuConfig &config = provisioning.config;
    if (config.primary && config.verification == Verification::Partial)
        return fail(ErrorCode::InvalidArgument, u"a Primary does full verification"_s);

    QMap<QString, QByteArray> metadata;
    // The roots an ECU trusts from day one; the Primary archives them by version too, so
    // that its bundles carry the whole chain (primarymetadata_p.h).
    const auto addRoot = [&](const QString &repository, const QByteArray &bytes) -> Result<void> {
        auto version = checkRoot(bytes, config.encoding, provisioning.factoryTime, repository + u" root"_s);
        if (!version)
            return fail(version.error());
        metadata.insert(repository + u"/root"_s, bytes);
        if (config.primary)
            metadata.insert(detail::archivedRootName(repository, *version), bytes);
        return {};
    };
    if (auto ok = addRoot(detail::kDirectorRepository, provisioning.directorRoot); !ok)
        return ok;
    if (config.verification == Verification::Full) {
        if (auto ok = addRoot(detail::kImageRepository, provisioning.imageRoot); !ok)
            return ok;
    }

    EcuChange initial;
    // Attested times have whole seconds: a factory time with milliseconds would make the first
    // attestation of the same second look earlier (TimeWentBackwards).
    const QDateTime factoryTime = QDateTime::fromSecsSinceEpoch(provisioning.factoryTime.toSecsSinceEpoch(), Qt::UTC);
    initial.state.attestedTime = factoryTime;
    initial.state.previousAttestedTime = factoryTime;
    if (!provisioning.factoryImage.path.isEmpty()) {
        if (auto ok = Verify::checkImage(provisioning.factoryImageBytes, provisioning.factoryImage); !ok)
            return fail(ok.error().context(u"factory image"_s));
        Metadata::TargetFile image = provisioning.factoryImage;
        image.ecuSerials.clear();
        initial.state.installed = image;
        initial.newImage = provisioning.factoryImageBytes;
    }
    initial.metadata = metadata;
    auto store = EcuStore::provision(dir, config, provisioning.key, initial);
    if (!store)
        return fail(store.error());
    return {};
}

const EcuOutcome *CycleResult::outcome(const QString &serial) const
{
    for (const EcuOutcome &outcome : outcomes) {
        if (outcome.serial == serial)
            return &outcome;
    }
    return nullptr;
}

Result<std::unique_ptr<Vehicle>> Vehicle::open(const QString &vehiclesDir, const QString &vin, Fetcher &fetcher,
                                               const VehicleOptions &options)
{
    const QDir dir(QDir(vehiclesDir).filePath(vin));
    std::unique_ptr<EcuStore> primary;
    std::vector<std::unique_ptr<EcuStore>> secondaries;
    const QStringList entries = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &entry : entries) {
        const QString ecuDir = dir.filePath(entry);
        if (!QFileInfo::exists(QDir(ecuDir).filePath(u"ecu.json"_s)))
            continue;
        auto store = EcuStore::open(ecuDir);
        if (!store)
            return fail(store.error().context(ecuDir));
        const EcuConfig &config = store->config();
        if (config.vin != vin)
            return fail(ErrorCode::InvalidArgument, u"%1 belongs to vehicle %2, not %3"_s.arg(ecuDir, config.vin, vin));
        if (config.primary) {
            if (primary)
                return fail(ErrorCode::InvalidArgument, u"vehicle %1 has two Primaries: %2 and %3"_s
                                                            .arg(vin, primary->config().serial, config.serial));
            primary = std::make_unique<EcuStore>(std::move(*store));
        } else {
            secondaries.push_back(std::make_unique<EcuStore>(std::move(*store)));
        }
    }
    if (!primary && secondaries.empty())
        return fail(ErrorCode::NotFound, u"no provisioned ECU under %1"_s.arg(dir.path()));
    if (!primary)
        return fail(ErrorCode::InvalidArgument, u"vehicle %1 has no Primary"_s.arg(vin));
    const Metadata::Encoding encoding = primary->config().encoding;
    for (const auto &store : secondaries) {
        if (store->config().encoding != encoding) {
            return fail(ErrorCode::InvalidArgument, u"%1 uses %2, the Primary %3"_s.arg(
                store->config().serial, Metadata::encodingName(store->config().encoding),
                Metadata::encodingName(encoding)));
        }
    }
    std::sort(secondaries.begin(), secondaries.end(),
              [](const auto &a, const auto &b) { return a->config().serial < b->config().serial; });

    std::unique_ptr<Vehicle> vehicle(new Vehicle);
    vehicle->m_bus = std::make_unique<Net::VehicleBus>(vin, encoding);
    vehicle->m_stores.push_back(std::move(primary));
    for (auto &store : secondaries) {
        auto secondary = std::make_unique<Secondary>(*store);
        Secondary *handler = secondary.get();
        vehicle->m_bus->attach(store->config().serial,
                               [handler](const QByteArray &request) { return handler->handle(request); });
        vehicle->m_secondaries.emplace(store->config().serial, std::move(secondary));
        vehicle->m_stores.push_back(std::move(store));
    }
    PrimaryOptions primaryOptions = options.primary;
    if (!options.baseUrl.isEmpty())
        primaryOptions.baseUrl = options.baseUrl;
    vehicle->m_primary = std::make_unique<Primary>(*vehicle->m_stores.front(), fetcher, *vehicle->m_bus, primaryOptions);
    vehicle->m_nextCycle = vehicle->m_stores.front()->state().cycles + 1;
    return vehicle;
}

Vehicle::~Vehicle()
{
    // The bus's handlers point at the Secondaries: take them off before they go.
    if (m_bus) {
        for (const auto &[serial, secondary] : m_secondaries)
            m_bus->detach(serial);
    }
}

QString Vehicle::vin() const
{
    return m_bus->vin();
}

QString Vehicle::primarySerial() const
{
    return m_stores.front()->config().serial;
}

QList<SecondaryLink> Vehicle::secondaries() const
{
    QList<SecondaryLink> links;
    for (const auto &[serial, secondary] : m_secondaries)
        links.append({serial, secondary->store().config().verification});
    return links;
}

Secondary *Vehicle::secondary(const QString &serial)
{
    const auto found = m_secondaries.find(serial);
    return found == m_secondaries.end() ? nullptr : found->second.get();
}

const EcuStore *Vehicle::store(const QString &serial) const
{
    for (const auto &store : m_stores) {
        if (store->config().serial == serial)
            return store.get();
    }
    return nullptr;
}

void Vehicle::setEventCallback(EventCallback callback)
{
    m_bus->setEventCallback(callback);
    m_primary->setEventCallback(callback);
    for (const auto &[serial, secondary] : m_secondaries)
        secondary->setEventCallback(callback);
}

void Vehicle::setMaliciousImages(const MaliciousImages &images)
{
    m_primary->setMaliciousImages(images);
    for (const auto &[serial, secondary] : m_secondaries)
        secondary->setMaliciousImages(images);
}

CycleResult Vehicle::runCycle()
{
    const qint64 cycle = m_nextCycle++;
    const PrimaryCycle primary = m_primary->runCycle(cycle, secondaries());
    CycleResult result;
    result.cycle = cycle;
    result.stoppedBy = primary.stoppedBy;
    result.vehicleManifest = primary.vehicleManifest;
    result.manifestError = primary.manifestError;
    m_primaryReport = primary.report;
    result.outcomes.append(primary.primary);
    for (const auto &[serial, secondary] : m_secondaries) {
        if (primary.stoppedBy) {
            // Nothing reached the Secondary: the Primary's check decided for it.
            EcuOutcome outcome{vin(), serial, primary.primary.verdict, primary.primary.error, primarySerial(),
                               secondary->store().state().installed, cycle};
            result.outcomes.append(outcome);
        } else {
            result.outcomes.append(secondary->outcome(cycle));
        }
    }
    return result;
}

} // namespace Uptane::Vehicle
