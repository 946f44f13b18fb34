// EcuStore: provisioning and reopening in both encodings, commits (the image kept as backup,
// unchanged images hard-linked, the metadata set replaced), every refusal with its code and
// an unchanged store, corrupt and stale files, and crashes (a child process killed inside
// commit()) leaving the old or the new generation whole. The JSON files themselves:
// tst_ecustorejson.

#include "ecustorefixture.h"
#include "resultcode.h"
#include "services/keyring.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Uptane;
using namespace Uptane::Test;
using namespace Uptane::Vehicle;
using namespace Qt::StringLiterals;
using Metadata::Encoding;

Q_DECLARE_METATYPE(Uptane::ErrorCode)
Q_DECLARE_METATYPE(Uptane::Metadata::Encoding)
Q_DECLARE_METATYPE(Uptane::Vehicle::Verification)

namespace {

ino_t inode(const QString &path)
{
    struct stat info{};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? info.st_ino : 0;
}

QStringList generations(const QString &dir)
{
    return QDir(dir).entryList({u"gen-*"_s}, QDir::AllEntries | QDir::Hidden, QDir::Name);
}

} // namespace

class TestEcuStore : public QObject
{
    Q_OBJECT

private slots:
    void provisionAndOpen_data();
    void provisionAndOpen();
    void provisionWithoutImage();
    void provisionKeepsExistingKey();
    void provisionRefusals();
    void commitKeepsBackup();
    void unchangedImagesAreHardLinks();
    void metadataSetReplaced();
    void badMetadataNames_data();
    void badMetadataNames();
    void imageChangeRefusals();
    void ioErrorLeavesStoreInForce();
    void notProvisioned();
    void corruptStore_data();
    void corruptStore();
    void staleGenerationsRemoved();
    void crashInsideCommit_data();
    void crashInsideCommit();
};

void TestEcuStore::provisionAndOpen_data()
{
    QTest::addColumn<Encoding>("encoding");
    QTest::addColumn<bool>("primary");
    QTest::addColumn<Verification>("verification");
    QTest::newRow("json full secondary") << Encoding::Json << false << Verification::Full;
    QTest::newRow("json partial secondary") << Encoding::Json << false << Verification::Partial;
    QTest::newRow("der primary") << Encoding::Der << true << Verification::Full;
    QTest::newRow("der partial secondary") << Encoding::Der << false << Verification::Partial;
}

