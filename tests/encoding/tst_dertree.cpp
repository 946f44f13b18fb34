// Tests of the generic DER walk and the module's field names (core/encoding/dertree.h) on the
// DER fixtures of tests/data/der: valid files of every kind are walked, named and checked
// against libtasn1's reading of the same bytes (Der::Element); broken files and hand-made
// TLVs fail with the codes of the error catalogue.

#include "encoding/der.h"
#include "encoding/dertree.h"

#include <QFile>
#include <QTest>

using namespace Uptane;
using namespace Qt::StringLiterals;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(UPTANE_TEST_DATA) + u"/der/"_s + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// Every node's bytes lie inside its parent's content, children tile it exactly, and a
// primitive's value is the input slice.
void checkTiling(const Der::DerNode &node, const QByteArray &input, int &failures)
{
    if (!node.constructed && node.value != input.mid(node.offset + node.headerLength, node.length))
        ++failures;
    qsizetype at = node.offset + node.headerLength;
    for (const Der::DerNode &child : node.children) {
        if (child.offset != at)
            ++failures;
        at = child.end();
        checkTiling(child, input, failures);
    }
    if (node.constructed && at != node.end())
        ++failures;
}

} // namespace

class TestDerTree : public QObject
{
    Q_OBJECT

private slots:
    void validFiles_data();
    void validFiles();
    void targetFieldsNamed();
    void vehicleManifestNamesEmbeddedManifest();
    void busMessageNamed();
    void unknownShapeStaysGeneric();
    void rejectsFiles_data();
    void rejectsFiles();
    void rejectsBytes_data();
    void rejectsBytes();
    void valueText_data();
    void valueText();
};

void TestDerTree::validFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("alternative");
    QTest::newRow("root") << u"valid-root.der"_s << u"root"_s;
    QTest::newRow("targets") << u"valid-targets.der"_s << u"targets"_s;
    QTest::newRow("snapshot") << u"valid-snapshot.der"_s << u"snapshot"_s;
    QTest::newRow("timestamp") << u"valid-timestamp.der"_s << u"timestamp"_s;
    QTest::newRow("time attestation") << u"valid-time-attestation.der"_s << u"timeAttestation"_s;
    QTest::newRow("vehicle manifest") << u"valid-vehicle-manifest.der"_s << u"vehicleManifest"_s;
}

void TestDerTree::validFiles()
{
    QFETCH(QString, file);
    QFETCH(QString, alternative);
    const QByteArray bytes = fixture(file);
    QVERIFY(!bytes.isEmpty());

    auto tree = Der::decodeDerTree(bytes);
    QVERIFY2(tree, qPrintable(tree ? QString() : tree.error().toString()));
    QCOMPARE(tree->offset, 0);
    QCOMPARE(tree->end(), bytes.size());
    int failures = 0;
    checkTiling(*tree, bytes, failures);
    QCOMPARE(failures, 0);

    QVERIFY(Der::nameDerTree(*tree));
    QCOMPARE(tree->typeName, u"Metadata"_s);
    const Der::DerNode *signedNode = Der::findDerField(*tree, u"signed"_s);
    QVERIFY(signedNode);
    QCOMPARE(signedNode->label, alternative);
    const Der::DerNode *signatures = Der::findDerField(*tree, u"signatures"_s);
    QVERIFY(signatures);
    QCOMPARE(signatures->typeName, u"Signatures"_s);

    // libtasn1 reads the same signed element and the same signature key ids.
    auto element = Der::Element::decode("Metadata", bytes);
    QVERIFY(element);
    auto signedBytes = element->decodedBytes("signed");
    QVERIFY(signedBytes);
    QCOMPARE(bytes.mid(signedNode->offset, signedNode->totalLength()), *signedBytes);
    auto count = element->count("signatures");
    QVERIFY(count);
    QCOMPARE(signatures->children.size(), *count);
    for (int i = 0; i < *count; ++i) {
        auto keyid = element->readString("signatures.?" + QByteArray::number(i + 1) + ".keyid");
        QVERIFY(keyid);
        QCOMPARE(signatures->children[i].label, *keyid);
    }

    // Roles: version and expires where libtasn1 finds them.
    const QByteArray prefix = "signed." + alternative.toLatin1() + '.';
    if (auto version = element->readInteger(prefix + "version")) {
        const Der::DerNode *node = Der::findDerField(*tree, u"version"_s);
        QVERIFY(node);
        QCOMPARE(Der::derValueText(*node), QString::number(*version));
        auto expires = element->readInteger(prefix + "expires");
        QVERIFY(expires);
        const Der::DerNode *expiresNode = Der::findDerField(*tree, u"expires"_s);
        QVERIFY(expiresNode);
        QCOMPARE(expiresNode->label,
                 QDateTime::fromSecsSinceEpoch(*expires, Qt::UTC).toString(Qt::ISODate));
    }
}

