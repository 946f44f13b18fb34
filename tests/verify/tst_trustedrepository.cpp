// TrustedRepository: the per-role rules of TUF 1.0 §5.2-5.6 and Uptane §5.4.4.3-6, bytes in,
// verdicts out. Every test runs for both encodings and all three key types; every failing
// case asserts the ErrorCode and that the trusted state is unchanged afterwards.
//
// Checklist item (tuf-client-checklist.md)          pass                         fail
// 5.2   trusted root, self-signed                   trustedRootLoads             trustedRootRejected
// 5.3.4 N+1 signed by N and by N+1, unique keys     rootRotation                 rootRotationRejected (no-old/new-signature, duplicate-signature)
// 5.3.5 version exactly N+1                         rootRotation                 rootRotationRejected (version-skip/-unchanged)
// 5.3.6 intermediate expiry ignored                 intermediateRootExpiryIgnored
// 5.3.7 new root trusted                            rootRotation
// 5.3.10 final root not expired                     intermediateRootExpiryIgnored finalRootExpired
// 5.3.11 fast-forward recovery                      fastForwardRecovery          fastForwardRecovery (other keys keep state)
// 5.4.2 timestamp threshold, unique keyids          timestampUpdates             timestampRejected (unsigned, wrong-key, duplicate-signature, empty-signature, unknown-keyid, changed-after-signing)
// 5.4.3.1 no rollback; equal = no error             timestampUpdates, timestampEqualVersion  timestampRejected (rollback)
// 5.4.3.2 snapshot version no rollback              timestampUpdates             timestampRejected (snapshot-rollback)
// 5.4.4 not expired                                 storedTimestampIsBaseline    timestampRejected (expired, root-expired)
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
// §4 _type                                          (every pass)                 *Rejected (wrong-type)
// §4 spec_version 1.x, version > 0                  (every pass)                 trustedRootRejected (spec-version-2, version-0)
// §4 keytype/scheme pairs, bad signature value      (every row: all key types)   timestampRejected (garbled-signature)
// §4 root lists all roles, threshold >= 1           trustedRootLoads             trustedRootRejected (missing-role), thresholdRules
// §4 unique signature keyids / keys                 thresholdRules               thresholdRules, timestampRejected (duplicate-signature: DuplicateKey)
// §4 unknown fields covered by signatures           customFieldsAreSigned        customFieldsAreSigned
// §4 ROLENAME unique in delegations                 delegatedTargets             targetsRejected (duplicate-role-name)

#include "repobuilder.h"

#include "crypto/hash.h"
#include "verify/metachecks.h"
#include "verify/trustedrepository.h"

#include <QTest>

#include <map>
#include <memory>

using namespace Uptane;
using namespace Uptane::Verify;
using namespace Uptane::Test;
using namespace Qt::StringLiterals;
using Metadata::Encoding;
using Crypto::KeyType;

namespace {

const QDateTime kNow = QDateTime::fromSecsSinceEpoch(1'750'000'000, Qt::UTC);
const QStringList kRoles{u"root"_s, u"timestamp"_s, u"snapshot"_s, u"targets"_s, u"role-a"_s};

// Everything a failed update must leave as it was.
struct State
{
    qint64 root = 0;
    qint64 timestamp = 0;
    qint64 snapshot = 0;
    QMap<QString, qint64> targets;
    QMap<QString, QByteArray> bytes;
    bool operator==(const State &) const = default;
};

State stateOf(const TrustedRepository &trusted)
{
    State state;
    state.root = trusted.root().body.version;
    state.timestamp = trusted.timestamp() ? trusted.timestamp()->body.version : 0;
    state.snapshot = trusted.snapshot() ? trusted.snapshot()->body.version : 0;
    for (const QString &role : kRoles) {
        state.bytes.insert(role, trusted.trustedBytes(role));
        if (const auto *targets = trusted.targets(role))
            state.targets.insert(role, targets->body.version);
    }
    return state;
}

QString typeName(KeyType type)
{
    return Crypto::keyTypeName(type);
}

} // namespace

class TestTrustedRepository : public QObject
{
    Q_OBJECT