void TestEcuStore::provisionAndOpen()
{
    QFETCH(Encoding, encoding);
    QFETCH(bool, primary);
    QFETCH(Verification, verification);
    QTemporaryDir tmp;
    const QString dir = tmp.path() + u"/vehicles/democar/ecu"_s;
    const EcuConfig config = makeConfig(encoding, primary, verification);
    const Crypto::PrivateKey key = newKey();
    const EcuChange initial = factoryChange();
    auto provisioned = EcuStore::provision(dir, config, key, initial);
    QVERIFY2(provisioned, qPrintable(provisioned ? QString() : provisioned.error().toString()));
    QCOMPARE(provisioned->generation(), 1);
    QCOMPARE(provisioned->nodeId(), u"democar/"_s + config.serial);

    // The layout the header promises, named in the workspace's encoding.
    const QString ext = Metadata::fileExtension(encoding);
    QCOMPARE(readAll(dir + u"/current"_s), QByteArray("1\n"));
    QCOMPARE(readAll(dir + u"/gen-1/metadata/director/root."_s + ext), QByteArray("director root v1"));
    QCOMPARE(readAll(dir + u"/gen-1/metadata/imagerepo/root."_s + ext), QByteArray("image root v1"));
    QCOMPARE(readAll(dir + u"/gen-1/image.bin"_s), QByteArray("factory image"));
    QVERIFY(!QFileInfo::exists(dir + u"/gen-1/backup.bin"_s));
    QCOMPARE(generations(dir), QStringList{u"gen-1"_s});
    QCOMPARE(QFileInfo(dir + u"/ecu.pem"_s).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());
    // ecu.pub is the TUF key object of the ECU's public key.
    auto pub = Json::parse(readAll(dir + u"/ecu.pub"_s));
    QVERIFY(pub);
    QCOMPARE((*pub)[u"keytype"_s].toString(), u"ed25519"_s);
    QCOMPARE((*pub)[u"scheme"_s].toString(), u"ed25519"_s);
    QCOMPARE((*pub)[u"keyval"_s][u"public"_s].toString(), key.publicKey().publicValue());
    // ... which is what the services' KeyRing reads: the store's directory is a key ring
    // holding "ecu".
    auto info = Services::KeyRing(dir).info(u"ecu"_s);
    QVERIFY(info);
    QVERIFY(info->publicKey == key.publicKey());

    auto opened = EcuStore::open(dir);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
    QCOMPARE(opened->generation(), 1);
    QCOMPARE(opened->config().toJson(), config.toJson());
    QCOMPARE(opened->state().toJson(), provisioned->state().toJson());
    QCOMPARE(opened->state().attestedTime, kFactoryTime);
    QCOMPARE(describe(opened->state().installed), describe(initial.state.installed));
    QCOMPARE(opened->metadata(), initial.metadata);
    QVERIFY(opened->key().publicKey() == key.publicKey());
    QCOMPARE(opened->imageFilePath(), dir + u"/gen-1/image.bin"_s);
    QVERIFY(opened->backupFilePath().isEmpty());
    auto image = opened->imageBytes();
    QVERIFY(image);
    QCOMPARE(*image, QByteArray("factory image"));
}

void TestEcuStore::provisionWithoutImage()
{
    QTemporaryDir tmp;
    EcuChange initial = factoryChange();
    initial.newImage.reset();  // the described image is ignored: nothing is installed
    auto store = EcuStore::provision(tmp.path(), makeConfig(Encoding::Json), newKey(), initial);
    QVERIFY(store);
    QVERIFY(!store->state().installed);
    QVERIFY(store->imageFilePath().isEmpty());
    QCOMPARE(codeOf(store->imageBytes()), std::optional(ErrorCode::NotFound));
    auto opened = EcuStore::open(tmp.path());
    QVERIFY(opened);
    QVERIFY(!opened->state().installed);
    QCOMPARE(codeOf(opened->imageBytes()), std::optional(ErrorCode::NotFound));
}

void TestEcuStore::provisionKeepsExistingKey()
{
    // The demo fleet creates ecu.pem/ecu.pub before the vehicle side provisions the store.
    QTemporaryDir tmp;
    const Crypto::PrivateKey key = newKey();
    QVERIFY(Services::KeyRing(tmp.path()).add(u"ecu"_s, key));
    const QByteArray pub = readAll(tmp.path() + u"/ecu.pub"_s);
    QVERIFY(!pub.isEmpty());
    auto store = EcuStore::provision(tmp.path(), makeConfig(Encoding::Json), key, factoryChange());
    QVERIFY2(store, qPrintable(store ? QString() : store.error().toString()));
    QCOMPARE(readAll(tmp.path() + u"/ecu.pub"_s), pub);  // left alone
    QVERIFY(EcuStore::open(tmp.path())->key().publicKey() == key.publicKey());

    QTemporaryDir other;
    QVERIFY(newKey().save(other.path() + u"/ecu.pem"_s));
    auto mismatch = EcuStore::provision(other.path(), makeConfig(Encoding::Json), key, factoryChange());
    QVERIFY(!mismatch);
    QCOMPARE(codeOf(mismatch), std::optional(ErrorCode::InvalidKey));
    QVERIFY(!QFileInfo::exists(other.path() + u"/current"_s));
    QVERIFY(!QFileInfo::exists(other.path() + u"/ecu.json"_s));
}

