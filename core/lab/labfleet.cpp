// Lab's fleet (issue 6): snapshots of every vehicle, the operator's addVehicle / addSecondary
// (registered with the Director, provisioned like the demo car, opened with the start's
// wiring) and the metadata each repository serves, for the inspector.
#include "lab/lab_p.h"

#include "lab/oemhost.h"
#include "lab/vehiclefleet.h"
#include "services/oemservices.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Uptane::Lab {

namespace {

// Workspace rules for every name an operator types (they become directories and URLs).
Result<void> checkNames(const QList<std::pair<QString, QString>> &names)
{
    for (const auto &[name, what] : names) {
        if (auto ok = Services::Workspace::checkSafeName(name, what); !ok)
            return ok;
    }
    return {};
}

// An ECU serial is unique in the whole fleet (the GUI's node ids and the Director's
// inventory both tell ECUs apart by it).
Result<void> checkSerialFree(Services::Inventory &inventory, const QString &serial)
{
    auto vehicles = inventory.vehicles();
    if (!vehicles)
        return fail(vehicles.error());
    for (const Services::VehicleRecord &vehicle : std::as_const(*vehicles)) {
        auto ecus = inventory.ecus(vehicle.vin);
        if (!ecus)
            return fail(ecus.error());
        for (const Services::EcuRecord &ecu : std::as_const(*ecus)) {
            if (ecu.serial == serial)
                return fail(ErrorCode::InvalidArgument, u"ECU serial %1 is taken (vehicle %2)"_s.arg(serial, vehicle.vin));
        }
    }
    return {};
}

// The ECU's key, made where the ECU lives (vehicles/<vin>/<serial>/ecu.pem) before the
// Director learns its public half, as the demo fleet does.
Result<Services::EcuRegistration> makeEcuKey(const Services::Workspace &workspace, const QString &vin,
                                             const QString &serial, const QString &hardwareId)
{
    auto dir = workspace.vehicleDir(vin, serial);
    if (!dir)
        return fail(dir.error());
    Services::KeyRing ring(*dir);
    auto key = ring.loadOrCreate(Services::DemoFleet::ecuKeyName(), Crypto::KeyType::Ed25519);
    if (!key)
        return fail(key.error().context(serial));
    return Services::EcuRegistration{serial, hardwareId, key->publicKey()};
}

// The services' part of addVehicle: checks, keys, Director registration, ECU stores.
Result<void> registerVehicle(Services::OemServices &services, const VehicleSpec &spec, const QDateTime &now)
{
    QList<std::pair<QString, QString>> names{{spec.vin, u"VIN"_s},
                                             {spec.primarySerial, u"Primary serial"_s},
                                             {spec.primaryHardwareId, u"hardware id"_s}};
    QList<EcuPlan> plans{{spec.primarySerial, spec.primaryHardwareId, true, Vehicle::Verification::Full}};
    for (const SecondarySpec &secondary : spec.secondaries) {
        names.append({secondary.serial, u"Secondary serial"_s});
        names.append({secondary.hardwareId, u"hardware id"_s});
        plans.append({secondary.serial, secondary.hardwareId, false, secondary.verification});
    }
    if (auto ok = checkNames(names); !ok)
        return ok;
    QSet<QString> serials;
    for (const EcuPlan &plan : std::as_const(plans)) {
        if (serials.contains(plan.serial))
            return fail(ErrorCode::InvalidArgument, u"ECU serial %1 appears twice"_s.arg(plan.serial));
        serials.insert(plan.serial);
    }
    Services::Inventory &inventory = services.director().inventory();
    const Services::Workspace &workspace = services.workspace();
    // A VIN is taken by the inventory or by ECU stores left on disk.
    const bool stored = QFileInfo::exists(QDir(workspace.vehiclesDir()).filePath(spec.vin))
                        && !QDir(QDir(workspace.vehiclesDir()).filePath(spec.vin))
                                .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                                .isEmpty();
    if (inventory.vehicle(spec.vin) || stored)
        return fail(ErrorCode::InvalidArgument, u"VIN %1 is taken"_s.arg(spec.vin));
    for (const EcuPlan &plan : std::as_const(plans)) {
        if (auto free = checkSerialFree(inventory, plan.serial); !free)
            return free;
    }

    QList<Services::EcuRegistration> registrations;
    for (const EcuPlan &plan : std::as_const(plans)) {
        auto registration = makeEcuKey(workspace, spec.vin, plan.serial, plan.hardwareId);
        if (!registration)
            return fail(registration.error());
        registrations.append(*registration);
    }
    if (auto registered = services.director().registerVehicle(spec.vin, registrations.first(), registrations.mid(1));
        !registered)
        return registered;
    return provisionEcus(services, spec.vin, plans, now);
}

// The services' part of addSecondary.
Result<void> registerSecondary(Services::OemServices &services, const QString &vin, const SecondarySpec &spec,
                               const QDateTime &now)
{
    if (auto ok = checkNames({{spec.serial, u"Secondary serial"_s}, {spec.hardwareId, u"hardware id"_s}}); !ok)
        return ok;
    Services::Inventory &inventory = services.director().inventory();
    if (!inventory.vehicle(vin))
        return fail(ErrorCode::UnknownVehicle, u"the Director does not know %1"_s.arg(vin));
    if (auto free = checkSerialFree(inventory, spec.serial); !free)
        return free;
    auto registration = makeEcuKey(services.workspace(), vin, spec.serial, spec.hardwareId);
    if (!registration)
        return fail(registration.error());
    if (auto registered = services.director().registerEcu(vin, *registration); !registered)
        return registered;
    return provisionEcus(services, vin, {{spec.serial, spec.hardwareId, false, spec.verification}}, now);
}

// What a fleet job hands from the services thread to the owner.
struct FleetJob
{
    Result<void> result;
    std::unique_ptr<VehicleSlot> slot;
};

// Every metadata file in dir (name -> bytes): the files the repository serves, not the
// temporary ones an atomic write leaves for a moment.
Result<QMap<QString, QByteArray>> readMetadataDir(const QString &dir, const QString &ext)
{
    QMap<QString, QByteArray> files;
    const QDir root(dir);
    for (const QString &name : root.entryList({u"*."_s + ext}, QDir::Files, QDir::Name)) {
        QFile file(root.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            if (!file.exists())
                continue;  // replaced by a publish while we looked
            return fail(ErrorCode::IoError, u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString()));
        }
        files.insert(name, file.readAll());
    }
    return files;
}

} // namespace