    std::map<KeyType, std::unique_ptr<KeyPool>> m_pools;
    std::unique_ptr<RepositoryBuilder> m_repo;
    VerificationReport m_report;

    // Columns encoding + keyType, one row per combination; rows named "<enc>-<key>[-<case>]".
    static void addMatrix(const QList<std::pair<const char *, int>> &cases = {})
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::addColumn<KeyType>("keyType");
        QTest::addColumn<int>("mutation");
        for (Encoding encoding : {Encoding::Json, Encoding::Der}) {
            for (KeyType type : {KeyType::Ed25519, KeyType::Ecdsa, KeyType::Rsa}) {
                const QString base = Metadata::encodingName(encoding) + u'-' + typeName(type);
                if (cases.isEmpty())
                    QTest::newRow(qPrintable(base)) << encoding << type << 0;
                for (const auto &[name, mutation] : cases)
                    QTest::newRow(qPrintable(base + u'-' + QLatin1StringView(name))) << encoding << type << mutation;
            }
        }
    }

    // The builder for the current row.
    RepositoryBuilder &repo()
    {
        QFETCH(Encoding, encoding);
        QFETCH(KeyType, keyType);
        m_repo = std::make_unique<RepositoryBuilder>(encoding, *m_pools.at(keyType), kNow);
        return *m_repo;
    }

    TrustedRepository trusted(const QDateTime &at = kNow)
    {
        auto created = TrustedRepository::create(m_repo->initialRoot(), m_repo->encoding(), at, &m_report);
        if (!created)
            qFatal("trusted root did not load: %s", qPrintable(created.error().toString()));
        return std::move(*created);
    }

    QByteArray file(const QString &role, std::optional<qint64> version = std::nullopt)
    {
        return m_repo->files.value(m_repo->fileName(role, version));
    }

    // Loads timestamp, snapshot and targets as published now.
    void loadAll(TrustedRepository &trusted)
    {
        QVERIFY(trusted.updateTimestamp(file(u"timestamp"_s)));
        QVERIFY(trusted.updateSnapshot(file(u"snapshot"_s)));
        QVERIFY(trusted.updateTargets(file(u"targets"_s)));
    }

    // The failure was recorded in the report with the same code.
    void expectReported(ErrorCode code)
    {
        const auto failure = m_report.firstFailure();
        QVERIFY(failure.has_value());
        QVERIFY(failure->error.has_value());
        QCOMPARE(failure->error->code, code);
    }

private slots:
    void initTestCase()
    {
        m_pools[KeyType::Ed25519] = std::make_unique<KeyPool>(KeyType::Ed25519, 16);
        m_pools[KeyType::Ecdsa] = std::make_unique<KeyPool>(KeyType::Ecdsa, 16);
        m_pools[KeyType::Rsa] = std::make_unique<KeyPool>(KeyType::Rsa, 12);
    }
    void init()
    {
        for (auto &[type, pool] : m_pools)
            pool->rewind();
        m_report.clear();
    }

    // ---------------------------------------------------------------- 5.2 trusted root
    void trustedRootLoads_data() { addMatrix(); }
    void trustedRootLoads()
    {
        repo();
        auto created = TrustedRepository::create(m_repo->initialRoot(), m_repo->encoding(), kNow, &m_report);
        QVERIFY(created);
        QCOMPARE(created->root().body.version, 1);
        QCOMPARE(created->trustedBytes(u"root"_s), m_repo->initialRoot());
        QVERIFY(!created->timestamp());
        QVERIFY(created->checkRootNotExpired());
        QVERIFY(m_report.allPassed());
        QCOMPARE(m_report.checks().first().step, u"TUF 5.2"_s);
    }

