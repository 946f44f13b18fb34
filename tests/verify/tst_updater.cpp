// Updater::refresh(): the TUF 1.0 §5 workflow end to end, from a MemoryStore and an in-memory
// repository, for both encodings and all three key types. Failing cases assert the ErrorCode,
// which requests were made, and that the store kept what it had. Target search and download:
// tst_targetsearch.cpp.
//
// Checklist item (tuf-client-checklist.md)          pass                         fail
// 5.1   one reference time per cycle                (every test: refresh(at))    frozenTimestamp, finalRootExpired
// 5.2   load trusted root                           basicRefresh                 trustedRootMissingOrInvalid
// 5.3.1/5.3.9 chain of roots                        rootChain                    rootRotationRejected
// 5.3.3 fetch N+1 until 404, cap W, cap Y           basicRefresh, rootRotationLimit  rootRotationRejected (http-error, too-large)
// 5.3.4 signed by N and N+1                         rootChain                    rootRotationRejected (no-old-signature)
// 5.3.5 version == N+1 (URL vs content)             rootChain                    rootRotationRejected (url-version-mismatch)
// 5.3.6 intermediate expiry ignored                 intermediateExpiredRoot
// 5.3.8 persist root (exact bytes)                  rootChain                    rootRotationRejected (store unchanged)
// 5.3.10 final root not expired                     expiredTrustedRootRecovers   finalRootExpired
// 5.3.11 fast-forward recovery                      fastForwardRecovery          fastForwardRecovery (no-rotation)
// 5.3.12 consistent_snapshot decides names          basicRefresh, nonConsistentNames
// 5.4.1 timestamp.<ext>, cap X                      basicRefresh                 timestampRejected (404, too-large)
// 5.4.2 threshold                                   basicRefresh                 timestampRejected (unsigned)
// 5.4.3.1 rollback / equal version                  refreshAfterChanges, timestampEqualVersion  timestampRejected (rollback)
// 5.4.3.2 snapshot version rollback                 refreshAfterChanges          snapshotRejected (timestamp-lists-older)
// 5.4.4 expiry (+ expired stored copy)              expiredStoredTimestamp       timestampRejected (expired), frozenTimestamp
// 5.4.5 persist timestamp                           basicRefresh, timestampEqualVersion
// 5.5.1 [V.]snapshot, cap from timestamp or Y       basicRefresh, nonConsistentNames  snapshotRejected (404, length), endlessSnapshot
// 5.5.2 hashes                                      hashesListed                 snapshotRejected (hash)
// 5.5.3 threshold                                   basicRefresh                 snapshotRejected (unsigned)
// 5.5.4 version == timestamp's                      refreshAfterChanges          snapshotRejected (version)
// 5.5.5 no rollback / removal                       simpleSnapshotRollback       snapshotRejected (targets-rollback, role-removed)
// 5.5.6 expiry                                      basicRefresh                 snapshotRejected (expired)
// 5.5.7 persist snapshot                            basicRefresh
// 5.6.1-5.6.6 targets                               basicRefresh, hashesListed   targetsRejected (404, hash, length, unsigned, version, expired)
// persist exact bytes (TC test_metadata_bytes_match) basicRefresh, directoryStore

#include "updaterfixture.h"

#include "verify/metachecks.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>

using namespace Uptane;
using namespace Uptane::Verify;
using namespace Uptane::Test;
using namespace Qt::StringLiterals;
using Metadata::Encoding;
using Crypto::KeyType;

namespace {

const QDateTime kNow = kUpdaterNow;

bool reportMentions(const VerificationReport &report, const QString &text)
{
    return std::ranges::any_of(report.checks(), [&](const Check &check) { return check.description.contains(text); });
}

} // namespace

class TestUpdater : public QObject
{
    Q_OBJECT

    std::unique_ptr<UpdaterFixture> m_fixture;

    UpdaterFixture &fx()
    {
        m_fixture = fixtureForRow();
        return *m_fixture;
    }

    static void expectFailure(UpdaterFixture &f, const Result<void> &result, ErrorCode code)
    {
        QVERIFY(!result);
        QCOMPARE(result.error().code, code);
        const auto failure = f.last->report().firstFailure();
        QVERIFY(failure.has_value());
        QCOMPARE(failure->error->code, code);
    }

private slots:
    void initTestCase() { keyPools(); }

