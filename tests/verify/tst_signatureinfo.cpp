// Tests of the inspector's signature description (core/verify/signatureinfo.h): each
// signature's status and the threshold verdict, in both encodings, for top-level roles
// (against root) and a delegated role (against its delegating targets). The verdict is
// cross-checked with verifyThreshold(), the function the client itself uses.

#include "metadata/codec.h"
#include "verify/signatureinfo.h"
#include "verify/trustedrepository.h"

#include <QTest>

using namespace Uptane;
using namespace Uptane::Metadata;
using namespace Qt::StringLiterals;
using Status = Verify::SignatureInfo::Status;

Q_DECLARE_METATYPE(Uptane::Metadata::Encoding)

namespace {

enum class Tamper { None, Corrupt, Duplicate, UnknownListed };

KeyEntry entryFor(const Crypto::PrivateKey &key)
{
    KeyEntry entry;
    entry.key = key.publicKey();
    entry.keyid = computeKeyId(entry.key);
    return entry;
}

const QString kUnknownKeyId = QString(64, u'a');

} // namespace

class TestSignatureInfo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void topLevel_data();
    void topLevel();
    void rootAgainstItself_data();
    void rootAgainstItself();
    void delegatedRole_data();
    void delegatedRole();
    void duplicateSignature_data();
    void duplicateSignature();
    void noDelegator();
    void malformed_data();
    void malformed();

private:
    Root makeRoot(const QList<int> &targetsKeys, qint64 threshold, bool listUnknown) const;
    QByteArray signTargets(const Targets &body, Encoding encoding, const QList<int> &signers,
                           Tamper tamper) const;
    static QDateTime expires() { return QDateTime::fromSecsSinceEpoch(4102444800, Qt::UTC); }

    QList<Crypto::PrivateKey> m_keys;  // 0: root, 1..3: role keys, 4: ECDSA role key
};

void TestSignatureInfo::initTestCase()
{
    for (int i = 0; i < 4; ++i) {
        auto key = Crypto::PrivateKey::generate(Crypto::KeyType::Ed25519);
        QVERIFY(key);
        m_keys.append(*key);
    }
    auto ecdsa = Crypto::PrivateKey::generate(Crypto::KeyType::Ecdsa);
    QVERIFY(ecdsa);
    m_keys.append(*ecdsa);
}

Root TestSignatureInfo::makeRoot(const QList<int> &targetsKeys, qint64 threshold, bool listUnknown) const
{
    Root root;
    root.expires = expires();
    const KeyEntry rootKey = entryFor(m_keys[0]);
    root.keys.insert(rootKey.keyid, rootKey);
    for (const QString &role : {u"root"_s, u"timestamp"_s, u"snapshot"_s})
        root.roles.insert(role, RoleKeys{{rootKey.keyid}, 1, {}});
    RoleKeys targets{{}, threshold, {}};
    for (int index : targetsKeys) {
        const KeyEntry entry = entryFor(m_keys[index]);
        root.keys.insert(entry.keyid, entry);
        targets.keyids.append(entry.keyid);
    }
    if (listUnknown)
        targets.keyids.append(kUnknownKeyId);
    root.roles.insert(u"targets"_s, targets);
    return root;
}

QByteArray TestSignatureInfo::signTargets(const Targets &body, Encoding encoding,
                                          const QList<int> &signers, Tamper tamper) const
{
    QList<Crypto::PrivateKey> keys;
    for (int index : signers)
        keys.append(m_keys[index]);
    auto signedTargets = sign(body, encoding, keys);
    if (!signedTargets)
        return {};
    QList<Signature> &signatures = signedTargets->signatures;
    switch (tamper) {
    case Tamper::None:
        break;
    case Tamper::Corrupt:
        signatures.first().value[5] = char(signatures.first().value[5] ^ 0x01);
        break;
    case Tamper::Duplicate:
        signatures.append(signatures.first());
        break;
    case Tamper::UnknownListed:
        signatures.append(Signature{kUnknownKeyId, signatures.first().value});
        break;
    }
    auto bytes = serialize(*signedTargets);
    return bytes ? *bytes : QByteArray();
}

