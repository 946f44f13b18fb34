// ImageRepository: the Uptane Image Repository on a workspace, in both encodings. Images are
// checked by what a real TUF client does with them (refresh, delegation search, download with
// length and hash checks); key operations by a client that trusted the state before them.

#include "repoclient.h"

#include "crypto/hash.h"
#include "metadata/codec.h"
#include "services/imagerepository.h"
#include "services/keyring.h"
#include "services/workspace.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Uptane;
using namespace Uptane::Services;
using namespace Uptane::Test;
using namespace Qt::StringLiterals;
using Metadata::Encoding;

namespace {

const QDateTime kStart = QDateTime::fromSecsSinceEpoch(1772323200, Qt::UTC);  // 2026-03-01T00:00:00Z
const QString kAcmeImage = u"acme/ecu-1.0.img"_s;
const QString kInfoImage = u"firmware/infotainment-1.0.img"_s;

struct Lab
{
    explicit Lab(Encoding encoding, const ImageRepositoryOptions &options = {})
        : workspace(*Workspace::open(dir.path() + u"/ws"_s, encoding)),
          keys(workspace.keysDir())
    {
        auto opened = ImageRepository::open(workspace, keys, clock, options);
        if (opened)
            repo = std::move(*opened);
        else
            openError = opened.error();
    }

    std::unique_ptr<ImageRepository> reopen(const ImageRepositoryOptions &options = {})
    {
        auto opened = ImageRepository::open(workspace, keys, clock, options);
        return opened ? std::move(*opened) : nullptr;
    }

    RepoClient client() const
    {
        return RepoClient(workspace.imageRepoMetadataDir(), workspace.imageRepoTargetsDir(), workspace.encoding());
    }

    QString ext() const { return workspace.extension(); }

    template <typename T>
    Metadata::Signed<T> parseFile(const QString &name) const
    {
        QFile file(workspace.imageRepoMetadataDir() + u'/' + name);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return Metadata::parse<T>(file.readAll(), workspace.encoding()).value_or(Metadata::Signed<T>{});
    }

    QTemporaryDir dir;
    ManualClock clock{kStart};
    Workspace workspace;
    KeyRing keys;
    std::unique_ptr<ImageRepository> repo;
    std::optional<Error> openError;
};

QString errorText(const auto &result)
{
    return result ? QString() : result.error().toString();
}

// Downloads path through the client into a temporary file and returns the bytes.
QByteArray download(RepoClient &client, const QString &path, const QString &into)
{
    auto target = client.updater->findTarget(path);
    if (!target)
        return "findTarget: "_ba + target.error().toString().toUtf8();
    const QString file = into + u"/download"_s;
    if (auto downloaded = client.updater->downloadTarget(*target, file); !downloaded)
        return "downloadTarget: "_ba + downloaded.error().toString().toUtf8();
    QFile in(file);
    return in.open(QIODevice::ReadOnly) ? in.readAll() : QByteArray();
}

void addEncodingColumn()
{
    QTest::addColumn<Encoding>("encoding");
    QTest::newRow("json") << Encoding::Json;
    QTest::newRow("der") << Encoding::Der;
}

} // namespace

class TestImageRepository : public QObject
{
    Q_OBJECT

private slots:
    void createAndReopen_data() { addEncodingColumn(); }
    void createAndReopen();
    void keyFiles_data() { addEncodingColumn(); }
    void keyFiles();
    void addImagesAndDownload_data() { addEncodingColumn(); }
    void addImagesAndDownload();
    void addImageFile_data() { addEncodingColumn(); }
    void addImageFile();
    void stagedImagesPublishOnce();
    void roleForPath_data();
    void roleForPath();
    void badPaths_data();
    void badPaths();
    void hardwareIdNotAllowed();
    void removeImage();
    void demoThreshold_data() { addEncodingColumn(); }
    void demoThreshold();
    void rotateKeys_data();
    void rotateKeys();
    void revokeKeyErrors();
    void interruptedPublish();
    void ecdsaKeys();
};