void TestEcuStore::provisionRefusals()
{
    QTemporaryDir tmp;
    QVERIFY(EcuStore::provision(tmp.path(), makeConfig(Encoding::Json), newKey(), factoryChange()));
    const QByteArray state = readAll(tmp.path() + u"/gen-1/state.json"_s);
    auto twice = EcuStore::provision(tmp.path(), makeConfig(Encoding::Json), newKey(), factoryChange("other"));
    QVERIFY(!twice);
    QCOMPARE(codeOf(twice), std::optional(ErrorCode::InvalidArgument));
    QCOMPARE(readAll(tmp.path() + u"/gen-1/state.json"_s), state);
    QCOMPARE(generations(tmp.path()), QStringList{u"gen-1"_s});

    QTemporaryDir empty;
    auto nullKey = EcuStore::provision(empty.path(), makeConfig(Encoding::Json), Crypto::PrivateKey(), factoryChange());
    QCOMPARE(codeOf(nullKey), std::optional(ErrorCode::InvalidArgument));
    auto partialPrimary = EcuStore::provision(empty.path(), makeConfig(Encoding::Json, true, Verification::Partial),
                                              newKey(), factoryChange());
    QCOMPARE(codeOf(partialPrimary), std::optional(ErrorCode::InvalidArgument));
    EcuConfig unsafe = makeConfig(Encoding::Json);
    unsafe.serial = u"../escape"_s;
    QCOMPARE(codeOf(EcuStore::provision(empty.path(), unsafe, newKey(), factoryChange())), std::optional(ErrorCode::InvalidArgument));
    EcuConfig noTimeKey = makeConfig(Encoding::Json);
    noTimeKey.timeServerKey = {};
    QVERIFY(!EcuStore::provision(empty.path(), noTimeKey, newKey(), factoryChange()));
    QVERIFY(QDir(empty.path()).isEmpty());
}

void TestEcuStore::commitKeepsBackup()
{
    QTemporaryDir tmp;
    auto store = EcuStore::provision(tmp.path(), makeConfig(Encoding::Json), newKey(), factoryChange("image A"));
    QVERIFY(store);

    EcuChange update;
    update.state = store->state();
    update.state.attestedTime = kFactoryTime.addDays(1);
    update.state.previousAttestedTime = kFactoryTime;
    update.state.installed = target(u"firmware.img"_s, "image B", 2);
    update.state.cycles = 1;
    update.state.lastVerdict = u"UPDATED"_s;
    update.metadata = store->metadata();
    update.newImage = QByteArray("image B");
    QVERIFY(store->commit(update));
    QCOMPARE(store->generation(), 2);
    QCOMPARE(describe(store->state().installed), describe(target(u"firmware.img"_s, "image B", 2)));
    QCOMPARE(describe(store->state().backup), describe(target(u"acme/ecu-1.0.img"_s, "image A")));
    QCOMPARE(*store->imageBytes(), QByteArray("image B"));
    QCOMPARE(readAll(store->backupFilePath()), QByteArray("image A"));
    QCOMPARE(generations(tmp.path()), QStringList{u"gen-2"_s});

    // One more: B becomes the backup, A is gone.
    update.state = store->state();
    update.state.installed = target(u"firmware.img"_s, "image C", 3);
    update.newImage = QByteArray("image C");
    QVERIFY(store->commit(update));
    QCOMPARE(readAll(store->imageFilePath()), QByteArray("image C"));
    QCOMPARE(readAll(store->backupFilePath()), QByteArray("image B"));

    auto opened = EcuStore::open(tmp.path());
    QVERIFY(opened);
    QCOMPARE(opened->generation(), 3);
    QCOMPARE(opened->state().toJson(), store->state().toJson());
    QCOMPARE(describe(opened->state().backup), describe(target(u"firmware.img"_s, "image B", 2)));
    QCOMPARE(opened->state().lastVerdict, u"UPDATED"_s);
}