void TestSignatureInfo::topLevel_data()
{
    QTest::addColumn<Encoding>("encoding");
    QTest::addColumn<QList<int>>("listed");     // keys root lists for targets
    QTest::addColumn<qint64>("threshold");
    QTest::addColumn<QList<int>>("signers");    // keys that sign targets
    QTest::addColumn<int>("tamper");
    QTest::addColumn<QList<int>>("statuses");   // Status per signature, in order
    QTest::addColumn<bool>("thresholdMet");

    const auto s = [](std::initializer_list<Status> list) {
        QList<int> out;
        for (Status status : list)
            out.append(int(status));
        return out;
    };
    for (Encoding encoding : {Encoding::Json, Encoding::Der}) {
        const QByteArray e = encodingName(encoding).toLatin1();
        QTest::addRow("%s good", e.constData()) << encoding << QList<int>{1} << qint64(1) << QList<int>{1}
                                   << int(Tamper::None) << s({Status::Valid}) << true;
        QTest::addRow("%s ecdsa key", e.constData()) << encoding << QList<int>{4} << qint64(1) << QList<int>{4}
                                        << int(Tamper::None) << s({Status::Valid}) << true;
        QTest::addRow("%s wrong key", e.constData()) << encoding << QList<int>{1} << qint64(1) << QList<int>{2}
                                        << int(Tamper::None) << s({Status::NotListed}) << false;
        QTest::addRow("%s corrupted", e.constData()) << encoding << QList<int>{1} << qint64(1) << QList<int>{1}
                                        << int(Tamper::Corrupt) << s({Status::BadSignature}) << false;
        QTest::addRow("%s threshold 2 of 1", e.constData()) << encoding << QList<int>{1, 2} << qint64(2)
                                               << QList<int>{1} << int(Tamper::None)
                                               << s({Status::Valid}) << false;
        QTest::addRow("%s threshold 2 of 2", e.constData()) << encoding << QList<int>{1, 2} << qint64(2)
                                               << QList<int>{1, 2} << int(Tamper::None)
                                               << s({Status::Valid, Status::Valid}) << true;
        QTest::addRow("%s threshold 2 one corrupted", e.constData()) << encoding << QList<int>{1, 2} << qint64(2)
                                                        << QList<int>{1, 2} << int(Tamper::Corrupt)
                                                        << s({Status::BadSignature, Status::Valid})
                                                        << false;
        QTest::addRow("%s listed unknown key", e.constData()) << encoding << QList<int>{1} << qint64(1)
                                                 << QList<int>{1} << int(Tamper::UnknownListed)
                                                 << s({Status::Valid, Status::UnknownKey}) << true;
    }
}

void TestSignatureInfo::topLevel()
{
    QFETCH(Encoding, encoding);
    QFETCH(QList<int>, listed);
    QFETCH(qint64, threshold);
    QFETCH(QList<int>, signers);
    QFETCH(int, tamper);
    QFETCH(QList<int>, statuses);
    QFETCH(bool, thresholdMet);

    const Root root = makeRoot(listed, threshold, Tamper(tamper) == Tamper::UnknownListed);
    auto rootBytes = signAndSerialize(root, encoding, {m_keys[0]});
    QVERIFY(rootBytes);
    Targets targets;
    targets.expires = expires();
    const QByteArray targetsBytes = signTargets(targets, encoding, signers, Tamper(tamper));
    QVERIFY(!targetsBytes.isEmpty());

    auto report = Verify::describeFileSignatures(targetsBytes, encoding, u"targets"_s, *rootBytes);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().toString()));
    QCOMPARE(report->type, u"targets"_s);
    QCOMPARE(report->delegator, u"root"_s);
    QCOMPARE(report->threshold, threshold);
    QCOMPARE(report->signatures.size(), statuses.size());
    for (qsizetype i = 0; i < statuses.size(); ++i) {
        const Verify::SignatureInfo &info = report->signatures[i];
        QCOMPARE(int(info.status), statuses[i]);
        QCOMPARE(info.verifies, info.status == Status::Valid || info.status == Status::Duplicate);
    }
    QCOMPARE(!report->error.has_value(), thresholdMet);
    if (report->error)
        QCOMPARE(report->error->code, ErrorCode::ThresholdNotMet);

    // The client's own verdict on the same bytes agrees.
    auto parsed = parse<Targets>(targetsBytes, encoding);
    QVERIFY(parsed);
    const auto verdict = Verify::verifyThreshold(parsed->signedBytes, parsed->signatures, root.keys,
                                                 root.roles.value(u"targets"_s), u"targets"_s);
    QCOMPARE(bool(verdict), thresholdMet);
    // Methods name the scheme of the listed key.
    if (report->signatures.first().status == Status::Valid) {
        const KeyEntry key = root.keys.value(report->signatures.first().keyid);
        QCOMPARE(report->signatures.first().method, key.key.schemeName());
        QCOMPARE(report->signatures.first().keyType, key.key.keyTypeName());
    }
}