    void trustedRootRejected_data()
    {
        addMatrix({{"garbage", 0}, {"wrong-type", 1}, {"unsigned", 2}, {"wrong-key", 3}, {"missing-role", 4},
                   {"changed-after-signing", 5}, {"spec-version-2", 6}, {"version-0", 7}});
    }
    void trustedRootRejected()
    {
        QFETCH(int, mutation);
        RepositoryBuilder &r = repo();
        QByteArray bytes;
        ErrorCode expected = ErrorCode::ThresholdNotMet;
        Metadata::Root body = r.root;
        switch (mutation) {
        case 0:
            bytes = "\x30\x03garbage{";
            expected = r.encoding() == Encoding::Json ? ErrorCode::MalformedJson : ErrorCode::MalformedDer;
            break;
        case 1:
            bytes = file(u"timestamp"_s);
            expected = ErrorCode::WrongType;
            break;
        case 2:
            bytes = r.sign(u"root"_s, body, {});
            break;
        case 3:
            bytes = r.sign(u"root"_s, body, {r.signers[u"timestamp"_s]});
            break;
        case 4:
            body.roles.remove(u"snapshot"_s);
            bytes = r.sign(u"root"_s, body, r.signers[u"root"_s]);
            expected = ErrorCode::MissingRole;
            break;
        case 5: {
            Metadata::Root served = body;
            served.expires = served.expires.addDays(1);
            bytes = r.sign(u"root"_s, body, r.signers[u"root"_s], &served);
            break;
        }
        case 6:  // §4 spec_version: only 1.x is understood
            body.specVersion = u"2.0.0"_s;
            bytes = r.sign(u"root"_s, body, r.signers[u"root"_s]);
            expected = ErrorCode::UnsupportedSpecVersion;
            break;
        case 7:  // §4 version: an integer > 0
            body.version = 0;
            bytes = r.sign(u"root"_s, body, r.signers[u"root"_s]);
            expected = ErrorCode::SchemaViolation;
            break;
        }
        auto created = TrustedRepository::create(bytes, r.encoding(), kNow, &m_report);
        QVERIFY(!created);
        QCOMPARE(created.error().code, expected);
        expectReported(expected);
    }

    // ---------------------------------------------------------------- 5.3 root rotation
    void rootRotation_data() { addMatrix(); }
    void rootRotation()
    {
        RepositoryBuilder &r = repo();
        TrustedRepository t = trusted();
        r.rotateKeys(u"root"_s);  // v2 signed by the old and the new root key
        r.bumpRoot();
        QVERIFY(t.updateRoot(file(u"root"_s, 2)));
        QCOMPARE(t.root().body.version, 2);
        QCOMPARE(t.trustedBytes(u"root"_s), file(u"root"_s, 2));
        // v3 needs only the new key now.
        r.bumpRoot();
        QVERIFY(t.updateRoot(file(u"root"_s, 3)));
        QCOMPARE(t.root().body.version, 3);
        QVERIFY(m_report.allPassed());
    }

    void rootRotationRejected_data()
    {
        addMatrix({{"no-old-signature", 0}, {"no-new-signature", 1}, {"version-skip", 2}, {"version-unchanged", 3},
                   {"duplicate-signature", 4}, {"wrong-type", 5}, {"changed-after-signing", 6}});
    }
    void rootRotationRejected()
    {
        QFETCH(int, mutation);
        RepositoryBuilder &r = repo();
        TrustedRepository t = trusted();
        const State before = stateOf(t);
        const QList<Crypto::PrivateKey> oldKeys = r.signers[u"root"_s];
        Metadata::Root next = r.root;
        next.version = 2;
        QByteArray bytes;
        ErrorCode expected = ErrorCode::RootThresholdOld;
        switch (mutation) {
        case 0:  // new keys only
            r.rotateKeys(u"root"_s);
            next = r.root;
            next.version = 2;
            bytes = r.sign(u"root"_s, next, r.signers[u"root"_s]);
            break;
        case 1:  // rotated, but signed by the old key only
            r.rotateKeys(u"root"_s);
            next = r.root;
            next.version = 2;
            bytes = r.sign(u"root"_s, next, oldKeys);
            expected = ErrorCode::RootThresholdNew;
            break;
        case 2:
            next.version = 3;
            bytes = r.sign(u"root"_s, next, oldKeys);
            expected = ErrorCode::BadVersion;
            break;
        case 3:
            next.version = 1;
            next.expires = next.expires.addDays(1);
            bytes = r.sign(u"root"_s, next, oldKeys);
            expected = ErrorCode::BadVersion;
            break;
        case 4: {  // v2 wants two root keys; one key signs twice
            r.addKey(u"root"_s);
            next = r.root;
            next.version = 2;
            next.roles[u"root"_s].threshold = 2;
            r.tamperSignatures = [](const QString &, QList<Metadata::Signature> &signatures) {
                signatures = {signatures.first(), signatures.first()};
            };
            bytes = r.sign(u"root"_s, next, oldKeys);
            // TUF §4.2: signature keyids MUST be unique; the codec rejects the file outright
            // (as python-tuf does), so the duplicate cannot even be counted once.
            expected = ErrorCode::DuplicateKey;
            break;
        }
        case 5:
            bytes = file(u"timestamp"_s);
            expected = ErrorCode::WrongType;
            break;
        case 6: {
            Metadata::Root served = next;
            served.consistentSnapshot = !served.consistentSnapshot;
            bytes = r.sign(u"root"_s, next, oldKeys, &served);
            break;
        }
        }
        auto result = t.updateRoot(bytes);
        QVERIFY(!result);
        QCOMPARE(result.error().code, expected);
        QVERIFY(stateOf(t) == before);
        expectReported(expected);
    }

