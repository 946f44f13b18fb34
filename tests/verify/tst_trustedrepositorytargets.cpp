// TrustedRepository, snapshot and targets: TUF 1.0 §5.5-5.6 (delegations included), bytes in,
// verdicts out. Every test runs for both encodings and all three key types; every failing
// case asserts the ErrorCode and that the trusted state is unchanged afterwards.
//
// Checklist item (tuf-client-checklist.md)          pass                         fail
// 5.5.2 hashes/length from timestamp                snapshotUpdates              snapshotRejected (hash, length)
// 5.5.3 snapshot threshold                          snapshotUpdates              snapshotRejected (unsigned, wrong-key)
// 5.5.4 version == timestamp's                      snapshotUpdates              snapshotRejected (version), storedSnapshotIsBaseline
// 5.5.5 no rollback, no removal                     snapshotUpdates              snapshotRejected (targets-rollback, role-removed)
// 5.5.6 not expired                                 snapshotUpdates              snapshotRejected (expired, timestamp-expired)
// 5.6.1 listed by snapshot                          targetsUpdates               targetsRejected (not-listed, no-snapshot)
// 5.6.2 hashes/length from snapshot                 targetsUpdates               targetsRejected (hash, length)
// 5.6.3 targets threshold                           targetsUpdates               targetsRejected (unsigned, wrong-key)
// 5.6.4 version == snapshot's                       targetsUpdates               targetsRejected (version)
// 5.6.5 not expired                                 targetsUpdates               targetsRejected (expired)
// 5.6.7 delegated: delegator's keys, in snapshot    delegatedTargets             delegatedRejected
// §4 ROLENAME unique in delegations                 delegatedTargets             targetsRejected (duplicate-role-name)

#include "trustedrepositoryfixture.h"

#include <QTest>

