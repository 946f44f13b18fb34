// Update cycles end to end: the OEM services over real HTTP on 127.0.0.1 (their own thread,
// as in the product) and vehicles whose Primary fetches with libcurl and feeds its
// Secondaries over the VehicleBus. Both encodings (range(0): 0 JSON, 1 DER).
//
//   BM_CycleFull     one vehicle, 1 Primary + 3 Secondaries, all full verification; every
//                    iteration delivers a new 1 MiB image to the three Secondaries (publishing
//                    it is outside the timed region). Wall time and process CPU time (every
//                    thread: services included).
//   BM_CycleFleet    range(1) vehicles of the same shape updating to one new image, run on
//                    two worker threads (this machine's cores): vehicles per second.
//
// Counters: "verifies" = signature verifications per vehicle cycle (every ECU, both
// repositories, attestation, manifests at the Director), counted by PublicKey::verifyCount();
// "bound_ms" = verifies x the raw OpenSSL Ed25519 verify time measured in the same run (per
// vehicle, divided by the two threads for the fleet): the floor that signatures alone set.

#include "crypto/keys.h"
#include "lab/oemhost.h"
#include "net/curlfetcher.h"
#include "services/oemservices.h"
#include "vehicle/vehicle.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <chrono>
#include <memory>
#include <thread>

using namespace Uptane;
using namespace Qt::StringLiterals;

namespace {

const QString kHardware = u"bench-ecu"_s;
constexpr int kSecondaries = 3;

[[noreturn]] void die(const QString &what)
{
    std::fprintf(stderr, "bench_cycle: %s\n", qPrintable(what));
    std::abort();
}

template <typename T>
T orDie(Result<T> result, const QString &what)
{
    if (!result)
        die(what + u": "_s + result.error().toString());
    return std::move(*result);
}
void orDie(Result<void> result, const QString &what)
{
    if (!result)
        die(what + u": "_s + result.error().toString());
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        die(u"cannot read "_s + path);
    return file.readAll();
}

// Microseconds per raw OpenSSL Ed25519 verification (EVP, key parsed once), this run.
double rawEd25519VerifyMicros()
{
    static const double micros = [] {
        auto key = orDie(Crypto::PrivateKey::generate(Crypto::KeyType::Ed25519), u"key"_s);
        const QByteArray message(300, 'm');
        const QByteArray signature = orDie(key.sign(message), u"sign"_s);
        const QByteArray raw = key.publicKey().raw();
        EVP_PKEY *pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                                     reinterpret_cast<const unsigned char *>(raw.constData()),
                                                     size_t(raw.size()));
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        constexpr int kRounds = 4000;
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < kRounds; ++i) {
            EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, pkey);
            if (EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(signature.constData()),
                                 size_t(signature.size()),
                                 reinterpret_cast<const unsigned char *>(message.constData()),
                                 size_t(message.size())) != 1)
                die(u"raw verify failed"_s);
        }
        const double elapsed = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
        EVP_MD_CTX_free(ctx);
        EVP_PKEY_free(pkey);
        return elapsed / kRounds;
    }();
    return micros;
}

// The OEM side on its own thread, plus vehicles provisioned against it.
class BenchLab
{
public:
    explicit BenchLab(Metadata::Encoding encoding) : m_encoding(encoding)
    {
        static int argc = 1;
        static char name[] = "uptane_bench";
        static char *argv[] = {name, nullptr};
        if (!QCoreApplication::instance())
            new QCoreApplication(argc, argv);
        Net::initializeCurl();
        m_thread.start();
        m_context.moveToThread(&m_thread);
        onServices([this] {
            Lab::OemHostOptions options;
            options.workspace = m_dir.path();
            options.encoding = m_encoding;
            options.demoFleet = false;
            m_host = std::make_unique<Lab::OemHost>(options);
            orDie(m_host->start(), u"services"_s);
        });
        m_vehicles = m_dir.path() + u"/vehicles"_s;
    }
    ~BenchLab()
    {
        onServices([this] { m_host.reset(); });
        m_thread.quit();
        m_thread.wait();
    }

    QString baseUrl() const { return m_host->baseUrl(); }
    QString vehiclesDir() const { return m_vehicles; }