    void intermediateRootExpiryIgnored_data() { addMatrix(); }
    void intermediateRootExpiryIgnored()
    {
        RepositoryBuilder &r = repo();
        TrustedRepository t = trusted();
        r.root.expires = kNow.addSecs(-1);
        r.bumpRoot();  // v2, expired
        r.root.expires = kNow.addDays(1);
        r.bumpRoot();  // v3, valid
        QVERIFY(t.updateRoot(file(u"root"_s, 2)));
        QVERIFY(t.updateRoot(file(u"root"_s, 3)));
        QVERIFY(t.checkRootNotExpired());
        QVERIFY(m_report.allPassed());
    }

    void finalRootExpired_data() { addMatrix(); }
    void finalRootExpired()
    {
        RepositoryBuilder &r = repo();
        TrustedRepository t = trusted();
        r.root.expires = kNow;  // expired at exactly the reference time
        r.bumpRoot();
        QVERIFY(t.updateRoot(file(u"root"_s, 2)));
        auto final = t.checkRootNotExpired();
        QVERIFY(!final);
        QCOMPARE(final.error().code, ErrorCode::Expired);
        // Nothing newer can be trusted under an expired root.
        auto timestamp = t.updateTimestamp(file(u"timestamp"_s));
        QVERIFY(!timestamp);
        QCOMPARE(timestamp.error().code, ErrorCode::Expired);
        QVERIFY(!t.timestamp());
    }

    // A trusted root that is expired still loads (5.2 does not check expiry).
    void expiredTrustedRootLoads_data() { addMatrix(); }
    void expiredTrustedRootLoads()
    {
        repo();
        TrustedRepository t = trusted(kNow.addYears(2));
        QCOMPARE(t.checkRootNotExpired().error().code, ErrorCode::Expired);
    }

    void fastForwardRecovery_data()
    {
        addMatrix({{"timestamp-keys", 0}, {"snapshot-keys", 1}, {"targets-keys", 2}, {"no-key-change", 3}});
    }
    void fastForwardRecovery()
    {
        QFETCH(int, mutation);
        RepositoryBuilder &r = repo();
        TrustedRepository t = trusted();
        loadAll(t);
        const QString rotated = QStringList{u"timestamp"_s, u"snapshot"_s, u"targets"_s, QString()}.at(mutation);
        if (!rotated.isEmpty())
            r.rotateKeys(rotated);
        r.bumpRoot();
        QVERIFY(t.updateRoot(file(u"root"_s, 2)));
        const bool dropsTimestamp = mutation <= 1;
        QCOMPARE(t.timestamp().has_value(), !dropsTimestamp);
        QCOMPARE(t.snapshot().has_value(), !dropsTimestamp);
        QCOMPARE(t.trustedBytes(u"timestamp"_s).isEmpty(), dropsTimestamp);
        QCOMPARE(t.targets() != nullptr, mutation == 3);
    }