void TestImageRepository::createAndReopen()
{
    QFETCH(Encoding, encoding);
    Lab lab(encoding);
    QVERIFY2(lab.repo, qPrintable(lab.openError ? lab.openError->toString() : QString()));
    RepositoryWriter &writer = lab.repo->writer();
    QCOMPARE(writer.version(u"root"_s), 1);
    QCOMPARE(writer.version(u"timestamp"_s), 1);
    QCOMPARE(writer.version(u"supplier-acme"_s), 1);
    QCOMPARE(lab.repo->metadataDir(), lab.workspace.imageRepoMetadataDir());
    QCOMPARE(lab.repo->targetsDir(), lab.workspace.imageRepoTargetsDir());

    // The supplier delegation: its paths, its hardware ids, its own key, terminating.
    const auto &delegations = writer.targets()->delegations;
    QVERIFY(delegations);
    QCOMPARE(delegations->roles.size(), 1);
    const Metadata::DelegatedRole &acme = delegations->roles.first();
    QCOMPARE(acme.name, u"supplier-acme"_s);
    QCOMPARE(acme.paths, QStringList{u"acme/*"_s});
    QCOMPARE(acme.hardwareIds, QStringList{u"acme-ecu"_s});
    QVERIFY(acme.terminating);
    QCOMPARE(lab.repo->keyNames(u"supplier-acme"_s), QStringList{u"imagerepo-supplier-acme-1"_s});
    for (const QString &role : {u"root"_s, u"targets"_s, u"snapshot"_s, u"timestamp"_s})
        QCOMPARE(lab.repo->keyNames(role), QStringList{u"imagerepo-%1-1"_s.arg(role)});

    QVERIFY(lab.repo->addImage(kInfoImage, "info"_ba, u"info-hw"_s, 3));
    const auto rootKeys = writer.root().keys.keys();
    lab.repo.reset();

    // Reopening keeps every version and key; nothing is re-created.
    auto reopened = lab.reopen();
    QVERIFY(reopened);
    QCOMPARE(reopened->writer().version(u"root"_s), 1);
    QCOMPARE(reopened->writer().version(u"targets"_s), 2);
    QCOMPARE(reopened->writer().version(u"timestamp"_s), 2);
    QCOMPARE(reopened->writer().root().keys.keys(), rootKeys);
    QCOMPARE(reopened->images().keys(), QStringList{kInfoImage});
    QCOMPARE(reopened->findImage(kInfoImage)->releaseCounter, 3);
    QCOMPARE(lab.keys.list().size(), 5);
}