    // ---------------------------------------------------------------- the plain cycle
    void basicRefresh_data() { addUpdaterMatrix(); }
    void basicRefresh()
    {
        UpdaterFixture &f = fx();
        QVERIFY(f.refresh());
        // TC test_basic_init_and_refresh: exactly these requests, in this order.
        QCOMPARE(f.fetcher.requests, (QStringList{f.url(u"root"_s, 2), f.url(u"timestamp"_s), f.url(u"snapshot"_s, 1),
                                                  f.url(u"targets"_s, 1)}));
        QCOMPARE(f.store.files.value(u"root"_s), f.served(u"root"_s, 1));
        QCOMPARE(f.store.files.value(u"timestamp"_s), f.served(u"timestamp"_s));
        QCOMPARE(f.store.files.value(u"snapshot"_s), f.served(u"snapshot"_s, 1));
        QCOMPARE(f.store.files.value(u"targets"_s), f.served(u"targets"_s, 1));
        QVERIFY(f.last->report().allPassed());
        QVERIFY(f.last->trusted()->targets());
        QVERIFY(reportMentions(f.last->report(), u"not published"_s));
    }

    void refreshWithoutChanges_data() { addUpdaterMatrix(); }
    void refreshWithoutChanges()
    {
        UpdaterFixture &f = fx();
        QVERIFY(f.refresh());
        const auto stored = f.store.files;
        QVERIFY(f.refresh());
        // Stored snapshot and targets are final: only the next root and the timestamp.
        QCOMPARE(f.fetcher.requests, (QStringList{f.url(u"root"_s, 2), f.url(u"timestamp"_s)}));
        QCOMPARE(f.store.files, stored);
        QVERIFY(f.last->report().allPassed());
        QCOMPARE(f.last->trusted()->targets()->body.version, 1);
    }

    void refreshAfterChanges_data() { addUpdaterMatrix(); }
    void refreshAfterChanges()
    {
        UpdaterFixture &f = fx();
        QVERIFY(f.refresh());
        f.repo.addTarget(u"targets"_s, u"a.bin"_s, "a");
        f.repo.updateTargets();  // targets v2, snapshot v2, timestamp v2
        QVERIFY(f.refresh());
        QCOMPARE(f.fetcher.requests, (QStringList{f.url(u"root"_s, 2), f.url(u"timestamp"_s), f.url(u"snapshot"_s, 2),
                                                  f.url(u"targets"_s, 2)}));
        QCOMPARE(f.store.files.value(u"targets"_s), f.served(u"targets"_s, 2));
        QCOMPARE(f.last->trusted()->timestamp()->body.version, 2);
        // Stored copies that were not final are advisory notes, not failures.
        QVERIFY(f.last->report().allPassed());
        QVERIFY(std::ranges::any_of(f.last->report().checks(), [](const Check &c) { return c.advisory && !c.passed; }));
    }

    void nonConsistentNames_data() { addUpdaterMatrix(); }
    void nonConsistentNames()
    {
        UpdaterFixture &f = fx();
        f.repo.root.consistentSnapshot = false;
        f.store.files[u"root"_s] = f.repo.publishRoot();
        QVERIFY(f.refresh());
        QCOMPARE(f.fetcher.requests, (QStringList{f.url(u"root"_s, 2), f.url(u"timestamp"_s), f.url(u"snapshot"_s),
                                                  f.url(u"targets"_s)}));
    }

    void hashesListed_data() { addUpdaterMatrix(); }
    void hashesListed()
    {
        UpdaterFixture &f = fx();
        f.repo.computeMetaHashes = true;
        f.repo.publishAll();
        QVERIFY(f.refresh());
        QVERIFY(f.last->trusted()->timestamp()->body.snapshot.length.has_value());
        QVERIFY(f.last->report().allPassed());
    }

