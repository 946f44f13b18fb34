// Director manifest processing (Uptane Standard §5.3.2): Vehicle Version Manifests per second
// for a vehicle with 1 Primary and 4 Secondaries, each manifest carrying 5 signed ECU
// manifests with fresh nonces, Ed25519 keys, both encodings.
//
//   BM_DirectorReceiveManifest  DirectorRepository::receiveManifest: parse, 6 signature
//                               checks, inventory lookups and the recording transaction
//                               (SQLite, WAL, synchronous=NORMAL) on a real workspace.
//   BM_DirectorVerifyManifest   the checks alone (verifyVehicleManifest over in-memory
//                               records): what the Director costs without its database.
//
// Signing the manifests (what vehicles do) happens outside the timed region.

#include "services/directorrepository.h"
#include "services/imagerepository.h"
#include "services/keyring.h"
#include "services/manifestverifier.h"
#include "services/workspace.h"
#include "vehiclefixture.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

using namespace Uptane;
using namespace Uptane::Services;
using namespace Uptane::Test;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kBenchNow = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);

Metadata::Encoding encodingOf(const benchmark::State &state)
{
    return state.range(0) == 0 ? Metadata::Encoding::Json : Metadata::Encoding::Der;
}

TestVehicle benchVehicle()
{
    QList<Crypto::PrivateKey> ecuKeys;
    for (int i = 0; i < 5; ++i)
        ecuKeys.append(*Crypto::PrivateKey::generate(Crypto::KeyType::Ed25519));
    return makeVehicle(u"benchcar"_s, ecuKeys);
}

// Qt Sql loads its driver as a plugin, which wants an application object.
void ensureApplication()
{
    static int argc = 1;
    static char name[] = "uptane_bench";
    static char *argv[] = {name, nullptr};
    if (!QCoreApplication::instance())
        new QCoreApplication(argc, argv);  // lives until the process exits
}

void BM_DirectorReceiveManifest(benchmark::State &state)
{
    ensureApplication();
    const Metadata::Encoding encoding = encodingOf(state);
    QTemporaryDir dir;
    ManualClock clock(kBenchNow);
    auto workspace = Workspace::open(dir.path(), encoding);
    KeyRing keys(workspace->keysDir());
    auto images = ImageRepository::open(*workspace, keys, clock);
    auto director = DirectorRepository::open(*workspace, keys, clock, **images);
    if (!workspace || !images || !director) {
        state.SkipWithError("cannot set up the workspace");
        return;
    }
    const TestVehicle car = benchVehicle();
    QList<EcuRegistration> secondaries;
    for (const TestEcu &ecu : car.ecus.mid(1))
        secondaries.append({ecu.serial, ecu.hardwareId, ecu.key.publicKey()});
    if (!(*director)->registerVehicle(car.vin, {car.primary().serial, car.primary().hardwareId,
                                                car.primary().key.publicKey()}, secondaries)) {
        state.SkipWithError("cannot register the vehicle");
        return;
    }

    qint64 nonce = 0;
    qint64 bytes = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const QByteArray manifest = serializeVehicleManifest(vehicleManifestBody(car, encoding, nonce, kBenchNow),
                                                             encoding, car.primary().key);
        nonce += car.ecus.size();
        bytes += manifest.size();
        state.ResumeTiming();
        if (auto receipt = (*director)->receiveManifest(car.vin, manifest); !receipt) {
            state.SkipWithError(qPrintable(receipt.error().toString()));
            return;
        }
    }
    state.counters["manifests/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["bytes/manifest"] = state.iterations() ? double(bytes) / double(state.iterations()) : 0.0;
}

void BM_DirectorVerifyManifest(benchmark::State &state)
{
    const Metadata::Encoding encoding = encodingOf(state);
    const TestVehicle car = benchVehicle();
    const VehicleInventory inventory{car.record(kBenchNow), car.ecuRecords()};
    const VehicleLookup lookup = [&](const QString &) -> Result<std::optional<VehicleInventory>> {
        return std::optional<VehicleInventory>(inventory);
    };
    const NonceLookup nonceSeen = [](const QString &, const QString &, qint64) -> Result<bool> { return false; };

    qint64 nonce = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const QByteArray manifest = serializeVehicleManifest(vehicleManifestBody(car, encoding, nonce, kBenchNow),
                                                             encoding, car.primary().key);
        nonce += car.ecus.size();
        state.ResumeTiming();
        auto verified = verifyVehicleManifest(manifest, {encoding, car.vin}, lookup, nonceSeen);
        if (!verified) {
            state.SkipWithError(qPrintable(verified.error().toString()));
            return;
        }
        benchmark::DoNotOptimize(verified);
    }
    state.counters["manifests/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}

} // namespace

// Argument: 0 = JSON, 1 = DER. Rates in wall-clock time (the recording waits for the disk).
BENCHMARK(BM_DirectorReceiveManifest)->ArgName("der")->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_DirectorVerifyManifest)->ArgName("der")->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();