void TestImageRepository::keyFiles()
{
    QFETCH(Encoding, encoding);
    Lab lab(encoding);
    QVERIFY(lab.repo);
    const QString keys = lab.workspace.keysDir();
    // Root signs only root: its private key is kept apart, under keys/offline.
    QVERIFY(QFileInfo::exists(keys + u"/offline/imagerepo-root-1.pem"_s));
    QVERIFY(!QFileInfo::exists(keys + u"/imagerepo-root-1.pem"_s));
    for (const QString &name : {u"targets"_s, u"snapshot"_s, u"timestamp"_s, u"supplier-acme"_s})
        QVERIFY2(QFileInfo::exists(keys + u"/imagerepo-%1-1.pem"_s.arg(name)), qPrintable(name));
    int privateKeys = 0;
    for (QDirIterator it(keys, {u"*.pem"_s}, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
        const QFileInfo info(it.next());
        ++privateKeys;
        QCOMPARE(info.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    QCOMPARE(privateKeys, 5);
    // The root's key is the offline one; the timestamp's is not.
    QVERIFY(lab.keys.info(u"imagerepo-root-1"_s)->offline);
    QVERIFY(!lab.keys.info(u"imagerepo-timestamp-1"_s)->offline);
}

void TestImageRepository::addImagesAndDownload()
{
    QFETCH(Encoding, encoding);
    Lab lab(encoding);
    QVERIFY(lab.repo);
    const QByteArray info = QByteArray(5000, 'i');
    const QByteArray acme = "acme telematics firmware"_ba;
    auto infoFile = lab.repo->addImage(kInfoImage, info, u"info-hw"_s, 1);
    QVERIFY2(infoFile, qPrintable(errorText(infoFile)));
    auto acmeFile = lab.repo->addImage(kAcmeImage, acme, u"acme-ecu"_s, 7);
    QVERIFY2(acmeFile, qPrintable(errorText(acmeFile)));

    // The TargetFile: length, both hashes, Uptane custom fields.
    QCOMPARE(acmeFile->length, acme.size());
    QCOMPARE(acmeFile->hashes.value(u"sha256"_s), Crypto::sha256(acme));
    QCOMPARE(acmeFile->hashes.value(u"sha512"_s), Crypto::sha512(acme));
    QCOMPARE(acmeFile->hardwareId, u"acme-ecu"_s);
    QCOMPARE(acmeFile->releaseCounter, 7);
    // The acme image went to the supplier's role, the other one to top-level targets.
    QVERIFY(lab.repo->writer().targets(u"supplier-acme"_s)->targets.contains(kAcmeImage));
    QVERIFY(!lab.repo->writer().targets()->targets.contains(kAcmeImage));
    QVERIFY(lab.repo->writer().targets()->targets.contains(kInfoImage));
    QCOMPARE(lab.repo->writer().version(u"supplier-acme"_s), 2);

    // Stored under every consistent-snapshot name, directories kept.
    const QString targets = lab.workspace.imageRepoTargetsDir();
    for (const QString &name : {u"acme/%1.ecu-1.0.img"_s.arg(QString::fromLatin1(Crypto::sha256(acme).toHex())),
                                u"acme/%1.ecu-1.0.img"_s.arg(QString::fromLatin1(Crypto::sha512(acme).toHex())),
                                kAcmeImage}) {
        QFile file(targets + u'/' + name);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(name));
        QCOMPARE(file.readAll(), acme);
    }
    QCOMPARE(*lab.repo->imageFilePath(kAcmeImage), targets + u'/' + kAcmeImage);
    QCOMPARE(lab.repo->findImage(kAcmeImage)->hashes, acmeFile->hashes);

    // A TUF client finds both (the acme one through the delegation) and downloads them.
    RepoClient client = lab.client();
    QVERIFY(client.refresh(lab.clock.now()));
    QTemporaryDir downloads;
    QCOMPARE(download(client, kInfoImage, downloads.path()), info);
    QCOMPARE(download(client, kAcmeImage, downloads.path()), acme);
    const auto found = client.updater->findTarget(kAcmeImage);
    QCOMPARE(found->hardwareId, u"acme-ecu"_s);
    QCOMPARE(found->releaseCounter, 7);

    // A changed image replaces the old entry; the client follows.
    QVERIFY(lab.repo->addImage(kAcmeImage, "acme v2"_ba, u"acme-ecu"_s, 8));
    QVERIFY(client.refresh(lab.clock.now()));
    QCOMPARE(download(client, kAcmeImage, downloads.path()), "acme v2"_ba);
    // The old bytes stay under their hash names for clients of the previous snapshot.
    QVERIFY(QFileInfo::exists(targets + u"/acme/%1.ecu-1.0.img"_s.arg(QString::fromLatin1(Crypto::sha256(acme).toHex()))));
}

void TestImageRepository::addImageFile()
{
    QFETCH(Encoding, encoding);
    Lab lab(encoding);
    QVERIFY(lab.repo);
    const QString source = lab.dir.path() + u"/build-output.bin"_s;
    QByteArray bytes(300 * 1024 + 17, '\0');
    for (qsizetype i = 0; i < bytes.size(); ++i)
        bytes[i] = char(i * 31);
    {
        QFile out(source);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
    }
    auto file = lab.repo->addImageFile(u"acme/big.img"_s, source, u"acme-ecu"_s, 2);
    QVERIFY2(file, qPrintable(errorText(file)));
    QCOMPARE(file->length, bytes.size());
    QCOMPARE(file->hashes.value(u"sha512"_s), Crypto::sha512(bytes));
    RepoClient client = lab.client();
    QVERIFY(client.refresh(lab.clock.now()));
    QTemporaryDir downloads;
    QCOMPARE(download(client, u"acme/big.img"_s, downloads.path()), bytes);

    auto missing = lab.repo->addImageFile(u"acme/none.img"_s, lab.dir.path() + u"/none"_s, u"acme-ecu"_s, 1);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
}

void TestImageRepository::stagedImagesPublishOnce()
{
    Lab lab(Encoding::Json);
    QVERIFY(lab.repo);
    for (int i = 0; i < 5; ++i)
        QVERIFY(lab.repo->stageImage(u"img-%1"_s.arg(i), QByteArray::number(i), u"hw"_s, i));
    QVERIFY(lab.repo->stageImage(u"acme/a.img"_s, "a"_ba, u"acme-ecu"_s, 1));
    auto result = lab.repo->publish();
    QVERIFY(result);
    QCOMPARE(result->summary(), u"targets v2, supplier-acme v2, snapshot v2, timestamp v2"_s);
    QCOMPARE(lab.repo->images().size(), 6);
}

void TestImageRepository::roleForPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("role");
    QTest::newRow("supplier") << u"acme/tcu.img"_s << u"supplier-acme"_s;
    // Delegation globs never let '*' cross a '/' (TUF §4.5).
    QTest::newRow("nested") << u"acme/sub/tcu.img"_s << u"targets"_s;
    QTest::newRow("prefix-only") << u"acme-ecu.img"_s << u"targets"_s;
    QTest::newRow("top-level") << u"firmware/info.img"_s << u"targets"_s;
}

void TestImageRepository::roleForPath()
{
    QFETCH(QString, path);
    QFETCH(QString, role);
    Lab lab(Encoding::Json);
    QVERIFY(lab.repo);
    QCOMPARE(lab.repo->roleForPath(path), role);
}

void TestImageRepository::badPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("empty") << QString();
    QTest::newRow("parent") << u"../x"_s;
    QTest::newRow("parent-inside") << u"acme/../../x"_s;
    QTest::newRow("absolute") << u"/etc/passwd"_s;
    QTest::newRow("dot") << u"./x"_s;
    QTest::newRow("trailing-dot") << u"acme/."_s;
    QTest::newRow("empty-segment") << u"acme//x"_s;
    QTest::newRow("trailing-slash") << u"acme/"_s;
    QTest::newRow("backslash") << u"..\\x"_s;
    QTest::newRow("newline") << u"a\nb"_s;
    QTest::newRow("too-long") << QString(1025, u'a');
}