Result<std::unique_ptr<VehicleSlot>> openVehicleSlot(const QString &vehiclesDir, const QString &vin,
                                                     const QString &baseUrl, int lowSpeedSeconds,
                                                     const VehicleSnapshot *previous)
{
    Net::FetchOptions fetchOptions;
    fetchOptions.lowSpeedSeconds = lowSpeedSeconds;
    auto slot = std::make_unique<VehicleSlot>();
    slot->fetcher = std::make_unique<Net::CurlFetcher>(fetchOptions);
    auto vehicle = Vehicle::Vehicle::open(vehiclesDir, vin, *slot->fetcher, {baseUrl, {}});
    if (!vehicle)
        return fail(vehicle.error().context(u"vehicle %1"_s.arg(vin)));
    slot->vehicle = std::move(*vehicle);
    slot->snapshot = buildSnapshot(*slot->vehicle, nullptr, previous);
    return slot;
}

void Lab::Private::wire(const QString &vin, VehicleSlot &slot)
{
    // Called on the worker thread that runs the cycle: hop to the owner's.
    Lab *lab = &q;
    slot.vehicle->setEventCallback([lab](const LabEvent &event) {
        QMetaObject::invokeMethod(lab, [lab, event] { Q_EMIT lab->eventEmitted(event); }, Qt::QueuedConnection);
    });
    Attacks::Adversary *adversary = &this->adversary;
    slot.vehicle->bus().setInterceptor([adversary, vin](const QString &from, const QString &to,
                                                        const QByteArray &bytes, bool isReply) {
        return adversary->onBus(vin, from, to, bytes, isReply);
    });
    slot.vehicle->setMaliciousImages(malicious);
}

void Lab::Private::install(const QString &vin, std::unique_ptr<VehicleSlot> slot)
{
    wire(vin, *slot);
    const bool added = vehicles.find(vin) == vehicles.end();
    // A reopened vehicle replaces one that is idle (reopening kept its cycles away).
    vehicles[vin] = std::move(slot);
    Q_EMIT q.vehicleChanged(vehicles[vin]->snapshot);
    if (added)
        Q_EMIT q.vehiclesChanged();
}