void TestEcuStore::unchangedImagesAreHardLinks()
{
    QTemporaryDir tmp;
    auto store = EcuStore::provision(tmp.path(), makeConfig(Encoding::Der), newKey(), factoryChange("image A"));
    QVERIFY(store);
    EcuChange update;
    update.state = store->state();
    update.state.installed = target(u"firmware.img"_s, "image B", 2);
    update.newImage = QByteArray("image B");
    QVERIFY(store->commit(update));
    const ino_t image = inode(store->imageFilePath());
    const ino_t backup = inode(store->backupFilePath());
    QVERIFY(image != 0 && backup != 0 && image != backup);

    // A commit without an image (a cycle that only refreshed metadata and time) links both
    // files into the new generation, and what the caller says about images is ignored.
    EcuChange refresh;
    refresh.state = store->state();
    refresh.state.attestedTime = kFactoryTime.addDays(2);
    refresh.state.installed = target(u"wrong.img"_s, "not installed");
    refresh.state.backup.reset();
    refresh.metadata = {{u"director/root"_s, "v2"}};
    QVERIFY(store->commit(refresh));
    QCOMPARE(store->generation(), 3);
    QCOMPARE(store->imageFilePath(), tmp.path() + u"/gen-3/image.bin"_s);
    QCOMPARE(inode(store->imageFilePath()), image);
    QCOMPARE(inode(store->backupFilePath()), backup);
    QCOMPARE(describe(store->state().installed), describe(target(u"firmware.img"_s, "image B", 2)));
    QCOMPARE(describe(store->state().backup), describe(target(u"acme/ecu-1.0.img"_s, "image A")));
    QCOMPARE(store->state().attestedTime, kFactoryTime.addDays(2));
    QCOMPARE(generations(tmp.path()), QStringList{u"gen-3"_s});
    auto opened = EcuStore::open(tmp.path());
    QVERIFY(opened);
    QCOMPARE(*opened->imageBytes(), QByteArray("image B"));
}

void TestEcuStore::metadataSetReplaced()
{
    QTemporaryDir tmp;
    auto store = EcuStore::provision(tmp.path(), makeConfig(Encoding::Json), newKey(), factoryChange());
    QVERIFY(store);
    EcuChange change;
    change.state = store->state();
    change.metadata = {
        {u"director/root"_s, "director root v2"},          // changed
        {u"director/2.root"_s, "director root v2"},        // added
        {u"imagerepo/delegated/supplier-acme"_s, "acme"},  // a delegated role name with '/'
        {u"a/b/c/d/e/f/g/h"_s, "eight segments"},
    };  // imagerepo/root removed
    QVERIFY(store->commit(change));
    QCOMPARE(store->metadata(), change.metadata);
    QVERIFY(!QFileInfo::exists(tmp.path() + u"/gen-2/metadata/imagerepo/root.json"_s));
    QCOMPARE(readAll(tmp.path() + u"/gen-2/metadata/imagerepo/delegated/supplier-acme.json"_s), QByteArray("acme"));
    auto opened = EcuStore::open(tmp.path());
    QVERIFY(opened);
    QCOMPARE(opened->metadata(), change.metadata);

    change.metadata.clear();  // an empty set is a set too
    QVERIFY(store->commit(change));
    QVERIFY(EcuStore::open(tmp.path())->metadata().isEmpty());
}

void TestEcuStore::badMetadataNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("dot-dot") << u"director/../../escape"_s;
    QTest::newRow("leading dot") << u"director/.root"_s;
    QTest::newRow("absolute") << u"/etc/passwd"_s;
    QTest::newRow("trailing slash") << u"director/"_s;
    QTest::newRow("double slash") << u"director//root"_s;
    QTest::newRow("backslash") << u"director\\root"_s;
    QTest::newRow("space") << u"director/ro ot"_s;
    QTest::newRow("nine segments") << u"a/b/c/d/e/f/g/h/i"_s;
    QTest::newRow("segment of 129") << QString(129, u'x');
    // "a/b" is the file a/b.json: "a/b.json/c" would need that path as a directory.
    QTest::newRow("collides with a file") << u"director/root.json/x"_s;
}

