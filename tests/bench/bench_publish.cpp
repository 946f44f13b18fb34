// Publish time of the RepositoryWriter: a targets role already listing N images (10, 100,
// 1,000) gets one changed entry, then publish() signs targets, snapshot and timestamp
// (Ed25519) and writes the seven files atomically (QSaveFile: temporary, fsync, rename; a
// directory fsync before and after timestamp.<ext>). JSON against DER. The repository lives
// in a QTemporaryDir (TMPDIR decides which file system, and fsync cost depends on it).

#include "services/keyring.h"
#include "services/repositorywriter.h"

#include "crypto/hash.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <memory>

using namespace Uptane;
using namespace Uptane::Services;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kNow = QDateTime::fromSecsSinceEpoch(1'750'000'000, Qt::UTC);

Metadata::TargetFile image(int index, int revision)
{
    const QByteArray content = QByteArray::number(index) + '/' + QByteArray::number(revision);
    Metadata::TargetFile file;
    file.path = u"firmware/ecu-%1.img"_s.arg(index);
    file.length = 1024 * 1024 + index;
    file.hashes.insert(u"sha256"_s, Crypto::sha256(content));
    file.hashes.insert(u"sha512"_s, Crypto::sha512(content));
    file.hardwareId = u"hw-%1"_s.arg(index % 7);
    file.releaseCounter = revision;
    file.hasCustom = true;
    return file;
}

void BM_Publish(benchmark::State &state)
{
    const auto encoding = state.range(0) == 0 ? Metadata::Encoding::Json : Metadata::Encoding::Der;
    const int images = int(state.range(1));
    state.SetLabel(Metadata::encodingName(encoding).toStdString());

    QTemporaryDir dir;
    KeyRing keys(dir.path() + u"/keys"_s);
    ManualClock clock(kNow);
    RepositoryWriter writer(dir.path() + u"/metadata"_s, encoding, keys, clock, u"bench"_s);
    QMap<QString, RoleKeyNames> roles;
    for (const QString &role : {u"root"_s, u"targets"_s, u"snapshot"_s, u"timestamp"_s}) {
        const QString name = u"bench-"_s + role;
        if (!keys.loadOrCreate(name, Crypto::KeyType::Ed25519, role == u"root"_s)) {
            state.SkipWithError("key generation failed");
            return;
        }
        roles.insert(role, {{name}, 1});
    }
    Metadata::Targets initial;
    for (int i = 0; i < images; ++i) {
        const Metadata::TargetFile file = image(i, 0);
        initial.targets.insert(file.path, file);
    }
    if (!writer.initialize(roles, initial)) {
        state.SkipWithError("initialize failed");
        return;
    }

    int revision = 0;
    for (auto _ : state) {
        ++revision;
        if (!writer.addTarget(u"targets"_s, image(revision % images, revision))) {
            state.SkipWithError("addTarget failed");
            return;
        }
        auto result = writer.publish();
        if (!result) {
            state.SkipWithError(qPrintable(result.error().toString()));
            return;
        }
    }
    state.counters["targets_bytes"] = double(QFileInfo(dir.path() + u"/metadata/targets."_s
                                                       + Metadata::fileExtension(encoding)).size());
    state.counters["publishes/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}

} // namespace

BENCHMARK(BM_Publish)
    ->ArgNames({"der", "images"})
    ->ArgsProduct({{0, 1}, {10, 100, 1000}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