QList<VehicleSnapshot> Lab::snapshots() const
{
    QList<VehicleSnapshot> list;
    for (const auto &[vin, slot] : d->vehicles)
        list.append(slot->snapshot);
    return list;
}

std::optional<VehicleSnapshot> Lab::snapshot(const QString &vin) const
{
    const auto it = d->vehicles.find(vin);
    if (it == d->vehicles.end())
        return std::nullopt;
    return it->second->snapshot;
}

void Lab::Private::changeFleet(const QString &vin, FleetChange change, std::optional<VehicleSnapshot> previous,
                               std::function<void(Result<void>)> done)
{
    OemHost *host = this->host;
    const ManualClock *clock = &this->clock;
    const QString url = baseUrl;
    const int lowSpeed = options.lowSpeedSeconds;
    QMetaObject::invokeMethod(host, [this, host, clock, url, lowSpeed, vin, change, previous, done] {
        auto job = std::make_shared<FleetJob>();
        job->result = change(host->services(), clock->now());
        if (job->result) {
            auto slot = openVehicleSlot(host->services().workspace().vehiclesDir(), vin, url, lowSpeed,
                                        previous ? &*previous : nullptr);
            if (slot)
                job->slot = std::move(*slot);
            else
                job->result = fail(slot.error());
        }
        // Back on the owner's thread (dropped should the lab be gone by then).
        QMetaObject::invokeMethod(&q, [this, job, vin, done] {
            if (const auto found = vehicles.find(vin); found != vehicles.end())
                found->second->reopening = false;
            if (job->slot)
                install(vin, std::move(job->slot));
            if (done)
                done(job->result);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void Lab::addVehicle(const VehicleSpec &spec, std::function<void(Result<void>)> done)
{
    if (!d->started || !d->host) {
        replyLater(this, std::move(done))(fail(ErrorCode::InvalidArgument, u"the lab is not started"_s));
        return;
    }
    d->changeFleet(spec.vin, [spec](Services::OemServices &services, const QDateTime &now) {
        return registerVehicle(services, spec, now);
    }, std::nullopt, std::move(done));
}

void Lab::addSecondary(const QString &vin, const SecondarySpec &spec, std::function<void(Result<void>)> done)
{
    const auto it = d->vehicles.find(vin);
    if (it == d->vehicles.end()) {
        replyLater(this, std::move(done))(fail(ErrorCode::UnknownVehicle, u"no vehicle %1 in the lab"_s.arg(vin)));
        return;
    }
    VehicleSlot &slot = *it->second;
    if (slot.worker || slot.reopening) {
        replyLater(this, std::move(done))(fail(ErrorCode::InvalidArgument, u"busy"_s));
        return;
    }
    // Until the reopened vehicle replaces this one, no cycle may start on it.
    slot.reopening = true;
    d->changeFleet(vin, [vin, spec](Services::OemServices &services, const QDateTime &now) {
        return registerSecondary(services, vin, spec, now);
    }, slot.snapshot, std::move(done));
}

void Lab::readRepositoryMetadata(const QString &node, std::function<void(Result<QMap<QString, QByteArray>>)> done)
{
    using Files = Result<QMap<QString, QByteArray>>;
    const auto reply = replyLater(this, std::move(done));
    if (!d->host) {
        reply(fail(ErrorCode::InvalidArgument, u"the lab is not started"_s));
        return;
    }
    OemHost *host = d->host;
    QMetaObject::invokeMethod(host, [host, node, reply] {
        if (!host->isStarted()) {
            reply(fail(ErrorCode::InvalidArgument, u"the services are not running"_s));
            return;
        }
        Services::OemServices &services = host->services();
        const QString ext = services.workspace().extension();
        if (node == u"imagerepo") {
            reply(readMetadataDir(services.images().metadataDir(), ext));
            return;
        }
        const QString prefix = u"director/"_s;
        if (!node.startsWith(prefix)) {
            reply(fail(ErrorCode::NotFound, u"no repository %1 (imagerepo or director/<vin>)"_s.arg(node)));
            return;
        }
        const QString vin = node.mid(prefix.size());
        if (!services.director().inventory().vehicle(vin)) {
            reply(fail(ErrorCode::UnknownVehicle, u"the Director does not know %1"_s.arg(vin)));
            return;
        }
        auto dir = services.director().metadataDir(vin);
        reply(dir ? readMetadataDir(*dir, ext) : Files(fail(dir.error())));
    }, Qt::QueuedConnection);
}

} // namespace Uptane::Lab