    void trustedRootMissingOrInvalid_data() { addUpdaterMatrix({{"missing", 0}, {"garbage", 1}, {"unsigned", 2}}); }
    void trustedRootMissingOrInvalid()
    {
        QFETCH(int, mutation);
        UpdaterFixture &f = fx();
        ErrorCode expected = ErrorCode::NotFound;
        if (mutation == 0)
            f.store.files.clear();
        if (mutation == 1) {
            f.store.files[u"root"_s] = "not metadata";
            expected = f.repo.encoding() == Encoding::Json ? ErrorCode::MalformedJson : ErrorCode::MalformedDer;
        }
        if (mutation == 2) {
            f.store.files[u"root"_s] = f.repo.sign(u"root"_s, f.repo.root, {});
            expected = ErrorCode::ThresholdNotMet;
        }
        const auto stored = f.store.files;
        expectFailure(f, f.refresh(), expected);
        QVERIFY(f.fetcher.requests.isEmpty());  // TC test_invalid_initial_root: nothing fetched
        QCOMPARE(f.store.files, stored);
        QVERIFY(!f.last->trusted());
    }

    // ---------------------------------------------------------------- 5.3 root
    void rootChain_data() { addUpdaterMatrix(); }
    void rootChain()
    {
        UpdaterFixture &f = fx();
        f.repo.rotateKeys(u"root"_s);
        f.repo.bumpRoot();  // v2: old and new key
        f.repo.bumpRoot();  // v3: new key only
        QVERIFY(f.refresh());
        QCOMPARE(f.fetcher.requests.mid(0, 4),
                 (QStringList{f.url(u"root"_s, 2), f.url(u"root"_s, 3), f.url(u"root"_s, 4), f.url(u"timestamp"_s)}));
        QCOMPARE(f.store.files.value(u"root"_s), f.served(u"root"_s, 3));
        QCOMPARE(f.last->trusted()->root().body.version, 3);
    }

    void rootRotationRejected_data()
    {
        addUpdaterMatrix({{"no-old-signature", 0}, {"url-version-mismatch", 1}, {"http-error", 2}, {"too-large", 3}});
    }
    void rootRotationRejected()
    {
        QFETCH(int, mutation);
        UpdaterFixture &f = fx();
        QVERIFY(f.refresh());
        const auto stored = f.store.files;
        const QString url = f.url(u"root"_s, 2);
        ErrorCode expected = ErrorCode::RootThresholdOld;
        if (mutation == 0) {
            f.repo.rotateKeys(u"root"_s);
            f.repo.extraRootSigners.clear();
            f.repo.bumpRoot();
        }
        if (mutation == 1) {  // TC test_url_and_metadata_version_mismatch
            f.repo.root.version = 3;
            f.fetcher.overrides.insert(url, f.repo.sign(u"root"_s, f.repo.root, f.repo.signers[u"root"_s]));
            expected = ErrorCode::BadVersion;
        }
        if (mutation == 2) {
            f.fetcher.failures.insert(url, Error{ErrorCode::HttpError, u"HTTP 500"_s});
            expected = ErrorCode::HttpError;
        }
        if (mutation == 3) {
            f.repo.bumpRoot();
            f.limits.rootMaxBytes = f.served(u"root"_s, 2).size() - 1;
            expected = ErrorCode::TooLarge;
        }
        expectFailure(f, f.refresh(), expected);
        QCOMPARE(f.fetcher.requests, QStringList{url});
        QCOMPARE(f.store.files, stored);
    }

    void rootRotationLimit_data() { addUpdaterMatrix(); }
    void rootRotationLimit()
    {
        UpdaterFixture &f = fx();
        for (int i = 0; i < 3; ++i)
            f.repo.bumpRoot();  // up to v4
        f.limits.maxRootRotations = 2;
        QVERIFY(f.refresh());
        QCOMPARE(f.last->trusted()->root().body.version, 3);
        QVERIFY(!f.fetcher.requests.contains(f.url(u"root"_s, 4)));
        QVERIFY(reportMentions(f.last->report(), u"the limit"_s));
        QVERIFY(f.refresh());  // the next cycle continues the chain
        QCOMPARE(f.last->trusted()->root().body.version, 4);
    }

    void intermediateExpiredRoot_data() { addUpdaterMatrix(); }
    void intermediateExpiredRoot()
    {
        UpdaterFixture &f = fx();
        f.repo.root.expires = kNow.addSecs(-1);
        f.repo.bumpRoot();
        f.repo.root.expires = kNow.addDays(30);
        f.repo.bumpRoot();
        QVERIFY(f.refresh());
        QCOMPARE(f.last->trusted()->root().body.version, 3);
    }