void TestImageRepository::badPaths()
{
    QFETCH(QString, path);
    Lab lab(Encoding::Json);
    QVERIFY(lab.repo);
    auto added = lab.repo->addImage(path, "evil"_ba, u"acme-ecu"_s, 1);
    QVERIFY(!added);
    QCOMPARE(added.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(lab.repo->writer().version(u"targets"_s), 1);
    QVERIFY(!lab.repo->writer().hasStagedChanges());
    // Nothing was written anywhere, inside the targets directory or outside it.
    QVERIFY(QDir(lab.workspace.imageRepoTargetsDir()).isEmpty());
    QVERIFY(!QFileInfo::exists(lab.workspace.imageRepoDir() + u"/x"_s));
    QVERIFY(!QFileInfo::exists(lab.workspace.root() + u"/x"_s));
    QCOMPARE(lab.repo->addImageFile(path, lab.workspace.configPath(), u"hw"_s, 1).error().code, ErrorCode::InvalidArgument);
}

void TestImageRepository::hardwareIdNotAllowed()
{
    Lab lab(Encoding::Json);
    QVERIFY(lab.repo);
    // The supplier may sign only for its own hardware.
    auto wrong = lab.repo->addImage(kAcmeImage, "x"_ba, u"info-hw"_s, 1);
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code, ErrorCode::HardwareIdMismatch);
    QVERIFY(wrong.error().detail.contains(u"supplier-acme"_s));
    QCOMPARE(lab.repo->addImage(kAcmeImage, "x"_ba, QString(), 1).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(lab.repo->addImage(kAcmeImage, "x"_ba, u"acme-ecu"_s, -1).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(lab.repo->writer().version(u"supplier-acme"_s), 1);
    QVERIFY(QDir(lab.workspace.imageRepoTargetsDir()).isEmpty());
    // A supplier without a hardware restriction takes any.
    ImageRepositoryOptions open;
    open.suppliers.first().hardwareIds.clear();
    Lab anyHardware(Encoding::Json, open);
    QVERIFY(anyHardware.repo);
    QVERIFY(anyHardware.repo->addImage(kAcmeImage, "x"_ba, u"info-hw"_s, 1));
}

void TestImageRepository::removeImage()
{
    Lab lab(Encoding::Json);
    QVERIFY(lab.repo);
    QVERIFY(lab.repo->addImage(kAcmeImage, "a"_ba, u"acme-ecu"_s, 1));
    QVERIFY(lab.repo->addImage(kInfoImage, "i"_ba, u"info-hw"_s, 1));
    auto removed = lab.repo->removeImage(kAcmeImage);
    QVERIFY(removed);
    QCOMPARE(removed->versions.value(u"supplier-acme"_s), 3);
    QCOMPARE(lab.repo->findImage(kAcmeImage).error().code, ErrorCode::TargetNotFound);
    QCOMPARE(lab.repo->imageFilePath(kAcmeImage).error().code, ErrorCode::TargetNotFound);
    QCOMPARE(lab.repo->removeImage(kAcmeImage).error().code, ErrorCode::TargetNotFound);
    RepoClient client = lab.client();
    QVERIFY(client.refresh(lab.clock.now()));
    QCOMPARE(client.updater->findTarget(kAcmeImage).error().code, ErrorCode::TargetNotFound);
    QVERIFY(client.updater->findTarget(kInfoImage));
}

void TestImageRepository::demoThreshold()
{
    QFETCH(Encoding, encoding);
    Lab lab(encoding, ImageRepositoryOptions::demo());
    QVERIFY(lab.repo);
    const auto &targetsRole = lab.repo->writer().root().roles.value(u"targets"_s);
    QCOMPARE(targetsRole.threshold, 2);
    QCOMPARE(targetsRole.keyids.size(), 2);
    QCOMPARE(lab.repo->keyNames(u"targets"_s), (QStringList{u"imagerepo-targets-1"_s, u"imagerepo-targets-2"_s}));
    QVERIFY(lab.repo->addImage(kInfoImage, "i"_ba, u"info-hw"_s, 1));
    QCOMPARE(lab.parseFile<Metadata::Targets>(u"2.targets."_s + lab.ext()).signatures.size(), 2);
    RepoClient client = lab.client();
    QVERIFY(client.refresh(lab.clock.now()));

    // One of the two targets keys is compromised: replace just that one.
    auto revoked = lab.repo->revokeKey(u"imagerepo-targets-1"_s);
    QVERIFY2(revoked, qPrintable(errorText(revoked)));
    QCOMPARE(revoked->versions.value(u"root"_s), 2);
    QCOMPARE(lab.repo->keyNames(u"targets"_s), (QStringList{u"imagerepo-targets-3"_s, u"imagerepo-targets-2"_s}));
    QCOMPARE(lab.repo->writer().root().roles.value(u"targets"_s).threshold, 2);
    QVERIFY(lab.keys.revokedNames().contains(u"imagerepo-targets-1"_s));
    const QString oldKeyid = Metadata::computeKeyId(lab.keys.loadRevoked(u"imagerepo-targets-1"_s)->publicKey());
    QVERIFY(!lab.repo->writer().root().keys.contains(oldKeyid));
    auto refreshed = client.refresh(lab.clock.now());
    QVERIFY2(refreshed, qPrintable(errorText(refreshed)));
    QCOMPARE(client.trustedVersion(u"root"_s), 2);
    QVERIFY(lab.repo->addImage(kAcmeImage, "a"_ba, u"acme-ecu"_s, 1));
    QVERIFY(client.refresh(lab.clock.now()));
    QVERIFY(client.updater->findTarget(kAcmeImage));
}

void TestImageRepository::rotateKeys_data()
{
    QTest::addColumn<Encoding>("encoding");
    QTest::addColumn<QString>("role");
    for (const auto &[encoding, name] : {std::pair{Encoding::Json, "json"}, std::pair{Encoding::Der, "der"}}) {
        for (const char *role : {"root", "targets", "snapshot", "timestamp", "supplier-acme"})
            QTest::addRow("%s-%s", name, role) << encoding << QString::fromLatin1(role);
    }
}

void TestImageRepository::rotateKeys()
{
    QFETCH(Encoding, encoding);
    QFETCH(QString, role);
    Lab lab(encoding);
    QVERIFY(lab.repo);
    QVERIFY(lab.repo->addImage(kAcmeImage, "acme"_ba, u"acme-ecu"_s, 1));
    RepoClient client = lab.client();
    QVERIFY(client.refresh(lab.clock.now()));
    const QString oldName = u"imagerepo-%1-1"_s.arg(role);
    const QString newName = u"imagerepo-%1-2"_s.arg(role);

    lab.clock.advance(600);
    auto rotated = lab.repo->rotateKeys(role);
    QVERIFY2(rotated, qPrintable(errorText(rotated)));
    QCOMPARE(lab.repo->keyNames(role), QStringList{newName});
    QCOMPARE(lab.keys.revokedNames(), QStringList{oldName});
    QVERIFY(!lab.keys.contains(oldName));
    QCOMPARE(lab.keys.info(newName)->offline, role == u"root"_s);
    if (role == u"supplier-acme"_s) {
        QVERIFY(!rotated->versions.contains(u"root"_s));  // a delegation change, not a root one
    } else {
        QCOMPARE(rotated->versions.value(u"root"_s), 2);
        // TUF §5.3.4: the new root carries old and new root signatures when root rotates.
        const auto root = lab.parseFile<Metadata::Root>(u"2.root."_s + lab.ext());
        QCOMPARE(root.signatures.size(), role == u"root"_s ? 2 : 1);
    }

    auto refreshed = client.refresh(lab.clock.now());
    QVERIFY2(refreshed, qPrintable(errorText(refreshed)));
    QTemporaryDir downloads;
    QCOMPARE(download(client, kAcmeImage, downloads.path()), "acme"_ba);
    // The rotated role keeps working with the new key.
    QVERIFY(lab.repo->addImage(kAcmeImage, "acme 2"_ba, u"acme-ecu"_s, 2));
    QVERIFY(client.refresh(lab.clock.now()));
    QCOMPARE(download(client, kAcmeImage, downloads.path()), "acme 2"_ba);
    // A restarted service finds the same state.
    lab.repo.reset();
    auto reopened = lab.reopen();
    QVERIFY(reopened);
    QCOMPARE(reopened->keyNames(role), QStringList{newName});
}

void TestImageRepository::revokeKeyErrors()
{
    Lab lab(Encoding::Json);
    QVERIFY(lab.repo);
    QCOMPARE(lab.repo->rotateKeys(u"no-such-role"_s).error().code, ErrorCode::MissingRole);
    QCOMPARE(lab.repo->revokeKey(u"no-such-key"_s).error().code, ErrorCode::NotFound);
    QVERIFY(lab.keys.loadOrCreate(u"unused"_s, Crypto::KeyType::Ed25519));
    QCOMPARE(lab.repo->revokeKey(u"unused"_s).error().code, ErrorCode::NotFound);
    QVERIFY(lab.keys.contains(u"unused"_s));
    QCOMPARE(lab.repo->writer().version(u"root"_s), 1);

    // Without the current root key the rotation cannot be signed: nothing changes, and the
    // fresh key made for it is removed again.
    QVERIFY(lab.keys.revoke(u"imagerepo-root-1"_s));
    auto rotated = lab.repo->rotateKeys(u"timestamp"_s);
    QVERIFY(!rotated);
    QCOMPARE(rotated.error().code, ErrorCode::ThresholdNotMet);
    QVERIFY(!lab.keys.contains(u"imagerepo-timestamp-2"_s));
    QVERIFY(lab.keys.contains(u"imagerepo-timestamp-1"_s));
    QCOMPARE(lab.repo->writer().version(u"root"_s), 1);
}

void TestImageRepository::interruptedPublish()
{
    Lab lab(Encoding::Der);
    QVERIFY(lab.repo);
    QVERIFY(lab.repo->addImage(kInfoImage, "old"_ba, u"info-hw"_s, 1));
    // Killed before the timestamp: the image bytes are there, the metadata is the old one.
    lab.repo->writer().setWriteHook([](const QString &file) { return !file.startsWith(u"timestamp"_s); });
    auto added = lab.repo->addImage(kAcmeImage, "new"_ba, u"acme-ecu"_s, 1);
    QVERIFY(!added);
    QCOMPARE(added.error().code, ErrorCode::IoError);
    lab.repo.reset();
    auto reopened = lab.reopen();
    QVERIFY(reopened);
    QCOMPARE(reopened->findImage(kAcmeImage).error().code, ErrorCode::TargetNotFound);
    QVERIFY(reopened->findImage(kInfoImage));
    RepoClient client = lab.client();
    QVERIFY(client.refresh(lab.clock.now()));
    QCOMPARE(client.updater->findTarget(kAcmeImage).error().code, ErrorCode::TargetNotFound);
    // The next publish goes through.
    QVERIFY(reopened->addImage(kAcmeImage, "new"_ba, u"acme-ecu"_s, 1));
    QVERIFY(client.refresh(lab.clock.now()));
    QVERIFY(client.updater->findTarget(kAcmeImage));
}

void TestImageRepository::ecdsaKeys()
{
    ImageRepositoryOptions options;
    options.keyType = Crypto::KeyType::Ecdsa;
    Lab lab(Encoding::Json, options);
    QVERIFY(lab.repo);
    QCOMPARE(lab.keys.load(u"imagerepo-root-1"_s)->type(), Crypto::KeyType::Ecdsa);
    QVERIFY(lab.repo->addImage(kAcmeImage, "acme"_ba, u"acme-ecu"_s, 1));
    QVERIFY(lab.repo->rotateKeys(u"snapshot"_s));
    QCOMPARE(lab.keys.load(u"imagerepo-snapshot-2"_s)->type(), Crypto::KeyType::Ecdsa);
    RepoClient client = lab.client();
    QVERIFY(client.refresh(lab.clock.now()));
    QTemporaryDir downloads;
    QCOMPARE(download(client, kAcmeImage, downloads.path()), "acme"_ba);
}

QTEST_GUILESS_MAIN(TestImageRepository)
#include "tst_imagerepository.moc"