    // Runs f on the services thread and waits for it.
    void onServices(const std::function<void()> &f)
    {
        QMetaObject::invokeMethod(&m_context, f, Qt::BlockingQueuedConnection);
    }

    // Registers vin (Primary + kSecondaries Secondaries, all full) and provisions its ECUs.
    void addVehicle(const QString &vin)
    {
        onServices([&] {
            Services::OemServices &services = m_host->services();
            if (!services.images().findImage(u"factory.img"_s))
                orDie(services.images().addImage(u"factory.img"_s, QByteArray(4096, 'f'), kHardware, 1), u"factory"_s);
            QList<std::pair<Services::EcuRegistration, Crypto::PrivateKey>> ecus;
            for (int i = 0; i <= kSecondaries; ++i) {
                auto key = orDie(Crypto::PrivateKey::generate(Crypto::KeyType::Ed25519), u"ECU key"_s);
                const QString serial = (i == 0 ? u"PRI"_s : u"SEC%1"_s.arg(i)) + vin;
                ecus.append({{serial, kHardware, key.publicKey()}, key});
            }
            QList<Services::EcuRegistration> secondaries;
            for (int i = 1; i <= kSecondaries; ++i)
                secondaries.append(ecus.at(i).first);
            orDie(services.director().registerVehicle(vin, ecus.first().first, secondaries), u"register"_s);
            const QString ext = Metadata::fileExtension(m_encoding);
            const Metadata::TargetFile factory = orDie(services.images().findImage(u"factory.img"_s), u"find"_s);
            const QByteArray factoryBytes = readAll(orDie(services.images().imageFilePath(u"factory.img"_s), u"path"_s));
            for (const auto &[registration, key] : ecus) {
                Vehicle::EcuProvisioning ecu;
                ecu.config.vin = vin;
                ecu.config.serial = registration.serial;
                ecu.config.hardwareId = kHardware;
                ecu.config.primary = registration.serial == ecus.first().first.serial;
                ecu.config.encoding = m_encoding;
                ecu.config.timeServerKey = services.timeServer().publicKey();
                ecu.key = key;
                ecu.directorRoot = readAll(orDie(services.director().metadataDir(vin), u"dir"_s) + u"/root."_s + ext);
                ecu.imageRoot = readAll(services.workspace().imageRepoMetadataDir() + u"/root."_s + ext);
                ecu.factoryImage = factory;
                ecu.factoryImageBytes = factoryBytes;
                ecu.factoryTime = QDateTime::currentDateTimeUtc();
                orDie(Vehicle::provisionEcu(m_vehicles + u'/' + vin + u'/' + registration.serial, ecu), u"provision"_s);
            }
        });
    }

    // Publishes a new image of `bytes` bytes and assigns it to every Secondary of vins.
    void release(const QStringList &vins, qsizetype bytes)
    {
        onServices([&] {
            Services::OemServices &services = m_host->services();
            ++m_release;
            const QString path = u"release-%1.img"_s.arg(m_release);
            QByteArray content(bytes, '\0');
            for (qsizetype i = 0; i < bytes; ++i)
                content[i] = char((i * 131 + m_release) & 0xff);
            orDie(services.images().addImage(path, content, kHardware, m_release + 1), u"add image"_s);
            for (const QString &vin : vins) {
                for (int i = 1; i <= kSecondaries; ++i)
                    orDie(services.director().assign(vin, u"SEC%1"_s.arg(i) + vin, path), u"assign"_s);
            }
        });
    }

private:
    Metadata::Encoding m_encoding;
    QTemporaryDir m_dir;
    QThread m_thread;
    QObject m_context;
    std::unique_ptr<Lab::OemHost> m_host;
    QString m_vehicles;
    qint64 m_release = 1;
};

void checkOutcomes(const Vehicle::CycleResult &result, benchmark::State &state)
{
    for (const Vehicle::EcuOutcome &outcome : result.outcomes) {
        if (outcome.verdict != Vehicle::Verdict::Updated && outcome.verdict != Vehicle::Verdict::UpToDate) {
            state.SkipWithError(qPrintable(outcome.serial + u": "_s + Vehicle::verdictName(outcome.verdict)
                                           + (outcome.error ? u" "_s + outcome.error->toString() : QString())));
            return;
        }
    }
    if (result.manifestError)
        state.SkipWithError(qPrintable(u"manifest: "_s + result.manifestError->toString()));
}