    void finalRootExpired_data() { addUpdaterMatrix(); }
    void finalRootExpired()
    {
        UpdaterFixture &f = fx();
        f.repo.root.expires = kNow;
        f.repo.bumpRoot();
        expectFailure(f, f.refresh(), ErrorCode::Expired);
        QCOMPARE(f.fetcher.requests, (QStringList{f.url(u"root"_s, 2), f.url(u"root"_s, 3)}));
        QCOMPARE(f.store.files.value(u"root"_s), f.served(u"root"_s, 2));  // accepted before the check
        QVERIFY(!f.store.files.contains(u"timestamp"_s));
    }

    // TC test_expired_local_root: an expired trusted root is fine when a valid one follows.
    void expiredTrustedRootRecovers_data() { addUpdaterMatrix(); }
    void expiredTrustedRootRecovers()
    {
        UpdaterFixture &f = fx();
        const QDateTime later = kNow.addDays(400);  // root v1 (one year) has expired
        f.repo.root.expires = later.addDays(30);
        f.repo.bumpRoot();
        for (Metadata::Targets &targets : f.repo.targets)
            targets.expires = later.addDays(30);
        f.repo.snapshot.expires = f.repo.timestamp.expires = later.addDays(30);
        f.repo.publishAll();
        QVERIFY(f.refresh(later));
        QCOMPARE(f.last->trusted()->root().body.version, 2);
    }

    void fastForwardRecovery_data()
    {
        addUpdaterMatrix({{"timestamp", 0}, {"snapshot", 1}, {"targets", 2}, {"no-rotation", 3}});
    }
    void fastForwardRecovery()
    {
        QFETCH(int, mutation);
        UpdaterFixture &f = fx();
        RepositoryBuilder &r = f.repo;
        // An attacker with the online keys pushed versions up; the client saw them.
        if (mutation == 0 || mutation == 3) {
            r.timestamp.version = 100;
            r.publishTimestamp();
        } else if (mutation == 1) {
            r.snapshot.version = 99999;
            r.publishSnapshot();
            r.updateTimestamp();
        } else {
            r.targets[u"targets"_s].version = 100;
            r.publishTargets(u"targets"_s);
            r.updateSnapshot();
        }
        QVERIFY(f.refresh());
        // The repository recovers: rotates the keys, starts the versions again.
        if (mutation != 3) {
            r.rotateKeys(QStringList{u"timestamp"_s, u"snapshot"_s, u"snapshot"_s}.at(mutation));
            r.bumpRoot();
        }
        if (mutation == 0 || mutation == 3) {
            r.timestamp.version = 1;
            r.publishTimestamp();
        } else if (mutation == 1) {
            r.snapshot.version = 1;
            r.publishSnapshot();
            r.updateTimestamp();
        } else {
            r.targets[u"targets"_s].version = 1;
            r.publishTargets(u"targets"_s);
            r.updateSnapshot();
        }
        const auto stored = f.store.files;
        if (mutation == 3) {
            expectFailure(f, f.refresh(), ErrorCode::Rollback);
            QCOMPARE(f.store.files, stored);
            return;
        }
        QVERIFY(f.refresh());
        const auto *trusted = f.last->trusted();
        QCOMPARE(trusted->timestamp()->body.version, mutation == 0 ? 1 : r.timestamp.version);
        QCOMPARE(trusted->snapshot()->body.version, r.snapshot.version);
        QCOMPARE(trusted->targets()->body.version, r.targets[u"targets"_s].version);
        QCOMPARE(f.store.files.value(u"timestamp"_s), f.served(u"timestamp"_s));
        QVERIFY(reportMentions(f.last->report(), u"deleted"_s) == (mutation <= 2));
    }

