// MetadataStore: DirectoryStore keeps one file per role under a quoted name, written
// atomically; MemoryStore is the same contract in memory.

#include "verify/metadatastore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Uptane;
using namespace Uptane::Verify;
using namespace Qt::StringLiterals;

class TestMetadataStore : public QObject
{
    Q_OBJECT
private slots:
    void directoryRoundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        DirectoryStore store(dir.filePath(u"meta"_s), u"json"_s);
        auto missing = store.load(u"timestamp"_s);
        QVERIFY(missing);
        QVERIFY(!missing->has_value());

        const QByteArray bytes("{\"signed\":1}\n\x00\xff", 15);
        QVERIFY(store.store(u"timestamp"_s, bytes));  // creates the directory
        QCOMPARE(store.filePath(u"timestamp"_s), dir.filePath(u"meta/timestamp.json"_s));
        auto loaded = store.load(u"timestamp"_s);
        QVERIFY(loaded && loaded->has_value());
        QCOMPARE(**loaded, bytes);

        QVERIFY(store.store(u"timestamp"_s, "v2"));  // replaces
        QCOMPARE(**store.load(u"timestamp"_s), QByteArray("v2"));
        // Only the file itself: QSaveFile leaves no temporary behind.
        QCOMPARE(QDir(dir.filePath(u"meta"_s)).entryList(QDir::Files | QDir::Hidden), QStringList{u"timestamp.json"_s});

        QVERIFY(store.remove(u"timestamp"_s));
        QVERIFY(!store.load(u"timestamp"_s)->has_value());
        QVERIFY(store.remove(u"timestamp"_s));  // removing nothing is fine
    }

    void derExtension()
    {
        QTemporaryDir dir;
        DirectoryStore store(dir.path(), u"der"_s);
        QVERIFY(store.store(u"root"_s, "x"));
        QVERIFY(QFile::exists(dir.filePath(u"root.der"_s)));
    }

    void roleNamesStayInside_data()
    {
        QTest::addColumn<QString>("role");
        // The names tuf-conformance test_unusual_role_name uses, and a few more.
        for (const QString &role : {u"?"_s, u"#"_s, u"/delegatedrole"_s, u"../delegatedrole"_s, u".."_s,
                                    u"."_s, u"a/b"_s, u"..\\x"_s, u"space name"_s, u"caf\u00e9"_s})
            QTest::newRow(qPrintable(role)) << role;
    }
    void roleNamesStayInside()
    {
        QFETCH(QString, role);
        QTemporaryDir dir;
        const QString inner = dir.filePath(u"store"_s);
        DirectoryStore store(inner, u"json"_s);
        QVERIFY(store.store(role, role.toUtf8()));
        const QFileInfo info(store.filePath(role));
        QCOMPARE(info.absolutePath(), QFileInfo(inner).absoluteFilePath());
        QVERIFY(info.exists());
        QCOMPARE(**store.load(role), role.toUtf8());
        // Exactly one file, inside the store directory, nothing beside it.
        QCOMPARE(QDir(inner).entryList(QDir::Files | QDir::Hidden).size(), 1);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
    }

    void distinctRolesDistinctFiles()
    {
        DirectoryStore store(u"/nonexistent"_s, u"json"_s);
        QVERIFY(store.filePath(u"a/b"_s) != store.filePath(u"a%2Fb"_s));
        QVERIFY(store.filePath(u"a b"_s) != store.filePath(u"a_b"_s));
    }

    void ioErrors()
    {
        QTemporaryDir dir;
        // The "directory" is a regular file: nothing can be written below it.
        const QString blocker = dir.filePath(u"file"_s);
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        DirectoryStore store(blocker, u"json"_s);
        auto stored = store.store(u"root"_s, "x");
        QVERIFY(!stored);
        QCOMPARE(stored.error().code, ErrorCode::IoError);

        // A role file that is a directory cannot be read.
        DirectoryStore other(dir.path(), u"json"_s);
        QVERIFY(QDir(dir.path()).mkdir(u"root.json"_s));
        auto loaded = other.load(u"root"_s);
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().code, ErrorCode::IoError);
    }

    void memoryStore()
    {
        MemoryStore store;
        QVERIFY(!store.load(u"root"_s)->has_value());
        QVERIFY(store.store(u"root"_s, "r"));
        QCOMPARE(**store.load(u"root"_s), QByteArray("r"));
        QCOMPARE(store.files.value(u"root"_s), QByteArray("r"));
        QVERIFY(store.remove(u"root"_s));
        QVERIFY(store.files.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMetadataStore)
#include "tst_metadatastore.moc"