void BM_CycleFull(benchmark::State &state)
{
    const auto encoding = state.range(0) == 0 ? Metadata::Encoding::Json : Metadata::Encoding::Der;
    BenchLab lab(encoding);
    const QString vin = u"benchcar"_s;
    lab.addVehicle(vin);
    Net::CurlFetcher fetcher;
    auto vehicle = orDie(Vehicle::Vehicle::open(lab.vehiclesDir(), vin, fetcher, {lab.baseUrl(), {}}), u"open"_s);
    checkOutcomes(vehicle->runCycle(), state);  // the first cycle: nothing assigned yet

    quint64 verifies = 0;
    for (auto _ : state) {
        state.PauseTiming();
        lab.release({vin}, 1024 * 1024);
        const quint64 before = Crypto::PublicKey::verifyCount();
        state.ResumeTiming();
        const Vehicle::CycleResult result = vehicle->runCycle();
        state.PauseTiming();
        verifies = Crypto::PublicKey::verifyCount() - before;
        checkOutcomes(result, state);
        state.ResumeTiming();
    }
    state.counters["verifies"] = double(verifies);
    state.counters["bound_ms"] = double(verifies) * rawEd25519VerifyMicros() / 1000.0;
    state.SetBytesProcessed(int64_t(state.iterations()) * 1024 * 1024 * kSecondaries);
}

void BM_CycleFleet(benchmark::State &state)
{
    const auto encoding = state.range(0) == 0 ? Metadata::Encoding::Json : Metadata::Encoding::Der;
    const int count = int(state.range(1));
    constexpr int kThreads = 2;
    BenchLab lab(encoding);
    QStringList vins;
    for (int i = 0; i < count; ++i) {
        vins.append(u"fleet%1"_s.arg(i));
        lab.addVehicle(vins.last());
    }
    // A fetcher and a vehicle per car; each thread runs its share of the cars in turn.
    std::vector<std::unique_ptr<Net::CurlFetcher>> fetchers;
    std::vector<std::unique_ptr<Vehicle::Vehicle>> vehicles;
    for (const QString &vin : vins) {
        fetchers.push_back(std::make_unique<Net::CurlFetcher>());
        vehicles.push_back(orDie(Vehicle::Vehicle::open(lab.vehiclesDir(), vin, *fetchers.back(), {lab.baseUrl(), {}}),
                                 u"open"_s));
        checkOutcomes(vehicles.back()->runCycle(), state);
    }
    quint64 verifies = 0;
    for (auto _ : state) {
        state.PauseTiming();
        lab.release(vins, 64 * 1024);
        const quint64 before = Crypto::PublicKey::verifyCount();
        std::vector<Vehicle::CycleResult> results(static_cast<size_t>(count));
        state.ResumeTiming();
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int i = t; i < count; i += kThreads)
                    results[size_t(i)] = vehicles[size_t(i)]->runCycle();
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        state.PauseTiming();
        verifies = (Crypto::PublicKey::verifyCount() - before) / quint64(count);
        for (const Vehicle::CycleResult &result : results)
            checkOutcomes(result, state);
        state.ResumeTiming();
    }
    state.counters["vehicles_per_s"] = benchmark::Counter(double(count) * double(state.iterations()),
                                                          benchmark::Counter::kIsRate);
    state.counters["verifies"] = double(verifies);
    // The floor for the whole fleet per iteration, with the verifications spread on the threads.
    state.counters["bound_ms"] = double(verifies) * count * rawEd25519VerifyMicros() / 1000.0 / kThreads;
}

} // namespace

BENCHMARK(BM_CycleFull)->Args({0})->Args({1})->Unit(benchmark::kMillisecond)->UseRealTime()
    ->MeasureProcessCPUTime()->Iterations(10);
BENCHMARK(BM_CycleFleet)->Args({0, 8})->Args({1, 8})->Unit(benchmark::kMillisecond)->UseRealTime()
    ->MeasureProcessCPUTime()->Iterations(5);