    // ---------------------------------------------------------------- 5.4 timestamp
    void timestampRejected_data()
    {
        addUpdaterMatrix({{"404", 0}, {"too-large", 1}, {"rollback", 2}, {"expired", 3}, {"unsigned", 4},
                          {"wrong-type", 5}});
    }
    void timestampRejected()
    {
        QFETCH(int, mutation);
        UpdaterFixture &f = fx();
        RepositoryBuilder &r = f.repo;
        r.timestamp.version = 5;
        r.publishTimestamp();
        QVERIFY(f.refresh());
        const auto stored = f.store.files;
        const QString name = r.fileName(u"timestamp"_s, std::nullopt);
        ErrorCode expected = ErrorCode::NotFound;
        switch (mutation) {
        case 0:  // TC test_timestamp_404
            r.files.remove(name);
            break;
        case 1:
            f.limits.timestampMaxBytes = r.files.value(name).size() - 1;
            expected = ErrorCode::TooLarge;
            break;
        case 2:  // TC test_new_timestamp_version_rollback
            r.timestamp.version = 4;
            r.publishTimestamp();
            expected = ErrorCode::Rollback;
            break;
        case 3:
            r.timestamp.expires = kNow;
            r.updateTimestamp();
            expected = ErrorCode::Expired;
            break;
        case 4:
            r.signers[u"timestamp"_s].clear();
            r.updateTimestamp();
            expected = ErrorCode::ThresholdNotMet;
            break;
        case 5:
            r.files.insert(name, f.served(u"snapshot"_s));
            expected = ErrorCode::WrongType;
            break;
        }
        expectFailure(f, f.refresh(), expected);
        QCOMPARE(f.fetcher.requests.last(), f.url(u"timestamp"_s));
        QCOMPARE(f.store.files, stored);
    }

    // TC test_timestamp_eq_versions_check / test_timestamp_content_changes.
    void timestampEqualVersion_data() { addUpdaterMatrix(); }
    void timestampEqualVersion()
    {
        UpdaterFixture &f = fx();
        QVERIFY(f.refresh());
        const QByteArray stored = f.store.files.value(u"timestamp"_s);
        f.repo.timestamp.expires = f.repo.timestamp.expires.addDays(1);
        f.repo.publishTimestamp();  // same version, other content
        QVERIFY(f.served(u"timestamp"_s) != stored);
        QVERIFY(f.refresh());
        QCOMPARE(f.store.files.value(u"timestamp"_s), stored);
        QCOMPARE(f.last->trusted()->trustedBytes(u"timestamp"_s), stored);
        QCOMPARE(f.fetcher.requests, (QStringList{f.url(u"root"_s, 2), f.url(u"timestamp"_s)}));
        QVERIFY(f.last->report().allPassed());
    }

    // TC test_expired_local_timestamp: an expired stored timestamp does not block a new one.
    void expiredStoredTimestamp_data() { addUpdaterMatrix(); }
    void expiredStoredTimestamp()
    {
        UpdaterFixture &f = fx();
        f.repo.timestamp.expires = kNow.addDays(1);
        f.repo.publishTimestamp();
        QVERIFY(f.refresh());
        f.repo.timestamp.expires = kNow.addDays(30);
        f.repo.updateTimestamp();
        QVERIFY(f.refresh(kNow.addDays(2)));
        QCOMPARE(f.last->trusted()->timestamp()->body.version, 2);
        QVERIFY(f.last->report().allPassed());
    }

    // Freeze attack: the repository keeps serving the (now expired) timestamp the client has.
    // The equal version must not hide that it expired.
    void frozenTimestamp_data() { addUpdaterMatrix(); }
    void frozenTimestamp()
    {
        UpdaterFixture &f = fx();
        f.repo.timestamp.expires = kNow.addDays(1);
        f.repo.publishTimestamp();
        QVERIFY(f.refresh());
        const auto stored = f.store.files;
        expectFailure(f, f.refresh(kNow.addDays(2)), ErrorCode::Expired);
        QCOMPARE(f.store.files, stored);
    }

