// A full client refresh of a repository with 1,000 targets in 10 delegated roles: root chain,
// timestamp, snapshot, top-level targets, then one target looked up in each delegated role
// (so every delegated role is fetched and verified), from an in-memory fetcher into an empty
// MemoryStore, Ed25519 keys, both encodings. The repository is built once, outside the timed
// loop, with the test RepositoryBuilder (tests/verify/repobuilder.h). A second benchmark
// measures the common case of a refresh where nothing changed (store already populated).

#include "repobuilder.h"

#include "verify/updater.h"

#include <benchmark/benchmark.h>

#include <memory>

using namespace Uptane;
using namespace Uptane::Test;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kNow = QDateTime::fromSecsSinceEpoch(1'750'000'000, Qt::UTC);
const QString kMetadataUrl = u"http://repo.bench/metadata/"_s;
const QString kTargetsUrl = u"http://repo.bench/targets/"_s;
constexpr int kRoles = 10;
constexpr int kTargetsPerRole = 100;

struct Repository
{
    KeyPool keys{Crypto::KeyType::Ed25519};
    std::unique_ptr<RepositoryBuilder> builder;
    qint64 metadataBytes = 0;
};

const Repository &repository(Metadata::Encoding encoding)
{
    static std::unique_ptr<Repository> built[2];
    std::unique_ptr<Repository> &slot = built[encoding == Metadata::Encoding::Json ? 0 : 1];
    if (!slot) {
        slot = std::make_unique<Repository>();
        slot->builder = std::make_unique<RepositoryBuilder>(encoding, slot->keys, kNow);
        RepositoryBuilder &r = *slot->builder;
        for (int role = 0; role < kRoles; ++role) {
            Metadata::DelegatedRole delegated;
            delegated.name = u"role-%1"_s.arg(role);
            delegated.paths = QStringList{delegated.name + u"/*"_s};
            r.addDelegation(u"targets"_s, delegated);
            for (int i = 0; i < kTargetsPerRole; ++i) {
                r.addTarget(delegated.name, u"%1/firmware-%2.img"_s.arg(delegated.name).arg(i),
                            QByteArray::number(role * kTargetsPerRole + i));
            }
        }
        r.updateTargets();
        for (const QByteArray &file : std::as_const(r.files))
            slot->metadataBytes += file.size();
    }
    return *slot;
}

Verify::UpdaterConfig config(Metadata::Encoding encoding)
{
    return Verify::UpdaterConfig{kMetadataUrl, kTargetsUrl, encoding, {}};
}

// Refresh + one lookup per delegated role; aborts the benchmark on any failure.
bool refreshAndSearch(Verify::Updater &updater, benchmark::State &state)
{
    if (auto ok = updater.refresh(kNow); !ok) {
        state.SkipWithError(qPrintable(ok.error().toString()));
        return false;
    }
    for (int role = 0; role < kRoles; ++role) {
        const QString path = u"role-%1/firmware-%2.img"_s.arg(role).arg(role * 7 % kTargetsPerRole);
        if (auto found = updater.findTarget(path); !found) {
            state.SkipWithError(qPrintable(found.error().toString()));
            return false;
        }
    }
    return true;
}

void BM_FullRefresh(benchmark::State &state)
{
    const auto encoding = static_cast<Metadata::Encoding>(state.range(0));
    const Repository &repo = repository(encoding);
    MemoryFetcher fetcher;
    fetcher.mount(kMetadataUrl, kTargetsUrl, repo.builder.get());
    for (auto _ : state) {
        Verify::MemoryStore store;
        store.files.insert(u"root"_s, repo.builder->initialRoot());
        Verify::Updater updater(config(encoding), store, fetcher);
        if (!refreshAndSearch(updater, state))
            break;
        benchmark::DoNotOptimize(store.files.size());
    }
    state.SetLabel(Metadata::encodingName(encoding).toStdString());
    state.counters["metadata_bytes"] = double(repo.metadataBytes);
    state.counters["files_per_refresh"] = 4 + kRoles;
}

void BM_RefreshUnchanged(benchmark::State &state)
{
    const auto encoding = static_cast<Metadata::Encoding>(state.range(0));
    const Repository &repo = repository(encoding);
    MemoryFetcher fetcher;
    fetcher.mount(kMetadataUrl, kTargetsUrl, repo.builder.get());
    Verify::MemoryStore store;
    store.files.insert(u"root"_s, repo.builder->initialRoot());
    {
        Verify::Updater first(config(encoding), store, fetcher);
        if (!refreshAndSearch(first, state))
            return;
    }
    for (auto _ : state) {
        // Every stored file is re-verified; only the next root and the timestamp are fetched.
        Verify::Updater updater(config(encoding), store, fetcher);
        if (!refreshAndSearch(updater, state))
            break;
    }
    state.SetLabel(Metadata::encodingName(encoding).toStdString());
}

} // namespace

BENCHMARK(BM_FullRefresh)
    ->Arg(int(Metadata::Encoding::Json))
    ->Arg(int(Metadata::Encoding::Der))
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RefreshUnchanged)
    ->Arg(int(Metadata::Encoding::Json))
    ->Arg(int(Metadata::Encoding::Der))
    ->Unit(benchmark::kMillisecond);
