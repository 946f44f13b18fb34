#include "lab/lab.h"
#include "lab/lab_p.h"

#include "lab/oemhost.h"
#include "lab/vehiclefleet.h"
#include "net/httphost.h"
#include "services/oemservices.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Uptane::Lab {

namespace {

// VINs under vehiclesDir with at least one provisioned ECU (a directory with ecu.json).
QStringList provisionedVins(const QString &vehiclesDir)
{
    QStringList vins;
    const QDir root(vehiclesDir);
    for (const QString &vin : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir vehicle(root.filePath(vin));
        const QStringList ecus = vehicle.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        if (std::any_of(ecus.cbegin(), ecus.cend(), [&](const QString &ecu) {
                return QFileInfo::exists(vehicle.filePath(ecu + u"/ecu.json"_s));
            })) {
            vins.append(vin);
        }
    }
    return vins;
}

// The start job, on the services thread: the services and HTTP, the demo vehicle, then every
// provisioned vehicle opened (disk reads stay off the owner's thread).
Result<void> openOnServices(OemHost &host, const LabOptions &options, const QDateTime &now,
                            Attacks::Adversary &adversary, Opened &opened)
{
    if (auto started = host.start(); !started)
        return fail(started.error());
    // The man in the middle sits in every exchange; it does nothing while no action is set.
    host.http()->setRequestFilter([&adversary](Net::HttpExchange &exchange) { adversary.onRequest(exchange); });
    host.http()->setResponseFilter([&adversary](Net::HttpExchange &exchange) { adversary.onResponse(exchange); });
    opened.baseUrl = host.baseUrl();
    if (options.demoFleet) {
        if (auto provisioned = provisionDemoVehicle(host.services(), now); !provisioned)
            return fail(provisioned.error().context(u"demo vehicle"_s));
    }
    const QString vehiclesDir = host.services().workspace().vehiclesDir();
    for (const QString &vin : provisionedVins(vehiclesDir)) {
        auto slot = openVehicleSlot(vehiclesDir, vin, opened.baseUrl, options.lowSpeedSeconds);
        if (!slot)
            return fail(slot.error());
        opened.vehicles.emplace(vin, std::move(*slot));
    }
    return {};
}

} // namespace

void Lab::Private::finishStart(Opened &opened)
{
    starting = false;
    if (!opened.result) {
        stopServices();
        Q_EMIT q.started(opened.result);
        return;
    }
    baseUrl = opened.baseUrl;
    vehicles = std::move(opened.vehicles);
    for (auto &[vin, slot] : vehicles)
        wire(vin, *slot);
    started = true;
    // Snapshots first: whoever reacts to started() finds them in snapshots() already.
    for (const auto &[vin, slot] : vehicles)
        Q_EMIT q.vehicleChanged(slot->snapshot);
    Q_EMIT q.started(opened.result);
}

void Lab::Private::finishCycle(const QString &vin)
{
    const auto it = vehicles.find(vin);
    if (it == vehicles.end() || !it->second->worker)
        return;
    VehicleSlot &slot = *it->second;
    // finished() comes from the worker just before it ends: let it end.
    slot.worker->wait();
    slot.worker.reset();
    const Vehicle::CycleResult result = std::move(slot.result);
    slot.result = {};
    slot.snapshot = std::exchange(slot.cycleSnapshot, {});
    // The snapshot first, so a cycleFinished() handler reads the vehicle as the cycle left it.
    Q_EMIT q.vehicleChanged(slot.snapshot);
    Q_EMIT q.cycleFinished(vin, result);
}

void Lab::Private::stopServices()
{
    if (host) {
        // The host and the services belong to the services thread: delete them there. Jobs
        // queued before run first; nothing on that thread ever waits for the owner.
        OemHost *doomed = std::exchange(host, nullptr);
        QMetaObject::invokeMethod(doomed, [doomed] { delete doomed; }, Qt::BlockingQueuedConnection);
    }
    if (servicesThread) {
        servicesThread->quit();
        servicesThread->wait();
        servicesThread.reset();
    }
}

Lab::Lab(QObject *parent) : QObject(parent), d(std::make_unique<Private>(*this))
{
    qRegisterMetaType<Uptane::Result<void>>();
    qRegisterMetaType<Uptane::Vehicle::CycleResult>();
    qRegisterMetaType<Uptane::LabEvent>();
    qRegisterMetaType<Uptane::Lab::VehicleSnapshot>();
    // From the services thread (HTTP) or a cycle's worker (bus): hop to the owner's.
    d->adversary.setEventCallback([this](const LabEvent &event) {
        QMetaObject::invokeMethod(this, [this, event] { Q_EMIT eventEmitted(event); }, Qt::QueuedConnection);
    });
    // Before any worker thread touches libcurl.
    Net::initializeCurl();
}

Lab::~Lab()
{
    // A running cycle needs the services to answer: end the cycles first (their transfers
    // cancelled, so a stalled one does not hold us up), then the services.
    for (auto &[vin, slot] : d->vehicles) {
        if (slot->worker) {
            slot->fetcher->cancel();
            slot->worker->wait();
            slot->worker.reset();
        }
    }
    d->stopServices();
}