void TestDerTree::targetFieldsNamed()
{
    const QByteArray bytes = fixture(u"valid-targets.der"_s);
    auto tree = Der::decodeDerTree(bytes);
    QVERIFY(tree);
    QVERIFY(Der::nameDerTree(*tree));
    auto element = Der::Element::decode("Metadata", bytes);
    QVERIFY(element);

    const Der::DerNode *signedNode = Der::findDerField(*tree, u"signed"_s);
    QVERIFY(signedNode);
    QCOMPARE(signedNode->typeName, u"Targets"_s);  // the signed CHOICE alternative
    const Der::DerNode *list = Der::findDerField(*signedNode, u"targets"_s);
    QVERIFY(list);
    QCOMPARE(list->typeName, u"TargetList"_s);
    auto count = element->count("signed.targets.targets");
    QVERIFY(count);
    QCOMPARE(list->children.size(), *count);
    bool sawHardwareId = false;
    for (int i = 0; i < *count; ++i) {
        const QByteArray base = "signed.targets.targets.?" + QByteArray::number(i + 1);
        auto path = element->readString(base + ".path");
        QVERIFY(path);
        const Der::DerNode &target = list->children[i];
        QCOMPARE(target.name, u"[%1]"_s.arg(i));
        QCOMPARE(target.label, *path);
        QVERIFY(Der::findDerField(target, u"hashes"_s));
        QVERIFY(Der::findDerField(target, u"length"_s));
        if (auto hardwareId = element->readString(base + ".custom.hardwareId")) {
            const Der::DerNode *node = Der::findDerField(target, u"hardwareId"_s);
            QVERIFY(node);
            QCOMPARE(node->tagClass, Der::DerNode::TagClass::Context);
            QCOMPARE(Der::derValueText(*node), u'"' + *hardwareId + u'"');
            sawHardwareId = true;
        }
    }
    QVERIFY(sawHardwareId);
}

void TestDerTree::vehicleManifestNamesEmbeddedManifest()
{
    auto tree = Der::decodeDerTree(fixture(u"valid-vehicle-manifest.der"_s));
    QVERIFY(tree);
    QVERIFY(Der::nameDerTree(*tree));
    const Der::DerNode *ecuManifest = Der::findDerField(*tree, u"installedImage"_s);
    QVERIFY(ecuManifest);
    QCOMPARE(ecuManifest->typeName, u"Target"_s);
    QVERIFY(Der::findDerField(*tree, u"timeserverTime"_s));
}

void TestDerTree::busMessageNamed()
{
    // BusMessage { kind ENUMERATED image(5), sender "a", receiver "b", cycle 3, [1] name "x",
    // payload 'beef'H }, by hand from X.690.
    const QByteArray bytes = QByteArray::fromHex("3013" "0a0105" "0c0161" "0c0162" "020103"
                                                 "810178" "0402beef");
    auto tree = Der::decodeDerTree(bytes);
    QVERIFY2(tree, qPrintable(tree ? QString() : tree.error().toString()));
    QVERIFY(Der::nameDerTree(*tree));
    QCOMPARE(tree->typeName, u"BusMessage"_s);
    const Der::DerNode *kind = Der::findDerField(*tree, u"kind"_s);
    QVERIFY(kind);
    QCOMPARE(kind->label, u"image"_s);
    const Der::DerNode *name = Der::findDerField(*tree, u"name"_s);
    QVERIFY(name);
    QCOMPARE(Der::derValueText(*name), u"\"x\""_s);
    const Der::DerNode *payload = Der::findDerField(*tree, u"payload"_s);
    QVERIFY(payload);
    QCOMPARE(payload->offset, bytes.size() - 4);
}