void TestSignatureInfo::rootAgainstItself_data()
{
    QTest::addColumn<Encoding>("encoding");
    QTest::addColumn<bool>("signedByRootKey");
    QTest::newRow("json signed") << Encoding::Json << true;
    QTest::newRow("der signed") << Encoding::Der << true;
    QTest::newRow("json other key") << Encoding::Json << false;
    QTest::newRow("der other key") << Encoding::Der << false;
}

void TestSignatureInfo::rootAgainstItself()
{
    QFETCH(Encoding, encoding);
    QFETCH(bool, signedByRootKey);
    const Root root = makeRoot({1}, 1, false);
    auto bytes = signAndSerialize(root, encoding, {signedByRootKey ? m_keys[0] : m_keys[1]});
    QVERIFY(bytes);
    // The role argument does not matter for a root file: root is checked as root.
    auto report = Verify::describeFileSignatures(*bytes, encoding, u"targets"_s, *bytes);
    QVERIFY(report);
    QCOMPARE(report->role, u"root"_s);
    QCOMPARE(report->type, u"root"_s);
    QCOMPARE(report->signatures.size(), 1);
    // Key 1 is in root's keys (for targets) but not listed for root.
    QCOMPARE(report->signatures.first().status, signedByRootKey ? Status::Valid : Status::NotListed);
    QCOMPARE(!report->error.has_value(), signedByRootKey);
}

void TestSignatureInfo::delegatedRole_data()
{
    QTest::addColumn<Encoding>("encoding");
    QTest::addColumn<QString>("role");
    QTest::addColumn<int>("signer");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code");  // -1: threshold met
    for (Encoding encoding : {Encoding::Json, Encoding::Der}) {
        const QByteArray e = encodingName(encoding).toLatin1();
        QTest::addRow("%s supplier key", e.constData()) << encoding << u"supplier"_s << 3 << int(Status::Valid) << -1;
        QTest::addRow("%s top-level targets key", e.constData()) << encoding << u"supplier"_s << 1
                                                   << int(Status::NotListed)
                                                   << int(ErrorCode::ThresholdNotMet);
        QTest::addRow("%s role not delegated", e.constData()) << encoding << u"other"_s << 3 << int(Status::NotListed)
                                                << int(ErrorCode::MissingRole);
    }
}

void TestSignatureInfo::delegatedRole()
{
    QFETCH(Encoding, encoding);
    QFETCH(QString, role);
    QFETCH(int, signer);
    QFETCH(int, status);
    QFETCH(int, code);

    Targets top;
    top.expires = expires();
    Delegations delegations;
    const KeyEntry supplierKey = entryFor(m_keys[3]);
    delegations.keys.insert(supplierKey.keyid, supplierKey);
    DelegatedRole supplier;
    supplier.name = u"supplier"_s;
    supplier.keyids = {supplierKey.keyid};
    supplier.paths = QStringList{u"*"_s};
    delegations.roles.append(supplier);
    top.delegations = delegations;
    const QByteArray topBytes = signTargets(top, encoding, {1}, Tamper::None);
    QVERIFY(!topBytes.isEmpty());

    Targets delegated;
    delegated.expires = expires();
    const QByteArray delegatedBytes = signTargets(delegated, encoding, {signer}, Tamper::None);
    auto report = Verify::describeFileSignatures(delegatedBytes, encoding, role, topBytes);
    QVERIFY(report);
    QCOMPARE(report->delegator, u"targets"_s);
    QCOMPARE(report->signatures.size(), 1);
    QCOMPARE(int(report->signatures.first().status), status);
    QCOMPARE(report->error ? int(report->error->code) : -1, code);
}