void TestEcuStore::badMetadataNames()
{
    QFETCH(QString, name);
    QTemporaryDir tmp;
    EcuChange initial = factoryChange();
    initial.metadata.insert(name, "bad");
    auto refused = EcuStore::provision(tmp.path(), makeConfig(Encoding::Json), newKey(), initial);
    QVERIFY(!refused);
    QCOMPARE(codeOf(refused), std::optional(ErrorCode::InvalidArgument));
    QVERIFY(!QFileInfo::exists(tmp.path() + u"/current"_s));

    auto store = EcuStore::provision(tmp.path(), makeConfig(Encoding::Json), newKey(), factoryChange());
    QVERIFY(store);
    EcuChange change;
    change.state = store->state();
    change.metadata = initial.metadata;
    auto commit = store->commit(change);
    QVERIFY(!commit);
    QCOMPARE(codeOf(commit), std::optional(ErrorCode::InvalidArgument));
    QCOMPARE(store->generation(), 1);
    QCOMPARE(store->metadata(), factoryChange().metadata);
    QCOMPARE(generations(tmp.path()), QStringList{u"gen-1"_s});
}

void TestEcuStore::imageChangeRefusals()
{
    QTemporaryDir tmp;
    auto store = EcuStore::provision(tmp.path(), makeConfig(Encoding::Json), newKey(), factoryChange());
    QVERIFY(store);
    EcuChange undescribed;
    undescribed.newImage = QByteArray("new");
    QCOMPARE(codeOf(store->commit(undescribed)), std::optional(ErrorCode::InvalidArgument));
    EcuChange wrongLength;
    wrongLength.state.installed = target(u"firmware.img"_s, "new");
    wrongLength.newImage = QByteArray("newer");
    QCOMPARE(codeOf(store->commit(wrongLength)), std::optional(ErrorCode::InvalidArgument));
    QCOMPARE(store->generation(), 1);
    QCOMPARE(*store->imageBytes(), QByteArray("factory image"));
}

void TestEcuStore::ioErrorLeavesStoreInForce()
{
    // A file squatting on the next generation's name makes the commit fail half-way (the
    // directory cannot be created), as a full disk would.
    QTemporaryDir tmp;
    auto store = EcuStore::provision(tmp.path(), makeConfig(Encoding::Json), newKey(), factoryChange());
    QVERIFY(store);
    QVERIFY(writeAll(tmp.path() + u"/gen-2"_s, "in the way"));
    EcuChange change = factoryChange("new image");
    change.metadata.clear();
    auto commit = store->commit(change);
    QVERIFY(!commit);
    QCOMPARE(codeOf(commit), std::optional(ErrorCode::IoError));
    QCOMPARE(store->generation(), 1);
    QCOMPARE(store->metadata(), factoryChange().metadata);
    QCOMPARE(*store->imageBytes(), QByteArray("factory image"));
    QCOMPARE(readAll(tmp.path() + u"/current"_s), QByteArray("1\n"));

    // Reopening clears the obstacle; the next commit goes through.
    auto reopened = EcuStore::open(tmp.path());
    QVERIFY(reopened);
    QCOMPARE(generations(tmp.path()), QStringList{u"gen-1"_s});
    QVERIFY(reopened->commit(change));
    QCOMPARE(*reopened->imageBytes(), QByteArray("new image"));
}

void TestEcuStore::notProvisioned()
{
    QTemporaryDir tmp;
    QCOMPARE(codeOf(EcuStore::open(tmp.path())), std::optional(ErrorCode::NotFound));
    QCOMPARE(codeOf(EcuStore::open(tmp.path() + u"/absent"_s)), std::optional(ErrorCode::NotFound));
    // ecu.json without `current`: a provisioning that never finished.
    QVERIFY(writeAll(tmp.path() + u"/ecu.json"_s, makeConfig(Encoding::Json).toJson()));
    QCOMPARE(codeOf(EcuStore::open(tmp.path())), std::optional(ErrorCode::NotFound));
    // ... which provisioning may then complete.
    QVERIFY(EcuStore::provision(tmp.path(), makeConfig(Encoding::Json), newKey(), factoryChange()));
    QVERIFY(EcuStore::open(tmp.path()));
}