    // ---------------------------------------------------------------- 5.5 snapshot
    void snapshotRejected_data()
    {
        addUpdaterMatrix({{"404", 0}, {"hash", 1}, {"length", 2}, {"version", 3}, {"unsigned", 4},
                          {"targets-rollback", 5}, {"role-removed", 6}, {"expired", 7}, {"timestamp-lists-older", 8}});
    }
    void snapshotRejected()
    {
        QFETCH(int, mutation);
        UpdaterFixture &f = fx();
        RepositoryBuilder &r = f.repo;
        r.computeMetaHashes = mutation == 1 || mutation == 2;
        r.omitMetaLengths = mutation == 1;
        Metadata::DelegatedRole role;
        role.name = u"role-a"_s;
        role.paths = QStringList{u"a/*"_s};
        r.addDelegation(u"targets"_s, role);
        r.targets[u"targets"_s].version = 3;
        r.snapshot.version = 3;
        r.publishAll();
        QVERIFY(f.refresh());
        const QByteArray storedSnapshot = f.store.files.value(u"snapshot"_s);

        ErrorCode expected = ErrorCode::NotFound;
        const QString next = f.url(u"snapshot"_s, 4);
        switch (mutation) {
        case 0:  // TC test_snapshot_404
            r.updateSnapshot();
            r.files.remove(r.fileName(u"snapshot"_s, 4));
            break;
        case 1: {  // TC test_snapshot_hash_mismatch: signed, not the bytes the timestamp lists
            r.updateSnapshot();
            Metadata::Snapshot other = r.snapshot;
            other.expires = other.expires.addSecs(1);
            f.fetcher.overrides.insert(next, r.sign(u"snapshot"_s, other, r.signers[u"snapshot"_s]));
            expected = ErrorCode::HashMismatch;
            break;
        }
        case 2:
            r.updateSnapshot();
            f.fetcher.overrides.insert(next, f.served(u"snapshot"_s, 4) + ' ');
            expected = ErrorCode::LengthMismatch;
            break;
        case 3: {  // TC test_new_snapshot_version_mismatch
            r.updateSnapshot();
            Metadata::Snapshot other = r.snapshot;
            other.version = 5;
            f.fetcher.overrides.insert(next, r.sign(u"snapshot"_s, other, r.signers[u"snapshot"_s]));
            expected = ErrorCode::BadVersion;
            break;
        }
        case 4:
            r.signers[u"snapshot"_s].clear();
            r.updateSnapshot();
            expected = ErrorCode::ThresholdNotMet;
            break;
        case 5:  // TC test_targets_rollback
            r.targets[u"targets"_s].version = 2;
            r.publishTargets(u"targets"_s);
            r.updateSnapshot();
            expected = ErrorCode::Rollback;
            break;
        case 6:  // TC test_targets_role_removal
            r.targets[u"targets"_s].delegations.reset();
            r.targets.remove(u"role-a"_s);
            r.updateTargets();
            expected = ErrorCode::RoleRemoved;
            break;
        case 7:
            r.snapshot.expires = kNow;
            r.updateSnapshot();
            expected = ErrorCode::Expired;
            break;
        case 8:  // TC test_snapshot_rollback: a new timestamp lists an older snapshot
            r.snapshot.version = 2;
            r.publishSnapshot();
            r.updateTimestamp();
            expected = ErrorCode::Rollback;
            break;
        }
        expectFailure(f, f.refresh(), expected);
        QCOMPARE(f.store.files.value(u"snapshot"_s), storedSnapshot);
        if (mutation != 8) {
            QCOMPARE(f.fetcher.requests.last(), next);
            QVERIFY(f.last->trusted()->snapshot().has_value());
            QCOMPARE(f.last->trusted()->snapshot()->body.version, 3);  // only the stored baseline
        } else {
            // Refused at the timestamp: the stored timestamp is still the trusted one.
            QCOMPARE(f.fetcher.requests.last(), f.url(u"timestamp"_s));
            QCOMPARE(f.last->trusted()->timestamp()->body.snapshot.version, 3);
            QVERIFY(!f.last->trusted()->snapshot().has_value());
        }
    }

    // TC test_simple_snapshot_rollback: an older snapshot behind an unchanged timestamp is
    // never even fetched.
    void simpleSnapshotRollback_data() { addUpdaterMatrix(); }
    void simpleSnapshotRollback()
    {
        UpdaterFixture &f = fx();
        f.repo.updateSnapshot();  // v2
        QVERIFY(f.refresh());
        --f.repo.snapshot.version;
        f.repo.publishSnapshot();
        QVERIFY(f.refresh());
        QCOMPARE(f.last->trusted()->snapshot()->body.version, 2);
        QCOMPARE(f.fetcher.requests.last(), f.url(u"timestamp"_s));
    }