void TestSignatureInfo::duplicateSignature_data()
{
    QTest::addColumn<Encoding>("encoding");
    QTest::newRow("json") << Encoding::Json;
    QTest::newRow("der") << Encoding::Der;
}

void TestSignatureInfo::duplicateSignature()
{
    QFETCH(Encoding, encoding);
    // Both codecs refuse a file naming one keyid twice (DuplicateKey) ...
    const Root root = makeRoot({1, 2}, 2, false);
    auto rootBytes = signAndSerialize(root, encoding, {m_keys[0]});
    QVERIFY(rootBytes);
    Targets targets;
    targets.expires = expires();
    const QByteArray bytes = signTargets(targets, encoding, {1}, Tamper::Duplicate);
    auto refused = Verify::describeFileSignatures(bytes, encoding, u"targets"_s, *rootBytes);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::DuplicateKey);

    // ... so a second copy reaches the description only from memory: it never counts twice.
    auto signedTargets = sign(targets, encoding, {m_keys[1]});
    QVERIFY(signedTargets);
    QList<Signature> signatures = signedTargets->signatures;
    signatures.append(signatures.first());
    const auto report = Verify::describeSignatures(signedTargets->signedBytes, signatures, root.keys,
                                                   root.roles.value(u"targets"_s), u"targets"_s);
    QCOMPARE(report.signatures.size(), 2);
    QCOMPARE(report.signatures[0].status, Status::Valid);
    QCOMPARE(report.signatures[1].status, Status::Duplicate);
    QCOMPARE(report.validCount, 1);
    QVERIFY(report.error);
    QCOMPARE(report.error->code, ErrorCode::ThresholdNotMet);
    QVERIFY(!Verify::verifyThreshold(signedTargets->signedBytes, signatures, root.keys,
                                     root.roles.value(u"targets"_s), u"targets"_s));
}

void TestSignatureInfo::noDelegator()
{
    Targets targets;
    targets.expires = expires();
    const QByteArray bytes = signTargets(targets, Encoding::Json, {1}, Tamper::None);
    auto report = Verify::describeFileSignatures(bytes, Encoding::Json, u"targets"_s, {});
    QVERIFY(report);
    QCOMPARE(report->threshold, 0);
    QCOMPARE(report->signatures.size(), 1);
    QCOMPARE(report->signatures.first().status, Status::UnknownKey);
    QVERIFY(report->delegator.isEmpty());
}

void TestSignatureInfo::malformed_data()
{
    QTest::addColumn<Encoding>("encoding");
    QTest::addColumn<bool>("breakDelegator");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("json file") << Encoding::Json << false << ErrorCode::MalformedJson;
    QTest::newRow("der file") << Encoding::Der << false << ErrorCode::MalformedDer;
    QTest::newRow("json delegator") << Encoding::Json << true << ErrorCode::MalformedJson;
    QTest::newRow("der delegator") << Encoding::Der << true << ErrorCode::MalformedDer;
}

void TestSignatureInfo::malformed()
{
    QFETCH(Encoding, encoding);
    QFETCH(bool, breakDelegator);
    QFETCH(ErrorCode, code);
    Targets targets;
    targets.expires = expires();
    QByteArray bytes = signTargets(targets, encoding, {1}, Tamper::None);
    auto root = signAndSerialize(makeRoot({1}, 1, false), encoding, {m_keys[0]});
    QVERIFY(root);
    QByteArray rootBytes = *root;
    QByteArray &broken = breakDelegator ? rootBytes : bytes;
    broken.chop(3);
    auto report = Verify::describeFileSignatures(bytes, encoding, u"targets"_s, rootBytes);
    QVERIFY(!report);
    QCOMPARE(report.error().code, code);
}

QTEST_GUILESS_MAIN(TestSignatureInfo)
#include "tst_signatureinfo.moc"