void TestEcuStore::corruptStore_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("bytes");  // written there; "<remove>" removes the file
    QTest::addColumn<ErrorCode>("code");
    const QByteArray remove = "<remove>";
    QTest::newRow("ecu.json garbage") << u"ecu.json"_s << QByteArray("\x00\x01garbage", 9) << ErrorCode::MalformedJson;
    QTest::newRow("ecu.json schema") << u"ecu.json"_s << QByteArray("{\"format\": 1}") << ErrorCode::SchemaViolation;
    QTest::newRow("ecu.json missing") << u"ecu.json"_s << remove << ErrorCode::NotFound;
    QTest::newRow("current missing") << u"current"_s << remove << ErrorCode::NotFound;
    QTest::newRow("current not a number") << u"current"_s << QByteArray("one\n") << ErrorCode::SchemaViolation;
    QTest::newRow("current without newline") << u"current"_s << QByteArray("1") << ErrorCode::SchemaViolation;
    QTest::newRow("current with zero") << u"current"_s << QByteArray("01\n") << ErrorCode::SchemaViolation;
    QTest::newRow("current negative") << u"current"_s << QByteArray("-1\n") << ErrorCode::SchemaViolation;
    QTest::newRow("current names nothing") << u"current"_s << QByteArray("5\n") << ErrorCode::IoError;
    QTest::newRow("state.json garbage") << u"gen-1/state.json"_s << QByteArray("{{") << ErrorCode::MalformedJson;
    QTest::newRow("state.json schema") << u"gen-1/state.json"_s << QByteArray("{\"format\": 1}") << ErrorCode::SchemaViolation;
    QTest::newRow("state.json missing") << u"gen-1/state.json"_s << remove << ErrorCode::IoError;
    QTest::newRow("image missing") << u"gen-1/image.bin"_s << remove << ErrorCode::IoError;
    QTest::newRow("image truncated") << u"gen-1/image.bin"_s << QByteArray("factory") << ErrorCode::IoError;
    QTest::newRow("backup without state") << u"gen-1/backup.bin"_s << QByteArray("stray") << ErrorCode::IoError;
    QTest::newRow("stray metadata file") << u"gen-1/metadata/director/notes.txt"_s << QByteArray("x") << ErrorCode::IoError;
    QTest::newRow("hidden metadata file") << u"gen-1/metadata/director/.root.json"_s << QByteArray("x") << ErrorCode::IoError;
    QTest::newRow("ecu.pem missing") << u"ecu.pem"_s << remove << ErrorCode::NotFound;
    QTest::newRow("ecu.pem garbage") << u"ecu.pem"_s << QByteArray("not a key") << ErrorCode::InvalidKey;
}

void TestEcuStore::corruptStore()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, bytes);
    QFETCH(ErrorCode, code);
    QTemporaryDir tmp;
    QVERIFY(EcuStore::provision(tmp.path(), makeConfig(Encoding::Json), newKey(), factoryChange()));
    const QString path = tmp.path() + u'/' + file;
    if (bytes == "<remove>")
        QVERIFY(QFile::remove(path));
    else
        QVERIFY(writeAll(path, bytes));
    auto opened = EcuStore::open(tmp.path());
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, code);
}

