// TrustedRepository: root and timestamp rules of TUF 1.0 §5.2-5.4 and the §4 format, key and
// threshold rules, bytes in, verdicts out. Every test runs for both encodings and all three key
// types; every failing case asserts the ErrorCode and that the trusted state is unchanged.
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
// §4 _type                                          (every pass)                 *Rejected (wrong-type)
// §4 spec_version 1.x, version > 0                  (every pass)                 trustedRootRejected (spec-version-2, version-0)
// §4 keytype/scheme pairs, bad signature value      (every row: all key types)   timestampRejected (garbled-signature)
// §4 root lists all roles, threshold >= 1           trustedRootLoads             trustedRootRejected (missing-role), thresholdRules
// §4 unique signature keyids / keys                 thresholdRules               thresholdRules, timestampRejected (duplicate-signature: DuplicateKey)
// §4 unknown fields covered by signatures           customFieldsAreSigned        customFieldsAreSigned

#include "trustedrepositoryfixture.h"

#include <QTest>

class TestTrustedRepository : public TrustedRepositoryFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { initFixture(); }
    void init() { rewind(); }

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