void Lab::start(const LabOptions &options)
{
    if (d->starting || d->started) {
        QMetaObject::invokeMethod(this, [this] {
            Q_EMIT started(fail(ErrorCode::InvalidArgument, u"the lab is started already"_s));
        }, Qt::QueuedConnection);
        return;
    }
    d->options = options;
    d->starting = true;

    OemHostOptions hostOptions;
    hostOptions.workspace = options.workspace;
    hostOptions.encoding = options.encoding;
    hostOptions.demoFleet = options.demoFleet;
    hostOptions.clock = &d->clock;
    d->servicesThread = std::make_unique<QThread>();
    d->servicesThread->setObjectName(u"uptane-services"_s);
    d->host = new OemHost(hostOptions);
    connect(d->host, &OemHost::eventEmitted, this, &Lab::eventEmitted, Qt::QueuedConnection);
    d->host->moveToThread(d->servicesThread.get());
    d->servicesThread->start();

    OemHost *host = d->host;
    const ManualClock *clock = &d->clock;
    Attacks::Adversary *adversary = &d->adversary;
    QMetaObject::invokeMethod(host, [this, host, options, clock, adversary] {
        auto opened = std::make_shared<Opened>();
        opened->result = openOnServices(*host, options, clock->now(), *adversary, *opened);
        QMetaObject::invokeMethod(this, [this, opened] { d->finishStart(*opened); }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

bool Lab::isStarted() const
{
    return d->started;
}

LabOptions Lab::options() const
{
    return d->options;
}

QString Lab::baseUrl() const
{
    return d->baseUrl;
}

ManualClock &Lab::clock()
{
    return d->clock;
}

QStringList Lab::vins() const
{
    QStringList vins;
    for (const auto &[vin, slot] : d->vehicles)
        vins.append(vin);
    return vins;
}

Result<void> Lab::runCycle(const QString &vin)
{
    const auto it = d->vehicles.find(vin);
    if (it == d->vehicles.end()) {
        return fail(ErrorCode::UnknownVehicle, d->started ? u"no vehicle %1 in the lab"_s.arg(vin)
                                                          : u"the lab is not started"_s);
    }
    VehicleSlot &slot = *it->second;
    if (slot.worker || slot.reopening)
        return fail(ErrorCode::InvalidArgument, u"busy"_s);

    slot.vehicle->setMaliciousImages(d->malicious);
    // Every cycle sees a later time: attestations stay fresh and monotonic.
    d->clock.advance(1);
    VehicleSlot *running = &slot;
    slot.worker.reset(QThread::create([running] {
        running->result = running->vehicle->runCycle();
        // Built here, before the vehicle is released: the stores as this cycle left them.
        running->cycleSnapshot = buildSnapshot(*running->vehicle, &running->result, &running->snapshot);
    }));
    slot.worker->setObjectName(u"uptane-cycle-"_s + vin);
    connect(slot.worker.get(), &QThread::finished, this, [this, vin] { d->finishCycle(vin); },
            Qt::QueuedConnection);
    slot.worker->start();
    return {};
}

bool Lab::isCycling(const QString &vin) const
{
    const auto it = d->vehicles.find(vin);
    return it != d->vehicles.end() && it->second->worker != nullptr;
}

void Lab::runOnServices(std::function<Result<void>(Services::OemServices &)> f,
                        std::function<void(Result<void>)> done)
{
    // done always runs later on the owner's thread, never inside this call.
    const auto reply = replyLater(this, std::move(done));
    if (!d->host) {
        reply(fail(ErrorCode::InvalidArgument, u"the lab is not started"_s));
        return;
    }
    OemHost *host = d->host;
    QMetaObject::invokeMethod(host, [host, f = std::move(f), reply] {
        if (!host->isStarted())
            reply(fail(ErrorCode::InvalidArgument, u"the services are not running"_s));
        else if (!f)
            reply(fail(ErrorCode::InvalidArgument, u"no service operation given"_s));
        else
            reply(f(host->services()));
    }, Qt::QueuedConnection);
}

Result<void> Lab::startAndWait(const LabOptions &options)
{
    std::optional<Result<void>> result;
    QEventLoop loop;
    connect(this, &Lab::started, &loop, [&](const Result<void> &started) {
        result = started;
        loop.quit();
    });
    start(options);
    if (!result)
        loop.exec();
    return *result;
}

Result<Vehicle::CycleResult> Lab::runCycleAndWait(const QString &vin)
{
    std::optional<Vehicle::CycleResult> result;
    QEventLoop loop;
    connect(this, &Lab::cycleFinished, &loop, [&](const QString &finished, const Vehicle::CycleResult &cycle) {
        if (finished != vin)
            return;
        result = cycle;
        loop.quit();
    });
    if (auto running = runCycle(vin); !running)
        return fail(running.error());
    if (!result)
        loop.exec();
    return *result;
}

Result<void> Lab::runOnServicesAndWait(std::function<Result<void>(Services::OemServices &)> f)
{
    std::optional<Result<void>> result;
    QEventLoop loop;
    runOnServices(std::move(f), [&](const Result<void> &done) {
        result = done;
        loop.quit();
    });
    if (!result)
        loop.exec();
    return *result;
}

void Lab::setMaliciousImages(const Vehicle::MaliciousImages &images)
{
    // Handed to each vehicle when its next cycle starts (a running one is not touched).
    d->malicious = images;
}

Attacks::Adversary &Lab::adversary()
{
    return d->adversary;
}

} // namespace Uptane::Lab