void TestEcuStore::staleGenerationsRemoved()
{
    QTemporaryDir tmp;
    QVERIFY(EcuStore::provision(tmp.path(), makeConfig(Encoding::Json), newKey(), factoryChange()));
    // What crashes leave: a half-written next generation, an old one not yet removed, a
    // temporary `current`.
    QVERIFY(QDir().mkpath(tmp.path() + u"/gen-2/metadata/director"_s));
    QVERIFY(writeAll(tmp.path() + u"/gen-2/metadata/director/root.json"_s, "half"));
    QVERIFY(QDir().mkpath(tmp.path() + u"/gen-0"_s));
    QVERIFY(writeAll(tmp.path() + u"/current.tmp"_s, "2\n"));
    auto store = EcuStore::open(tmp.path());
    QVERIFY(store);
    QCOMPARE(generations(tmp.path()), QStringList{u"gen-1"_s});
    QVERIFY(!QFileInfo::exists(tmp.path() + u"/current.tmp"_s));
    QCOMPARE(store->metadata(), factoryChange().metadata);
    // Files that are not generations stay.
    QVERIFY(QFileInfo::exists(tmp.path() + u"/ecu.pub"_s));
}

void TestEcuStore::crashInsideCommit_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<bool>("newInForce");
    QTest::newRow("killed when written") << u"written"_s << false;
    QTest::newRow("killed when switched") << u"switched"_s << true;
}

void TestEcuStore::crashInsideCommit()
{
    QFETCH(QString, step);
    QFETCH(bool, newInForce);
    QTemporaryDir tmp;
    auto store = EcuStore::provision(tmp.path(), makeConfig(Encoding::Json), newKey(), factoryChange("old image"));
    QVERIFY(store);
    const EcuState oldState = store->state();
    const auto oldMetadata = store->metadata();

    EcuChange change;
    change.state = oldState;
    change.state.attestedTime = kFactoryTime.addDays(1);
    change.state.installed = target(u"firmware.img"_s, "new image", 2);
    change.state.lastVerdict = u"UPDATED"_s;
    change.metadata = {{u"director/root"_s, "new root"}, {u"director/targets"_s, "new targets"}};
    change.newImage = QByteArray("new image");

    const QByteArray stepName = step.toLatin1();
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        // The child dies at the step, as a power cut or SIGKILL would (no destructors, no
        // cleanup); reaching the end means the hook never fired.
        EcuStore::setCommitHook([&stepName](const char *at) {
            if (stepName == at)
                ::_exit(9);
        });
        auto opened = EcuStore::open(tmp.path());
        if (!opened)
            ::_exit(2);
        (void)opened->commit(change);
        ::_exit(0);
    }
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 9);
    // The crash left both generations on disk.
    QCOMPARE(generations(tmp.path()), (QStringList{u"gen-1"_s, u"gen-2"_s}));

    auto opened = EcuStore::open(tmp.path());
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
    if (newInForce) {
        QCOMPARE(opened->generation(), 2);
        QCOMPARE(opened->state().toJson(), [&] {
            EcuState expected = change.state;
            expected.backup = oldState.installed;
            return expected.toJson();
        }());
        QCOMPARE(opened->metadata(), change.metadata);
        QCOMPARE(*opened->imageBytes(), QByteArray("new image"));
        QCOMPARE(readAll(opened->backupFilePath()), QByteArray("old image"));
        QCOMPARE(generations(tmp.path()), QStringList{u"gen-2"_s});
    } else {
        QCOMPARE(opened->generation(), 1);
        QCOMPARE(opened->state().toJson(), oldState.toJson());
        QCOMPARE(opened->metadata(), oldMetadata);
        QCOMPARE(*opened->imageBytes(), QByteArray("old image"));
        QVERIFY(opened->backupFilePath().isEmpty());
        QCOMPARE(generations(tmp.path()), QStringList{u"gen-1"_s});
    }
    // Either way the store goes on: the same commit now succeeds.
    QVERIFY(opened->commit(change));
    QCOMPARE(*EcuStore::open(tmp.path())->imageBytes(), QByteArray("new image"));
}

QTEST_GUILESS_MAIN(TestEcuStore)
#include "tst_ecustore.moc"
