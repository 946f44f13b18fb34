#include "lab/lab.h"

#include "attacks/adversary.h"
#include "lab/oemhost.h"
#include "lab/vehiclefleet.h"
#include "net/curlfetcher.h"
#include "net/httphost.h"
#include "services/oemservices.h"
#include "vehicle/vehicle.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QThread>

#include <map>

using namespace Qt::StringLiterals;

namespace Uptane::Lab {

namespace {

// One opened vehicle. The Vehicle lives on the owner's side, but its cycles run on a worker
// thread; runCycle() refuses a second cycle while one runs, so the vehicle (and its fetcher)
// is only ever used by one thread at a time.
struct VehicleSlot
{
    std::unique_ptr<Net::CurlFetcher> fetcher;  // declared first: outlives the vehicle
    std::unique_ptr<Vehicle::Vehicle> vehicle;
    std::unique_ptr<QThread> worker;            // the running cycle, if any
    Vehicle::CycleResult result;                // written by the worker, read once it finished
};

using VehicleMap = std::map<QString, std::unique_ptr<VehicleSlot>>;

// What the start job hands from the services thread to the owner.
struct Opened
{
    Result<void> result;
    QString baseUrl;
    VehicleMap vehicles;
};

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
    Net::FetchOptions fetchOptions;
    fetchOptions.lowSpeedSeconds = options.lowSpeedSeconds;
    for (const QString &vin : provisionedVins(vehiclesDir)) {
        auto slot = std::make_unique<VehicleSlot>();
        slot->fetcher = std::make_unique<Net::CurlFetcher>(fetchOptions);
        auto vehicle = Vehicle::Vehicle::open(vehiclesDir, vin, *slot->fetcher, {opened.baseUrl, {}});
        if (!vehicle)
            return fail(vehicle.error().context(u"vehicle %1"_s.arg(vin)));
        slot->vehicle = std::move(*vehicle);
        opened.vehicles.emplace(vin, std::move(slot));
    }
    return {};
}

} // namespace

struct Lab::Private
{
    explicit Private(Lab &lab) : q(lab) {}

    Lab &q;
    ManualClock clock{SystemClock().now()};
    // Declared before the vehicles, so destroyed after them (their bus interceptors refer to
    // it); the host, whose HTTP filters refer to it too, is deleted in ~Lab.
    Attacks::Adversary adversary;
    LabOptions options;
    bool starting = false;
    bool started = false;
    QString baseUrl;
    std::unique_ptr<QThread> servicesThread;
    OemHost *host = nullptr;  // lives on servicesThread and is deleted there (stopServices)
    VehicleMap vehicles;
    Vehicle::MaliciousImages malicious;

    void finishStart(Opened &opened);
    void finishCycle(const QString &vin);
    void stopServices();
};

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
    for (auto &[vin, slot] : vehicles) {
        // Called on the worker thread that runs the cycle: hop to the owner's.
        Lab *lab = &q;
        slot->vehicle->setEventCallback([lab](const LabEvent &event) {
            QMetaObject::invokeMethod(lab, [lab, event] { Q_EMIT lab->eventEmitted(event); },
                                      Qt::QueuedConnection);
        });
        Attacks::Adversary *adversary = &this->adversary;
        slot->vehicle->bus().setInterceptor([adversary, vin](const QString &from, const QString &to,
                                                             const QByteArray &bytes, bool isReply) {
            return adversary->onBus(vin, from, to, bytes, isReply);
        });
    }
    started = true;
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
    if (slot.worker)
        return fail(ErrorCode::InvalidArgument, u"busy"_s);

    slot.vehicle->setMaliciousImages(d->malicious);
    // Every cycle sees a later time: attestations stay fresh and monotonic.
    d->clock.advance(1);
    VehicleSlot *running = &slot;
    slot.worker.reset(QThread::create([running] { running->result = running->vehicle->runCycle(); }));
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
    auto reply = [this, done](const Result<void> &result) {
        QMetaObject::invokeMethod(this, [done, result] {
            if (done)
                done(result);
        }, Qt::QueuedConnection);
    };
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