    // Endless data: without a length in the timestamp, Y caps the snapshot.
    void endlessSnapshot_data() { addUpdaterMatrix(); }
    void endlessSnapshot()
    {
        UpdaterFixture &f = fx();
        f.limits.snapshotMaxBytes = f.served(u"snapshot"_s, 1).size() - 1;
        expectFailure(f, f.refresh(), ErrorCode::TooLarge);
        QVERIFY(!f.store.files.contains(u"snapshot"_s));
    }

    // ---------------------------------------------------------------- 5.6 targets
    void targetsRejected_data()
    {
        addUpdaterMatrix({{"404", 0}, {"hash", 1}, {"length", 2}, {"unsigned", 3}, {"version", 4}, {"expired", 5}});
    }
    void targetsRejected()
    {
        QFETCH(int, mutation);
        UpdaterFixture &f = fx();
        RepositoryBuilder &r = f.repo;
        r.computeMetaHashes = mutation == 1 || mutation == 2;
        r.omitMetaLengths = mutation == 1;
        r.publishAll();
        QVERIFY(f.refresh());
        const QByteArray storedTargets = f.store.files.value(u"targets"_s);
        const QString next = f.url(u"targets"_s, 2);
        Metadata::Targets other = r.targets[u"targets"_s];
        other.version = 2;
        ErrorCode expected = ErrorCode::NotFound;
        if (mutation == 3)
            r.signers[u"targets"_s].clear();
        if (mutation == 5)
            r.targets[u"targets"_s].expires = kNow;
        r.updateTargets();
        switch (mutation) {
        case 0:  // TC test_targets_404
            r.files.remove(r.fileName(u"targets"_s, 2));
            break;
        case 1:  // TC test_targets_hash_mismatch
            other.expires = other.expires.addSecs(1);
            f.fetcher.overrides.insert(next, r.sign(u"targets"_s, other, r.signers[u"targets"_s]));
            expected = ErrorCode::HashMismatch;
            break;
        case 2:
            f.fetcher.overrides.insert(next, f.served(u"targets"_s, 2) + ' ');
            expected = ErrorCode::LengthMismatch;
            break;
        case 3:
            expected = ErrorCode::ThresholdNotMet;
            break;
        case 4:
            other.version = 3;
            f.fetcher.overrides.insert(next, r.sign(u"targets"_s, other, r.signers[u"targets"_s]));
            expected = ErrorCode::BadVersion;
            break;
        case 5:
            expected = ErrorCode::Expired;
            break;
        }
        expectFailure(f, f.refresh(), expected);
        QCOMPARE(f.fetcher.requests.last(), next);
        QCOMPARE(f.store.files.value(u"targets"_s), storedTargets);
        QCOMPARE(f.store.files.value(u"snapshot"_s), f.served(u"snapshot"_s, 2));  // accepted before
    }

    // ---------------------------------------------------------------- persistence
    void directoryStore_data() { addUpdaterMatrix(); }
    void directoryStore()
    {
        UpdaterFixture &f = fx();
        f.repo.rotateKeys(u"root"_s);
        f.repo.bumpRoot();
        QTemporaryDir dir;
        DirectoryStore store(dir.path(), f.repo.ext());
        QVERIFY(store.store(u"root"_s, f.repo.initialRoot()));
        Updater updater(UpdaterConfig{UpdaterFixture::kMetadataUrl, UpdaterFixture::kTargetsUrl, f.repo.encoding(), {}},
                        store, f.fetcher);
        QVERIFY(updater.refresh(kNow));
        const QStringList names{u"root"_s, u"timestamp"_s, u"snapshot"_s, u"targets"_s};
        for (const QString &role : names) {
            QFile file(dir.filePath(role + u'.' + f.repo.ext()));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll(), role == u"root" ? f.served(role, 2)
                                     : role == u"timestamp" ? f.served(role) : f.served(role, 1));
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), names.size());
        // A second Updater over the same directory starts from there.
        Updater again(UpdaterConfig{UpdaterFixture::kMetadataUrl, UpdaterFixture::kTargetsUrl, f.repo.encoding(), {}},
                      store, f.fetcher);
        f.fetcher.requests.clear();
        QVERIFY(again.refresh(kNow));
        QCOMPARE(f.fetcher.requests, (QStringList{f.url(u"root"_s, 3), f.url(u"timestamp"_s)}));
    }
};

QTEST_GUILESS_MAIN(TestUpdater)
#include "tst_updater.moc"