class TestTrustedRepositoryTargets : public TrustedRepositoryFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { initFixture(); }
    void init() { rewind(); }

    // ---------------------------------------------------------------- 5.5 snapshot
    void snapshotUpdates_data() { addMatrix(); }
    void snapshotUpdates()
    {
        RepositoryBuilder &r = repo();
        r.computeMetaHashes = true;
        r.publishAll();
        TrustedRepository t = trusted();
        loadAll(t);
        r.updateTargets();  // targets v2, snapshot v2, timestamp v2
        QVERIFY(t.updateTimestamp(file(u"timestamp"_s)));
        QVERIFY(t.updateSnapshot(file(u"snapshot"_s)));
        QCOMPARE(t.snapshot()->body.version, 2);
        QCOMPARE(t.trustedBytes(u"snapshot"_s), file(u"snapshot"_s));
        QVERIFY(!t.targets());  // dropped: must be verified against the new snapshot
        QVERIFY(t.updateTargets(file(u"targets"_s)));
        QCOMPARE(t.targets()->body.version, 2);
        QVERIFY(m_report.allPassed());
    }

    void snapshotRejected_data()
    {
        addMatrix({{"no-timestamp", 0}, {"hash", 1}, {"length", 2}, {"unsigned", 3}, {"wrong-key", 4},
                   {"version", 5}, {"targets-rollback", 6}, {"role-removed", 7}, {"expired", 8},
                   {"timestamp-expired", 9}, {"wrong-type", 10}});
    }
    void snapshotRejected()
    {
        QFETCH(int, mutation);
        RepositoryBuilder &r = repo();
        r.computeMetaHashes = mutation != 10;  // wrong-type: reach the parser, not the length check
        Metadata::DelegatedRole role;
        role.name = u"role-a"_s;
        role.paths = QStringList{u"*"_s};
        r.addDelegation(u"targets"_s, role);
        r.targets[u"targets"_s].version = 3;
        r.publishAll();
        if (mutation == 9) {
            // Later, when the timestamp (one year) has expired but a new root has not.
            r.root.expires = kNow.addYears(3);
            r.bumpRoot();
        }
        TrustedRepository t = trusted(mutation == 9 ? kNow.addDays(400) : kNow);
        if (mutation == 9) {
            QVERIFY(t.updateRoot(file(u"root"_s, 2)));
            QVERIFY(!t.updateTimestamp(file(u"timestamp"_s), true));  // stored, expired: a baseline only
        } else if (mutation != 0) {
            loadAll(t);  // snapshot v1 lists targets v3 and role-a v1
            r.updateSnapshot();  // timestamp v2 lists snapshot v2
            QVERIFY(t.updateTimestamp(file(u"timestamp"_s)));
        }
        const State before = stateOf(t);

        Metadata::Snapshot next = r.snapshot;  // v2 as published
        QList<Crypto::PrivateKey> keys = r.signers[u"snapshot"_s];
        QByteArray bytes = file(u"snapshot"_s);
        const QString targetsFile = Verify::metaFileName(u"targets"_s, r.encoding());
        const QString roleFile = Verify::metaFileName(u"role-a"_s, r.encoding());
        ErrorCode expected = ErrorCode::ThresholdNotMet;
        switch (mutation) {
        case 0:
            expected = ErrorCode::NotTrusted;
            break;
        case 1: {  // signed, but not the bytes the timestamp describes
            Metadata::Timestamp timestamp = r.timestamp;  // lists only the hash of v2
            timestamp.version = 3;
            timestamp.snapshot.length.reset();
            QVERIFY(t.updateTimestamp(r.sign(u"timestamp"_s, timestamp, r.signers[u"timestamp"_s])));
            next.expires = next.expires.addSecs(1);
            bytes = r.sign(u"snapshot"_s, next, keys);
            expected = ErrorCode::HashMismatch;
            break;
        }
        case 2:
            bytes.append(' ');
            expected = ErrorCode::LengthMismatch;
            break;
        case 9:
        case 10:
            expected = mutation == 9 ? ErrorCode::Expired : ErrorCode::WrongType;
            if (mutation == 10)
                bytes = file(u"timestamp"_s);
            break;
        default: {
            // Content the timestamp does describe (a v3 timestamp listing exactly these bytes),
            // so that the check under test is the one that fails.
            if (mutation == 3)
                keys.clear();
            if (mutation == 4)
                keys = r.signers[u"timestamp"_s];
            if (mutation == 5)
                next.version = 3;  // the timestamp lists v2
            if (mutation == 6)
                next.meta[targetsFile].version = 2;  // the trusted snapshot lists v3
            if (mutation == 7)
                next.meta.remove(roleFile);
            if (mutation == 8)
                next.expires = kNow.addSecs(-1);
            expected = QList<ErrorCode>{ErrorCode::ThresholdNotMet, ErrorCode::ThresholdNotMet, ErrorCode::BadVersion,
                                        ErrorCode::Rollback, ErrorCode::RoleRemoved, ErrorCode::Expired}
                           .at(mutation - 3);
            bytes = r.sign(u"snapshot"_s, next, keys);
            Metadata::Timestamp timestamp = r.timestamp;
            timestamp.version = 3;
            timestamp.snapshot = Metadata::MetaFile{2, bytes.size(), {{u"sha256"_s, Crypto::sha256(bytes)}}, {}};
            QVERIFY(t.updateTimestamp(r.sign(u"timestamp"_s, timestamp, r.signers[u"timestamp"_s])));
            break;
        }
        }
        const State reference = stateOf(t);
        if (mutation == 0 || mutation == 2)
            QVERIFY(reference == before);
        m_report.clear();
        auto result = t.updateSnapshot(bytes);
        QVERIFY(!result);
        QCOMPARE(result.error().code, expected);
        QVERIFY(stateOf(t) == reference);
        expectReported(expected);
    }

    // A stored snapshot the timestamp no longer lists is kept as rollback baseline only.
    void storedSnapshotIsBaseline_data() { addMatrix(); }
    void storedSnapshotIsBaseline()
    {
        RepositoryBuilder &r = repo();
        r.targets[u"targets"_s].version = 5;
        r.publishAll();
        const QByteArray stored = file(u"snapshot"_s);  // v1, lists targets v5
        r.targets[u"targets"_s].version = 4;  // rolled back
        r.publishTargets(u"targets"_s);
        r.updateSnapshot();  // snapshot v2 lists targets v4
        TrustedRepository t = trusted();
        QVERIFY(t.updateTimestamp(file(u"timestamp"_s)));
        auto local = t.updateSnapshot(stored, true);
        QVERIFY(!local);
        QCOMPARE(local.error().code, ErrorCode::BadVersion);
        QCOMPARE(t.snapshot()->body.version, 1);
        // Not final: targets cannot be verified against it.
        QCOMPARE(t.updateTargets(file(u"targets"_s)).error().code, ErrorCode::BadVersion);
        auto fresh = t.updateSnapshot(file(u"snapshot"_s));
        QVERIFY(!fresh);
        QCOMPARE(fresh.error().code, ErrorCode::Rollback);
        QCOMPARE(t.snapshot()->body.version, 1);
    }

    // ---------------------------------------------------------------- 5.6 targets
    void targetsUpdates_data() { addMatrix(); }
    void targetsUpdates()
    {
        RepositoryBuilder &r = repo();
        r.computeMetaHashes = true;
        r.addTarget(u"targets"_s, u"fw/ecu.img"_s, "firmware");
        r.updateTargets();
        TrustedRepository t = trusted();
        loadAll(t);
        QCOMPARE(t.targets()->body.version, 2);
        QCOMPARE(t.targets()->body.targets.value(u"fw/ecu.img"_s).length, 8);
        QCOMPARE(t.trustedBytes(u"targets"_s), file(u"targets"_s));
        // Reloading the same file again (the stored copy) is fine.
        QVERIFY(t.updateTargets(file(u"targets"_s), true));
        QVERIFY(m_report.allPassed());
    }

    void targetsRejected_data()
    {
        addMatrix({{"no-snapshot", 0}, {"not-listed", 1}, {"hash", 2}, {"length", 3}, {"unsigned", 4},
                   {"wrong-key", 5}, {"version", 6}, {"expired", 7}, {"wrong-type", 8},
                   {"duplicate-role-name", 9}});
    }
    void targetsRejected()
    {
        QFETCH(int, mutation);
        RepositoryBuilder &r = repo();
        r.computeMetaHashes = mutation == 2 || mutation == 3;
        r.publishAll();
        Metadata::Targets next = r.targets[u"targets"_s];
        QList<Crypto::PrivateKey> keys = r.signers[u"targets"_s];
        ErrorCode expected = ErrorCode::ThresholdNotMet;
        switch (mutation) {
        case 0:
            expected = ErrorCode::NotTrusted;
            break;
        case 2:
            next.expires = next.expires.addSecs(1);  // other bytes
            expected = ErrorCode::HashMismatch;
            break;
        case 3: {
            Metadata::TargetFile extra;
            extra.path = u"extra"_s;
            extra.length = 1;
            extra.hashes.insert(u"sha256"_s, QByteArray(32, 'a'));
            next.targets.insert(extra.path, extra);
            expected = ErrorCode::LengthMismatch;
            break;
        }
        case 4:
            keys.clear();
            break;
        case 5:
            keys = r.signers[u"snapshot"_s];
            break;
        case 6:
            next.version = 2;  // snapshot lists v1
            expected = ErrorCode::BadVersion;
            break;
        case 7:
            next.expires = kNow;
            expected = ErrorCode::Expired;
            break;
        case 9: {
            Metadata::DelegatedRole role;
            role.name = u"twice"_s;
            role.paths = QStringList{u"*"_s};
            next.delegations = Metadata::Delegations{};
            next.delegations->roles = {role, role};
            expected = ErrorCode::DuplicateRoleName;
            break;
        }
        default:
            break;
        }
        if (mutation == 2) {
            // Only the hashes, so that other bytes of any length reach the hash comparison.
            r.snapshot.meta[Verify::metaFileName(u"targets"_s, r.encoding())].length.reset();
            r.files.insert(r.fileName(u"snapshot"_s, std::nullopt),
                           r.sign(u"snapshot"_s, r.snapshot, r.signers[u"snapshot"_s]));
        }
        if (mutation == 1) {
            // Re-sign a snapshot without "targets" (loaded as stored copy: no timestamp hashes).
            r.snapshot.meta.clear();
            const QByteArray snap = r.sign(u"snapshot"_s, r.snapshot, r.signers[u"snapshot"_s]);
            r.files.insert(r.fileName(u"snapshot"_s, std::nullopt), snap);
            expected = ErrorCode::MissingRole;
        }
        QByteArray bytes = mutation == 8 ? file(u"snapshot"_s) : r.sign(u"targets"_s, next, keys);
        if (mutation == 8)
            expected = ErrorCode::WrongType;
        TrustedRepository t = trusted();
        if (mutation != 0) {
            QVERIFY(t.updateTimestamp(file(u"timestamp"_s)));
            QVERIFY(t.updateSnapshot(file(u"snapshot"_s), true));
        }
        const State before = stateOf(t);
        m_report.clear();
        auto result = t.updateTargets(bytes);
        QVERIFY(!result);
        QCOMPARE(result.error().code, expected);
        QVERIFY(stateOf(t) == before);
        expectReported(expected);
    }

    // ---------------------------------------------------------------- 5.6.7 delegated roles
    void delegatedTargets_data() { addMatrix(); }
    void delegatedTargets()
    {
        RepositoryBuilder &r = repo();
        Metadata::DelegatedRole role;
        role.name = u"role-a"_s;
        role.paths = QStringList{u"a/*"_s};
        r.addDelegation(u"targets"_s, role);
        r.addTarget(u"role-a"_s, u"a/file"_s, "content");
        r.publishAll();
        TrustedRepository t = trusted();
        loadAll(t);
        QVERIFY(t.updateDelegatedTargets(file(u"role-a"_s), u"role-a"_s, u"targets"_s));
        QVERIFY(t.targets(u"role-a"_s));
        QCOMPARE(t.trustedBytes(u"role-a"_s), file(u"role-a"_s));
        QVERIFY(m_report.allPassed());
    }

    void delegatedRejected_data()
    {
        addMatrix({{"signed-by-top-level-key", 0}, {"below-threshold", 1}, {"delegator-not-trusted", 2},
                   {"not-delegated", 3}, {"not-in-snapshot", 4}, {"version", 5}});
    }
    void delegatedRejected()
    {
        QFETCH(int, mutation);
        RepositoryBuilder &r = repo();
        Metadata::DelegatedRole role;
        role.name = u"role-a"_s;
        role.paths = QStringList{u"a/*"_s};
        r.addDelegation(u"targets"_s, role);
        if (mutation == 1) {
            r.addDelegatedKey(u"targets"_s, u"role-a"_s);
            r.targets[u"targets"_s].delegations->roles[0].threshold = 2;
            r.signers[u"role-a"_s].removeLast();
        }
        if (mutation == 0)
            r.signers[u"role-a"_s] = r.signers[u"targets"_s];
        if (mutation == 5)
            r.targets[u"role-a"_s].version = 2;
        r.publishAll();
        if (mutation == 5)
            r.snapshot.meta[Verify::metaFileName(u"role-a"_s, r.encoding())].version = 1;
        if (mutation == 4)
            r.snapshot.meta.remove(Verify::metaFileName(u"role-a"_s, r.encoding()));
        if (mutation >= 4) {
            r.files.insert(r.fileName(u"snapshot"_s, std::nullopt),
                           r.sign(u"snapshot"_s, r.snapshot, r.signers[u"snapshot"_s]));
        }
        TrustedRepository t = trusted();
        QVERIFY(t.updateTimestamp(file(u"timestamp"_s)));
        QVERIFY(t.updateSnapshot(file(u"snapshot"_s), true));
        if (mutation != 2)
            QVERIFY(t.updateTargets(file(u"targets"_s)));
        const State before = stateOf(t);
        m_report.clear();
        const QString delegator = mutation == 3 ? u"role-a"_s : u"targets"_s;
        const QString name = mutation == 3 ? u"targets-x"_s : u"role-a"_s;
        ErrorCode expected = QList<ErrorCode>{ErrorCode::ThresholdNotMet, ErrorCode::ThresholdNotMet,
                                              ErrorCode::NotTrusted, ErrorCode::NotTrusted,
                                              ErrorCode::DelegationNotInSnapshot, ErrorCode::BadVersion}
                                 .at(mutation);
        if (mutation == 3) {
            // role-a is trusted now, but it delegates to nobody.
            QVERIFY(t.updateDelegatedTargets(file(u"role-a"_s), u"role-a"_s, u"targets"_s));
            expected = ErrorCode::MissingRole;
        }
        const State reference = mutation == 3 ? stateOf(t) : before;
        auto result = t.updateDelegatedTargets(file(u"role-a"_s), name, delegator);
        QVERIFY(!result);
        QCOMPARE(result.error().code, expected);
        QVERIFY(stateOf(t) == reference);
    }
};

QTEST_GUILESS_MAIN(TestTrustedRepositoryTargets)
#include "tst_trustedrepositorytargets.moc"