void TestDerTree::unknownShapeStaysGeneric()
{
    // A SEQUENCE of two INTEGERs is DER but not one of our documents: walked, not named.
    auto tree = Der::decodeDerTree(QByteArray::fromHex("3006020101020102"));
    QVERIFY(tree);
    QCOMPARE(tree->children.size(), 2);
    QVERIFY(!Der::nameDerTree(*tree));
    QVERIFY(tree->name.isEmpty());
    QVERIFY(tree->children[0].typeName.isEmpty());
}

void TestDerTree::rejectsFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("truncated") << u"truncated.der"_s << ErrorCode::MalformedDer;
    QTest::newRow("indefinite length") << u"indefinite-length.der"_s << ErrorCode::MalformedDer;
    QTest::newRow("non-minimal length") << u"non-minimal-length.der"_s << ErrorCode::MalformedDer;
    QTest::newRow("trailing bytes") << u"trailing-bytes.der"_s << ErrorCode::MalformedDer;
    QTest::newRow("bad length") << u"bad-length.der"_s << ErrorCode::MalformedDer;
}

void TestDerTree::rejectsFiles()
{
    QFETCH(QString, file);
    QFETCH(ErrorCode, code);
    const QByteArray bytes = fixture(file);
    QVERIFY(!bytes.isEmpty());
    // The same verdict as the decoder's own structural pass.
    QVERIFY(!Der::checkStructure(bytes));
    auto tree = Der::decodeDerTree(bytes);
    QVERIFY(!tree);
    QCOMPARE(tree.error().code, code);
}

void TestDerTree::rejectsBytes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("maxDepth");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("empty") << QByteArray() << 32 << ErrorCode::MalformedDer;
    QTest::newRow("missing length") << QByteArray::fromHex("30") << 32 << ErrorCode::MalformedDer;
    QTest::newRow("content cut short") << QByteArray::fromHex("300502010102") << 32 << ErrorCode::MalformedDer;
    QTest::newRow("child past parent") << QByteArray::fromHex("3003020201050000") << 32
                                       << ErrorCode::MalformedDer;
    QTest::newRow("overlong length") << QByteArray::fromHex("04810101") << 32 << ErrorCode::MalformedDer;
    QTest::newRow("length in nine octets") << QByteArray::fromHex("0489010000000000000000") << 32
                                           << ErrorCode::MalformedDer;
    QTest::newRow("two top-level elements") << QByteArray::fromHex("05000500") << 32
                                            << ErrorCode::MalformedDer;
    QTest::newRow("too deep") << QByteArray::fromHex("3004300230000000").first(6) << 2
                              << ErrorCode::TooDeep;
}

void TestDerTree::rejectsBytes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, maxDepth);
    QFETCH(ErrorCode, code);
    Der::DerTreeLimits limits;
    limits.maxDepth = maxDepth;
    auto tree = Der::decodeDerTree(bytes, limits);
    QVERIFY(!tree);
    QCOMPARE(tree.error().code, code);
}

void TestDerTree::valueText_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("integer") << QByteArray::fromHex("02020100") << u"256"_s;
    QTest::newRow("negative integer") << QByteArray::fromHex("0201ff") << u"-1"_s;
    QTest::newRow("boolean true") << QByteArray::fromHex("0101ff") << u"true"_s;
    QTest::newRow("boolean false") << QByteArray::fromHex("010100") << u"false"_s;
    QTest::newRow("utf8") << QByteArray::fromHex("0c03c3a978") << u"\"\u00e9x\""_s;
    QTest::newRow("octets") << QByteArray::fromHex("0402beef") << u"beef"_s;
    QTest::newRow("constructed") << QByteArray::fromHex("3000") << QString();
}

void TestDerTree::valueText()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    auto tree = Der::decodeDerTree(bytes);
    QVERIFY(tree);
    QCOMPARE(Der::derValueText(*tree), text);
}

QTEST_GUILESS_MAIN(TestDerTree)
#include "tst_dertree.moc"
