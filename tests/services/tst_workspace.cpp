// Workspace: the fixed directory layout, the recorded encoding and safe path components.

#include "services/workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Uptane;
using namespace Uptane::Services;
using namespace Qt::StringLiterals;
using Metadata::Encoding;

class TestWorkspace : public QObject
{
    Q_OBJECT

private slots:
    void createAndReopen_data();
    void createAndReopen();
    void otherEncodingRefused();
    void openExistingNeedsConfig();
    void brokenConfig_data();
    void brokenConfig();
    void safeNames_data();
    void safeNames();
};

void TestWorkspace::createAndReopen_data()
{
    QTest::addColumn<Encoding>("encoding");
    QTest::newRow("json") << Encoding::Json;
    QTest::newRow("der") << Encoding::Der;
}

void TestWorkspace::createAndReopen()
{
    QFETCH(Encoding, encoding);
    QTemporaryDir dir;
    const QString root = dir.path() + u"/ws"_s;
    auto workspace = Workspace::open(root, encoding);
    QVERIFY(workspace);
    QCOMPARE(workspace->root(), root);
    QCOMPARE(workspace->encoding(), encoding);
    QCOMPARE(workspace->extension(), Metadata::fileExtension(encoding));
    for (const QString &sub : {u"keys"_s, u"keys/offline"_s, u"imagerepo/metadata"_s, u"imagerepo/targets"_s,
                               u"director"_s, u"vehicles"_s})
        QVERIFY2(QFileInfo(root + u'/' + sub).isDir(), qPrintable(sub));
    QCOMPARE(workspace->keysDir(), root + u"/keys"_s);
    QCOMPARE(workspace->offlineKeysDir(), root + u"/keys/offline"_s);
    QCOMPARE(workspace->revokedKeysDir(), root + u"/keys/revoked"_s);
    QCOMPARE(workspace->imageRepoMetadataDir(), root + u"/imagerepo/metadata"_s);
    QCOMPARE(workspace->imageRepoTargetsDir(), root + u"/imagerepo/targets"_s);
    QCOMPARE(workspace->inventoryPath(), root + u"/director/inventory.sqlite"_s);
    QCOMPARE(*workspace->directorMetadataDir(u"democar"_s), root + u"/director/democar/metadata"_s);
    QCOMPARE(*workspace->vehicleDir(u"democar"_s, u"TCUdemocar"_s), root + u"/vehicles/democar/TCUdemocar"_s);
    // Private keys only for the owner, down to the directory.
    QCOMPARE(QFileInfo(root + u"/keys"_s).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());

    auto again = Workspace::open(root, encoding);
    QVERIFY(again);
    QCOMPARE(again->encoding(), encoding);
    auto existing = Workspace::openExisting(root);
    QVERIFY(existing);
    QCOMPARE(existing->encoding(), encoding);
}

void TestWorkspace::otherEncodingRefused()
{
    QTemporaryDir dir;
    QVERIFY(Workspace::open(dir.path(), Encoding::Der));
    auto json = Workspace::open(dir.path(), Encoding::Json);
    QVERIFY(!json);
    QCOMPARE(json.error().code, ErrorCode::InvalidArgument);
    QVERIFY(json.error().detail.contains(u"der"_s));
}

void TestWorkspace::openExistingNeedsConfig()
{
    QTemporaryDir dir;
    auto missing = Workspace::openExisting(dir.path());
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QCOMPARE(Workspace::open(QString(), Encoding::Json).error().code, ErrorCode::InvalidArgument);
}

void TestWorkspace::brokenConfig_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("not-json") << "{\"format\": 1,"_ba << ErrorCode::MalformedJson;
    QTest::newRow("no-encoding") << "{\"format\": 1}"_ba << ErrorCode::SchemaViolation;
    QTest::newRow("unknown-encoding") << "{\"format\": 1, \"encoding\": \"xml\"}"_ba << ErrorCode::SchemaViolation;
    QTest::newRow("newer-format") << "{\"format\": 2, \"encoding\": \"json\"}"_ba << ErrorCode::Unsupported;
}

void TestWorkspace::brokenConfig()
{
    QFETCH(QByteArray, config);
    QFETCH(ErrorCode, code);
    QTemporaryDir dir;
    QFile file(dir.path() + u"/workspace.json"_s);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(config);
    file.close();
    auto opened = Workspace::open(dir.path(), Encoding::Json);
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, code);
}

void TestWorkspace::safeNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("safe");
    QTest::newRow("vin") << u"democar"_s << true;
    QTest::newRow("serial") << u"TCU_democar-2.1"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("dot") << u"."_s << false;
    QTest::newRow("dot-dot") << u".."_s << false;
    QTest::newRow("traversal") << u"../etc"_s << false;
    QTest::newRow("slash") << u"a/b"_s << false;
    QTest::newRow("backslash") << u"a\\b"_s << false;
    QTest::newRow("percent") << u"a%2fb"_s << false;
    QTest::newRow("non-ascii") << u"caf\u00e9"_s << false;
    QTest::newRow("nul") << QString(u"a\0b"_s) << false;
}

void TestWorkspace::safeNames()
{
    QFETCH(QString, name);
    QFETCH(bool, safe);
    QCOMPARE(Workspace::isSafeName(name), safe);
    QTemporaryDir dir;
    auto workspace = Workspace::open(dir.path(), Encoding::Json);
    QVERIFY(workspace);
    auto director = workspace->directorMetadataDir(name);
    auto vehicle = workspace->vehicleDir(u"democar"_s, name);
    QCOMPARE(director.has_value(), safe);
    QCOMPARE(vehicle.has_value(), safe);
    if (!safe) {
        QCOMPARE(director.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(vehicle.error().code, ErrorCode::InvalidArgument);
    }
}

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