    // ---------------------------------------------------------------- 5.4 timestamp
    void timestampUpdates_data() { addMatrix(); }
    void timestampUpdates()
    {
        RepositoryBuilder &r = repo();
        TrustedRepository t = trusted();
        QVERIFY(t.updateTimestamp(file(u"timestamp"_s)));
        r.updateSnapshot();  // timestamp v2 lists snapshot v2
        QVERIFY(t.updateTimestamp(file(u"timestamp"_s)));
        QCOMPARE(t.timestamp()->body.version, 2);
        QCOMPARE(t.trustedBytes(u"timestamp"_s), file(u"timestamp"_s));
        QVERIFY(m_report.allPassed());
    }

    void timestampEqualVersion_data() { addMatrix(); }
    void timestampEqualVersion()
    {
        RepositoryBuilder &r = repo();
        TrustedRepository t = trusted();
        const QByteArray first = file(u"timestamp"_s);
        QVERIFY(t.updateTimestamp(first));
        r.timestamp.expires = r.timestamp.expires.addDays(1);  // other content, same version
        r.publishTimestamp();
        QVERIFY(file(u"timestamp"_s) != first);
        auto result = t.updateTimestamp(file(u"timestamp"_s));
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::EqualVersion);
        QCOMPARE(t.trustedBytes(u"timestamp"_s), first);
        QVERIFY(m_report.allPassed());  // not an attack
    }

    void timestampRejected_data()
    {
        addMatrix({{"unsigned", 0}, {"wrong-key", 1}, {"duplicate-signature", 2}, {"empty-signature", 3},
                   {"unknown-keyid", 4}, {"changed-after-signing", 5}, {"wrong-type", 6}, {"expired", 7},
                   {"rollback", 8}, {"snapshot-rollback", 9}, {"root-expired", 10}, {"garbled-signature", 11}});
    }
    void timestampRejected()
    {
        QFETCH(int, mutation);
        RepositoryBuilder &r = repo();
        // Version 3 trusted (listing snapshot v3): room to roll back below it.
        r.snapshot.version = 2;
        r.updateSnapshot();
        r.timestamp.version = 3;
        r.publishTimestamp();
        TrustedRepository t = trusted(mutation == 10 ? kNow.addYears(2) : kNow);
        if (mutation != 10)
            QVERIFY(t.updateTimestamp(file(u"timestamp"_s)));
        const State before = stateOf(t);
        m_report.clear();

        Metadata::Timestamp next = r.timestamp;
        next.version = 4;
        QList<Crypto::PrivateKey> keys = r.signers[u"timestamp"_s];
        ErrorCode expected = ErrorCode::ThresholdNotMet;
        QByteArray bytes;
        switch (mutation) {
        case 0:
            keys.clear();
            break;
        case 1:
            keys = r.signers[u"snapshot"_s];
            break;
        case 2:  // threshold 2 met only by counting one key twice; the codec refuses it first
            expected = ErrorCode::DuplicateKey;
            r.addKey(u"timestamp"_s);
            r.root.roles[u"timestamp"_s].threshold = 2;
            r.bumpRoot();
            QVERIFY(t.updateRoot(file(u"root"_s, 2)));
            r.tamperSignatures = [](const QString &, QList<Metadata::Signature> &signatures) {
                signatures = {signatures.first(), signatures.first()};
            };
            break;
        case 3:
            r.tamperSignatures = [](const QString &, QList<Metadata::Signature> &signatures) {
                signatures.first().value.clear();
            };
            break;
        case 4:
            r.tamperSignatures = [](const QString &, QList<Metadata::Signature> &signatures) {
                signatures.first().keyid = QString(64, u'a');
            };
            break;
        case 5: {
            Metadata::Timestamp served = next;
            served.snapshot.version = 99;
            bytes = r.sign(u"timestamp"_s, next, keys, &served);
            break;
        }
        case 6:
            bytes = file(u"snapshot"_s);
            expected = ErrorCode::WrongType;
            break;
        case 7:
            next.expires = kNow.addSecs(-1);
            expected = ErrorCode::Expired;
            break;
        case 8:
            next.version = 2;
            expected = ErrorCode::Rollback;
            break;
        case 9:
            next.snapshot.version = 2;
            expected = ErrorCode::Rollback;
            break;
        case 10:
            expected = ErrorCode::Expired;
            break;
        case 11:  // TC test_invalid_sig_in_valid_metadata
            r.tamperSignatures = [](const QString &, QList<Metadata::Signature> &signatures) {
                signatures.first().value[0] = char(signatures.first().value.at(0) ^ 0x01);
            };
            break;
        }
        if (bytes.isEmpty())
            bytes = r.sign(u"timestamp"_s, next, keys);
        const State reference = mutation == 2 ? stateOf(t) : before;
        auto result = t.updateTimestamp(bytes);
        QVERIFY(!result);
        QCOMPARE(result.error().code, expected);
        QVERIFY(stateOf(t) == reference);
        expectReported(expected);
    }

    // An expired stored timestamp is not final, but still the rollback baseline.
    void storedTimestampIsBaseline_data() { addMatrix(); }
    void storedTimestampIsBaseline()
    {
        RepositoryBuilder &r = repo();
        r.timestamp.version = 5;
        r.timestamp.expires = kNow.addSecs(-10);
        r.publishTimestamp();
        TrustedRepository t = trusted();
        auto local = t.updateTimestamp(file(u"timestamp"_s), true);
        QVERIFY(!local);
        QCOMPARE(local.error().code, ErrorCode::Expired);
        QCOMPARE(t.timestamp()->body.version, 5);
        QVERIFY(!m_report.allPassed());

        // Not final: nothing may be verified against it.
        QCOMPARE(t.updateSnapshot(file(u"snapshot"_s)).error().code, ErrorCode::Expired);

        // A fresh but older one is a rollback against the expired baseline ...
        r.timestamp.version = 4;
        r.timestamp.expires = kNow.addDays(1);
        r.publishTimestamp();
        QCOMPARE(t.updateTimestamp(file(u"timestamp"_s)).error().code, ErrorCode::Rollback);
        // ... a newer one replaces it.
        r.timestamp.version = 6;
        r.publishTimestamp();
        QVERIFY(t.updateTimestamp(file(u"timestamp"_s)));
        QCOMPARE(t.timestamp()->body.version, 6);
    }

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

    // ---------------------------------------------------------------- §4 keys and thresholds
    void thresholdRules_data() { addMatrix(); }
    void thresholdRules()
    {
        RepositoryBuilder &r = repo();
        const QByteArray message = "signed bytes";
        const Crypto::PrivateKey a = m_pools.at(KeyType::Ed25519)->take();
        const Crypto::PrivateKey b = m_pools.at(KeyType::Ecdsa)->take();
        const Crypto::PrivateKey c = r.signers[u"targets"_s].first();  // this row's key type
        QMap<QString, Metadata::KeyEntry> keys;
        Metadata::RoleKeys role;
        for (const Crypto::PrivateKey &key : {a, b, c}) {
            Metadata::KeyEntry entry;
            entry.key = key.publicKey();
            entry.keyid = Metadata::computeKeyId(entry.key);
            keys.insert(entry.keyid, entry);
            role.keyids.append(entry.keyid);
        }
        auto sig = [&](const Crypto::PrivateKey &key) {
            return Metadata::Signature{Metadata::computeKeyId(key.publicKey()), *key.sign(message)};
        };
        const QString name = u"targets"_s;
        role.threshold = 3;
        QVERIFY(verifyThreshold(message, {sig(a), sig(b), sig(c)}, keys, role, name));  // mixed key types
        QCOMPARE(verifyThreshold(message, {sig(a), sig(b), sig(b)}, keys, role, name).error().code,
                 ErrorCode::ThresholdNotMet);  // duplicate keyid counts once
        QCOMPARE(verifyThreshold("other", {sig(a), sig(b), sig(c)}, keys, role, name).error().code,
                 ErrorCode::ThresholdNotMet);  // signatures over other bytes
        role.threshold = 1;
        QCOMPARE(verifyThreshold(message, {Metadata::Signature{sig(a).keyid, {}}}, keys, role, name).error().code,
                 ErrorCode::ThresholdNotMet);  // empty signature ignored
        // A keyid the role does not list never counts, even with a valid signature.
        Metadata::RoleKeys onlyA{{sig(a).keyid}, 1, {}};
        QCOMPARE(verifyThreshold(message, {sig(b)}, keys, onlyA, name).error().code, ErrorCode::ThresholdNotMet);
        // A listed keyid without a key in the key map never counts.
        QMap<QString, Metadata::KeyEntry> noKeys;
        QCOMPARE(verifyThreshold(message, {sig(a)}, noKeys, onlyA, name).error().code, ErrorCode::ThresholdNotMet);
        // A key that failed to load (null) never counts.
        QMap<QString, Metadata::KeyEntry> unloadable = keys;
        unloadable[sig(a).keyid].key = Crypto::PublicKey();
        unloadable[sig(a).keyid].keyError = Error{ErrorCode::UnknownKeyType, u"x"_s};
        QCOMPARE(verifyThreshold(message, {sig(a)}, unloadable, onlyA, name).error().code, ErrorCode::ThresholdNotMet);
        // One key listed under two keyids counts once (tuf-conformance test_duplicate_keys_root).
        QMap<QString, Metadata::KeyEntry> twice = keys;
        twice.insert(u"alias"_s, keys.value(sig(a).keyid));
        twice[u"alias"_s].keyid = u"alias"_s;
        Metadata::RoleKeys both{{sig(a).keyid, u"alias"_s}, 2, {}};
        QCOMPARE(verifyThreshold(message, {sig(a), Metadata::Signature{u"alias"_s, sig(a).value}}, twice, both, name)
                     .error()
                     .code,
                 ErrorCode::ThresholdNotMet);
        // A threshold below 1 is never met.
        Metadata::RoleKeys zero{{sig(a).keyid}, 0, {}};
        QCOMPARE(verifyThreshold(message, {sig(a)}, keys, zero, name).error().code, ErrorCode::ThresholdNotMet);
    }

    // Unknown fields are part of what is signed (TC test_custom_fields). JSON only: the DER
    // module has no place for arbitrary fields.
    void customFieldsAreSigned_data()
    {
        QTest::addColumn<Encoding>("encoding");
        QTest::addColumn<KeyType>("keyType");
        for (KeyType type : {KeyType::Ed25519, KeyType::Ecdsa, KeyType::Rsa})
            QTest::newRow(qPrintable(u"json-"_s + typeName(type))) << Encoding::Json << type;
    }
    void customFieldsAreSigned()
    {
        RepositoryBuilder &r = repo();
        TrustedRepository t = trusted();
        r.root.unknown.insert(u"custom-field"_s, u"value"_s);
        const QString keyid = r.root.roles[u"root"_s].keyids.first();
        r.root.keys[keyid].unknown.insert(u"extra-field"_s, Json::Object{{u"a"_s, 1}, {u"b"_s, 2}});
        r.root.roles[u"root"_s].unknown.insert(u"another-field"_s, u"value"_s);
        r.bumpRoot();
        QVERIFY(t.updateRoot(file(u"root"_s, 2)));
        QCOMPARE(t.root().body.unknown.value(u"custom-field"_s), Json::Value(u"value"_s));

        Metadata::Root next = r.root;
        next.version = 3;
        Metadata::Root served = next;
        served.unknown.insert(u"custom-field"_s, u"changed"_s);
        const State before = stateOf(t);
        auto result = t.updateRoot(r.sign(u"root"_s, next, r.signers[u"root"_s], &served));
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::RootThresholdOld);
        QVERIFY(stateOf(t) == before);
    }
};

QTEST_GUILESS_MAIN(TestTrustedRepository)
#include "tst_trustedrepository.moc"
