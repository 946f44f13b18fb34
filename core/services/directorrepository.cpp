#include "services/directorrepository.h"

#include "services/imagerepository.h"
#include "services/keyring.h"
#include "services/manifestverifier.h"

using namespace Qt::StringLiterals;
using namespace Uptane::Metadata;

namespace Uptane::Services {

namespace {

const QString kNodeId = u"director"_s;
const QString kTargetsRole = u"targets"_s;
const QStringList kTopLevelRoles{u"root"_s, kTargetsRole, u"snapshot"_s, u"timestamp"_s};

// The fields the Director decides; anything else a stored body may carry is not its concern.
bool sameTargets(const Targets &a, const Targets &b)
{
    if (a.vehicleId != b.vehicleId || a.targets.keys() != b.targets.keys() || a.delegations.has_value())
        return false;
    for (auto it = a.targets.cbegin(); it != a.targets.cend(); ++it) {
        const TargetFile &x = it.value();
        const TargetFile &y = b.targets.value(it.key());
        if (x.length != y.length || x.hashes != y.hashes || x.ecuSerials != y.ecuSerials
            || x.hardwareId != y.hardwareId || x.releaseCounter != y.releaseCounter) {
            return false;
        }
    }
    return true;
}

Result<VehicleRecord> knownVehicle(const Inventory &inventory, const QString &vin)
{
    auto vehicle = inventory.vehicle(vin);
    if (!vehicle && vehicle.error().code == ErrorCode::NotFound)
        return fail(ErrorCode::UnknownVehicle, u"vehicle %1 is not in the inventory"_s.arg(vin));
    return vehicle;
}

} // namespace

DirectorRepository::DirectorRepository(const Workspace &workspace, KeyRing &keys, const Clock &clock,
                                       const ImageRepository &images, const DirectorOptions &options)
    : m_workspace(workspace), m_keys(keys), m_clock(clock), m_images(images), m_options(options)
{
}

DirectorRepository::~DirectorRepository() = default;

Result<std::unique_ptr<DirectorRepository>> DirectorRepository::open(const Workspace &workspace, KeyRing &keys,
                                                                      const Clock &clock,
                                                                      const ImageRepository &images,
                                                                      const DirectorOptions &options)
{
    std::unique_ptr<DirectorRepository> director(new DirectorRepository(workspace, keys, clock, images, options));
    auto inventory = Inventory::open(workspace.inventoryPath());
    if (!inventory)
        return fail(inventory.error());
    director->m_inventory = std::move(*inventory);

    auto vehicles = director->m_inventory->vehicles();
    if (!vehicles)
        return fail(vehicles.error());
    for (const VehicleRecord &vehicle : *vehicles) {
        if (auto published = director->publishVehicle(vehicle.vin); !published)
            return fail(published.error().context(u"director/"_s + vehicle.vin));
    }
    return director;
}

// ---- events

void DirectorRepository::setEventCallback(EventCallback callback)
{
    m_onEvent = std::move(callback);
}

QList<LabEvent> DirectorRepository::takeEvents()
{
    return std::exchange(m_events, {});
}

void DirectorRepository::deliver(const LabEvent &event)
{
    if (m_onEvent)
        m_onEvent(event);
    else
        m_events.append(event);
}

void DirectorRepository::emitEvent(LabEvent::Kind kind, const QString &to, const QString &summary,
                                   const QByteArray &bytes, std::optional<Error> error)
{
    LabEvent event;
    event.time = m_clock.now();
    event.from = kNodeId;
    event.to = to;
    event.kind = kind;
    event.summary = summary;
    event.bytes = bytes.left(kMaxEventBytes);
    event.totalBytes = bytes.size();
    event.error = std::move(error);
    deliver(event);
}

// ---- vehicles and their repositories

QStringList DirectorRepository::vins() const
{
    QStringList out;
    for (const auto &[vin, writer] : m_writers)
        out.append(vin);
    return out;
}

RepositoryWriter *DirectorRepository::writer(const QString &vin)
{
    const auto it = m_writers.find(vin);
    return it == m_writers.end() ? nullptr : it->second.get();
}

Result<QString> DirectorRepository::metadataDir(const QString &vin) const
{
    return m_workspace.directorMetadataDir(vin);
}

QString DirectorRepository::keyName(const QString &vin, const QString &role) const
{
    return u"director-%1-%2"_s.arg(vin, role);
}

Result<RepositoryWriter *> DirectorRepository::writerFor(const QString &vin)
{
    if (RepositoryWriter *existing = writer(vin))
        return existing;
    auto dir = m_workspace.directorMetadataDir(vin);
    if (!dir)
        return fail(dir.error());
    auto writer = std::make_unique<RepositoryWriter>(*dir, m_workspace.encoding(), m_keys, m_clock,
                                                     kNodeId + u'/' + vin);
    writer->setExpiryPolicy(m_options.expiry);
    writer->setEventCallback([this](const LabEvent &event) { deliver(event); });
    if (!writer->exists()) {
        if (auto created = createRepository(vin, *writer); !created)
            return fail(created.error());
    } else {
        if (auto loaded = writer->load(); !loaded)
            return fail(loaded.error());
        // A root rotation killed between the new root and the new timestamp: finish it.
        if (writer->needsRepair()) {
            if (auto repaired = writer->repair(); !repaired)
                return fail(repaired.error());
        }
    }
    RepositoryWriter *raw = writer.get();
    m_writers.emplace(vin, std::move(writer));
    return raw;
}

Result<void> DirectorRepository::createRepository(const QString &vin, RepositoryWriter &writer)
{
    QMap<QString, RoleKeyNames> roles;
    for (const QString &role : kTopLevelRoles) {
        const QString name = keyName(vin, role) + u"-1"_s;
        // TUF §6.1: root keys are kept offline; only root signing uses them.
        if (auto key = m_keys.loadOrCreate(name, m_options.keyType, role == u"root"_s); !key)
            return fail(key.error());
        roles.insert(role, RoleKeyNames{{name}, 1});
    }
    auto targets = targetsFromInventory(vin);
    if (!targets)
        return fail(targets.error());
    auto initialized = writer.initialize(roles, *targets);
    if (!initialized)
        return fail(initialized.error());
    return {};
}

Result<Targets> DirectorRepository::targetsFromInventory(const QString &vin) const
{
    auto assignments = m_inventory->assignments(vin);
    if (!assignments)
        return fail(assignments.error());
    Targets targets;
    // Uptane §5.2: an empty Director Targets must still name the vehicle.
    targets.vehicleId = vin;
    // Assignments come sorted by ECU serial, so each list of ECUs is sorted.
    for (const AssignmentRecord &assignment : *assignments) {
        auto existing = targets.targets.find(assignment.target.path);
        if (existing != targets.targets.end()) {
            existing->ecuSerials.append(assignment.ecuSerial);
            continue;
        }
        TargetFile file = assignment.target;
        file.ecuSerials = {assignment.ecuSerial};  // the Director must name the ECU on each target
        file.hasCustom = true;
        targets.targets.insert(file.path, file);
    }
    return targets;
}

Result<PublishResult> DirectorRepository::publishVehicle(const QString &vin)
{
    auto writer = writerFor(vin);
    if (!writer)
        return fail(writer.error());
    auto wanted = targetsFromInventory(vin);
    if (!wanted)
        return fail(wanted.error());
    if (const Targets *current = (*writer)->targets(kTargetsRole); current && sameTargets(*current, *wanted))
        return PublishResult{};
    if (auto staged = (*writer)->stageTargets(kTargetsRole, *wanted); !staged)
        return fail(staged.error());
    return (*writer)->publish();
}

Result<void> DirectorRepository::registerVehicle(const QString &vin, const EcuRegistration &primary,
                                                 const QList<EcuRegistration> &secondaries)
{
    if (auto ok = Workspace::checkSafeName(vin, u"VIN"_s); !ok)
        return ok;
    const QDateTime now = m_clock.now();
    QList<EcuRecord> ecus;
    for (const EcuRegistration &ecu : QList<EcuRegistration>{primary} + secondaries) {
        if (auto ok = Workspace::checkSafeName(ecu.serial, u"ECU serial"_s); !ok)
            return ok;
        ecus.append({vin, ecu.serial, ecu.hardwareId, ecu.key,
                     ecu.key.isNull() ? QString() : computeKeyId(ecu.key), ecu.serial == primary.serial});
    }
    if (auto added = m_inventory->addVehicle({vin, primary.serial, now}, ecus); !added)
        return added;
    auto created = writerFor(vin);
    if (!created)
        return fail(created.error().context(u"director/"_s + vin));
    return {};
}

Result<void> DirectorRepository::registerEcu(const QString &vin, const EcuRegistration &secondary)
{
    if (auto vehicle = knownVehicle(*m_inventory, vin); !vehicle)
        return fail(vehicle.error());
    if (auto ok = Workspace::checkSafeName(secondary.serial, u"ECU serial"_s); !ok)
        return ok;
    return m_inventory->addEcu({vin, secondary.serial, secondary.hardwareId, secondary.key, {}, false});
}

// ---- assignments

Result<PublishResult> DirectorRepository::assign(const QString &vin, const QString &ecuSerial,
                                                 const QString &imagePath)
{
    if (auto vehicle = knownVehicle(*m_inventory, vin); !vehicle)
        return fail(vehicle.error());
    auto ecu = m_inventory->ecu(vin, ecuSerial);
    if (!ecu)
        return fail(ecu.error());
    // The image must be one the Image Repository lists, so the Primary's cross-check
    // (Uptane §5.4.4.2 step 10) can succeed; and it must be built for this ECU's hardware.
    auto image = m_images.findImage(imagePath);
    if (!image)
        return fail(image.error());
    if (image->hardwareId != ecu->hardwareId) {
        return fail(ErrorCode::HardwareIdMismatch, u"image %1 is for hardware %2, ECU %3 is %4"_s.arg(
                                                       imagePath, image->hardwareId.value_or(u"(none)"_s),
                                                       ecuSerial, ecu->hardwareId));
    }
    auto current = m_inventory->assignments(vin);
    if (!current)
        return fail(current.error());
    std::optional<AssignmentRecord> previous;
    for (const AssignmentRecord &assignment : *current) {
        if (assignment.ecuSerial == ecuSerial) {
            previous = assignment;
        } else if (assignment.target.path == imagePath
                   && (assignment.target.length != image->length || assignment.target.hashes != image->hashes
                       || assignment.target.releaseCounter != image->releaseCounter)) {
            // One path is one entry of the Director's Targets, listing every ECU it is for:
            // those ECUs must be assigned the same bytes.
            return fail(ErrorCode::InvalidArgument, u"ECU %1 is assigned an earlier %2; assign the current one to"
                                                    " it first"_s.arg(assignment.ecuSerial, imagePath));
        }
    }

    TargetFile target;
    target.path = image->path;
    target.length = image->length;
    target.hashes = image->hashes;
    target.hardwareId = image->hardwareId;
    target.releaseCounter = image->releaseCounter;
    if (auto assigned = m_inventory->assign({vin, ecuSerial, target, m_clock.now()}); !assigned)
        return fail(assigned.error());
    auto published = publishVehicle(vin);
    if (!published) {
        // Keep the inventory and the metadata telling the same story.
        if (previous)
            m_inventory->assign(*previous);
        else
            m_inventory->unassign(vin, ecuSerial);
        return published;
    }
    emitEvent(LabEvent::Kind::ImageAssigned, vin + u'/' + ecuSerial,
              u"assigned %1 (%2 bytes, release %3) to %4/%5"_s.arg(imagePath).arg(target.length)
                  .arg(target.releaseCounter.value_or(0)).arg(vin, ecuSerial));
    return published;
}

Result<PublishResult> DirectorRepository::unassign(const QString &vin, const QString &ecuSerial)
{
    if (auto vehicle = knownVehicle(*m_inventory, vin); !vehicle)
        return fail(vehicle.error());
    auto current = m_inventory->assignments(vin);
    if (!current)
        return fail(current.error());
    const auto previous = std::ranges::find(*current, ecuSerial, &AssignmentRecord::ecuSerial);
    if (auto removed = m_inventory->unassign(vin, ecuSerial); !removed)
        return fail(removed.error());
    auto published = publishVehicle(vin);
    if (!published && previous != current->cend())
        m_inventory->assign(*previous);
    return published;
}

// ---- manifests

Result<ManifestReceipt> DirectorRepository::receiveManifest(const QString &vin, const QByteArray &bytes,
                                                           Verify::VerificationReport *report)
{
    const VehicleLookup lookup = [this](const QString &wanted) -> Result<std::optional<VehicleInventory>> {
        auto vehicle = m_inventory->vehicle(wanted);
        if (!vehicle) {
            if (vehicle.error().code == ErrorCode::NotFound)
                return std::optional<VehicleInventory>();
            return fail(vehicle.error());
        }
        auto ecus = m_inventory->ecus(wanted);
        if (!ecus)
            return fail(ecus.error());
        return std::optional<VehicleInventory>(VehicleInventory{*vehicle, *ecus});
    };
    const NonceLookup nonceSeen = [this](const QString &v, const QString &serial, qint64 nonce) {
        return m_inventory->nonceSeen(v, serial, nonce);
    };

    auto reject = [&](const Error &error) -> Result<ManifestReceipt> {
        emitEvent(LabEvent::Kind::ManifestRejected, vin, u"rejected the manifest of %1: %2"_s.arg(vin, error.toString()),
                  bytes, error);
        return fail(error);
    };
    auto verified = verifyVehicleManifest(bytes, {m_workspace.encoding(), vin}, lookup, nonceSeen, report);
    if (!verified)
        return reject(verified.error());
    const AcceptedManifest records = acceptedRecords(*verified, bytes, m_workspace.encoding(), m_clock.now());
    auto id = m_inventory->recordManifest(records);
    if (!id)
        return reject(id.error());

    ManifestReceipt receipt;
    receipt.manifestId = *id;
    receipt.vin = vin;
    for (const InstalledRecord &installed : records.installed)
        receipt.reportingEcus.append(installed.ecuSerial);
    receipt.attacks = records.attacks;
    emitEvent(LabEvent::Kind::ManifestAccepted, vin,
              u"accepted the manifest of %1: %2 ECU report(s), %3 attack(s) reported"_s.arg(vin)
                  .arg(records.nonces.size()).arg(records.attacks.size()),
              bytes);
    return receipt;
}

// ---- keys and expiry

Result<PublishResult> DirectorRepository::rotateKeys(const QString &vin, const QString &role)
{
    if (auto vehicle = knownVehicle(*m_inventory, vin); !vehicle)
        return fail(vehicle.error());
    if (!kTopLevelRoles.contains(role))
        return fail(ErrorCode::MissingRole, u"the Director has no role \"%1\""_s.arg(role));
    auto writer = writerFor(vin);
    if (!writer)
        return fail(writer.error());
    const RoleKeys current = (*writer)->root().roles.value(role);
    QStringList retired;
    for (const QString &keyid : current.keyids) {
        if (const QString name = m_keys.nameForKeyId(keyid); !name.isEmpty())
            retired.append(name);
    }
    QStringList fresh;
    for (qsizetype i = 0; i < qMax<qsizetype>(1, current.keyids.size()); ++i) {
        const QString name = m_keys.nextFreeName(keyName(vin, role));
        if (auto key = m_keys.loadOrCreate(name, m_options.keyType, role == u"root"_s); !key) {
            for (const QString &created : std::as_const(fresh))
                m_keys.remove(created);
            return fail(key.error());
        }
        fresh.append(name);
    }
    auto result = (*writer)->rotateKeys(role, RoleKeyNames{fresh, qMin<qint64>(current.threshold, fresh.size())});
    if (!result) {
        for (const QString &name : std::as_const(fresh))  // never listed anywhere
            m_keys.remove(name);
        return result;
    }
    for (const QString &name : std::as_const(retired)) {
        if (auto revoked = m_keys.revoke(name); !revoked)
            return fail(revoked.error().context(u"rotated %1 of %2 but could not revoke %3"_s.arg(role, vin, name)));
    }
    return result;
}

Result<QList<PublishResult>> DirectorRepository::refreshExpiry()
{
    QList<PublishResult> results;
    for (const auto &[vin, writer] : m_writers) {
        auto refreshed = writer->refreshExpiry();
        if (!refreshed)
            return fail(refreshed.error().context(u"director/"_s + vin));
        results.append(*refreshed);
    }
    return results;
}

} // namespace Uptane::Services
