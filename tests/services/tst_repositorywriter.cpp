// RepositoryWriter: every repository it writes is read back through the real TUF client
// (Verify::Updater over the directory), in both encodings. Versions, thresholds, delegations,
// root rotation (old and new root keys sign), expiry refresh, and atomic publishing: a publish
// or rotation stopped after any number of files leaves a repository that verifies whole-old
// or (after repair) whole-new.

#include "repoclient.h"

#include "crypto/hash.h"
#include "metadata/codec.h"
#include "services/keyring.h"
#include "services/repositorywriter.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Uptane;
using namespace Uptane::Services;
using namespace Uptane::Test;
using namespace Qt::StringLiterals;
using Metadata::Encoding;
using Metadata::TargetFile;
using Metadata::Targets;

namespace {

const QDateTime kStart = QDateTime::fromSecsSinceEpoch(1772323200, Qt::UTC);  // 2026-03-01T00:00:00Z

// One repository in a temporary directory, keys named "<role>-<n>" (root offline).
struct Repo
{
    explicit Repo(Encoding e)
        : encoding(e), keys(dir.path() + u"/keys"_s)
    {
        writer = open();
    }

    std::unique_ptr<RepositoryWriter> open()
    {
        return std::make_unique<RepositoryWriter>(metadataDir(), encoding, keys, clock, u"test-repo"_s);
    }
    QString metadataDir() const { return dir.path() + u"/metadata"_s; }
    QString ext() const { return Metadata::fileExtension(encoding); }
    QString file(const QString &name) const { return metadataDir() + u'/' + name; }

    QString key(const QString &name, bool offline = false)
    {
        const auto created = keys.loadOrCreate(name, Crypto::KeyType::Ed25519, offline);
        return created ? name : QString();
    }

    Result<PublishResult> initialize(int targetsKeys = 1, qint64 targetsThreshold = 1)
    {
        QMap<QString, RoleKeyNames> roles;
        roles.insert(u"root"_s, {{key(u"root-1"_s, true)}, 1});
        roles.insert(u"snapshot"_s, {{key(u"snapshot-1"_s)}, 1});
        roles.insert(u"timestamp"_s, {{key(u"timestamp-1"_s)}, 1});
        RoleKeyNames targets{{}, targetsThreshold};
        for (int i = 1; i <= targetsKeys; ++i)
            targets.keyNames.append(key(u"targets-"_s + QString::number(i)));
        roles.insert(u"targets"_s, targets);
        return writer->initialize(roles);
    }

    RepoClient client() const { return RepoClient(metadataDir(), QString(), encoding); }

    Encoding encoding;
    QTemporaryDir dir;
    ManualClock clock{kStart};
    KeyRing keys;
    std::unique_ptr<RepositoryWriter> writer;
};

TargetFile target(const QString &path, const QByteArray &content)
{
    TargetFile file;
    file.path = path;
    file.length = content.size();
    file.hashes.insert(u"sha256"_s, Crypto::sha256(content));
    file.hashes.insert(u"sha512"_s, Crypto::sha512(content));
    file.hardwareId = u"hw"_s;
    file.releaseCounter = 1;
    file.hasCustom = true;
    return file;
}

Metadata::KeyEntry keyEntry(const KeyRing &keys, const QString &name)
{
    Metadata::KeyEntry entry;
    entry.key = keys.info(name)->publicKey;
    entry.keyid = Metadata::computeKeyId(entry.key);
    return entry;
}

// Targets delegating paths "a/*" to role "role-a", signed by key `keyName`.
Targets withDelegation(const Targets &base, const KeyRing &keys, const QString &keyName)
{
    Targets body = base;
    Metadata::Delegations delegations;
    const auto entry = keyEntry(keys, keyName);
    delegations.keys.insert(entry.keyid, entry);
    Metadata::DelegatedRole role;
    role.name = u"role-a"_s;
    role.keyids = {entry.keyid};
    role.paths = QStringList{u"a/*"_s};
    role.terminating = true;
    delegations.roles.append(role);
    body.delegations = delegations;
    return body;
}

template <typename T>
Metadata::Signed<T> parseFile(const Repo &repo, const QString &name)
{
    QFile file(repo.file(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return Metadata::parse<T>(file.readAll(), repo.encoding).value_or(Metadata::Signed<T>{});
}

QStringList signatureKeyids(const auto &signedFile)
{
    QStringList ids;
    for (const auto &signature : signedFile.signatures)
        ids.append(signature.keyid);
    ids.sort();
    return ids;
}

} // namespace

class TestRepositoryWriter : public QObject
{
    Q_OBJECT

private slots:
    void initialize_data();
    void initialize();
    void reload_data() { initialize_data(); }
    void reload();
    void publishBumpsVersions_data() { initialize_data(); }
    void publishBumpsVersions();
    void nothingStaged_data() { initialize_data(); }
    void nothingStaged();
    void delegatedRole_data() { initialize_data(); }
    void delegatedRole();
    void thresholdTwo_data() { initialize_data(); }
    void thresholdTwo();
    void rotateKeys_data();
    void rotateKeys();
    void rootRotationChain_data() { initialize_data(); }
    void rootRotationChain();
    void refreshExpiry_data() { initialize_data(); }
    void refreshExpiry();
    void crashDuringPublish_data() { initialize_data(); }
    void crashDuringPublish();
    void crashDuringRotation_data();
    void crashDuringRotation();
    void events();
    void initializeErrors();
    void stagingErrors();
    void loadErrors();
};

void TestRepositoryWriter::initialize_data()
{
    QTest::addColumn<Encoding>("encoding");
    QTest::newRow("json") << Encoding::Json;
    QTest::newRow("der") << Encoding::Der;
}

void TestRepositoryWriter::initialize()
{
    QFETCH(Encoding, encoding);
    Repo repo(encoding);
    QVERIFY(!repo.writer->exists());
    auto result = repo.initialize();
    QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
    QCOMPARE(result->versions.value(u"root"_s), 1);
    QCOMPARE(result->versions.value(u"targets"_s), 1);
    QCOMPARE(result->versions.value(u"snapshot"_s), 1);
    QCOMPARE(result->versions.value(u"timestamp"_s), 1);
    // timestamp last, every other file before it.
    QCOMPARE(result->files.last(), u"timestamp."_s + repo.ext());
    for (const QString &name : {u"1.root"_s, u"root"_s, u"1.targets"_s, u"targets"_s, u"1.snapshot"_s,
                                u"snapshot"_s, u"timestamp"_s})
        QVERIFY2(QFileInfo::exists(repo.file(name + u'.' + repo.ext())), qPrintable(name));
    QVERIFY(repo.writer->exists());

    const auto root = parseFile<Metadata::Root>(repo, u"root."_s + repo.ext());
    QVERIFY(root.body.consistentSnapshot);
    QCOMPARE(root.body.expires, kStart.addDays(365));
    QCOMPARE(parseFile<Metadata::Timestamp>(repo, u"timestamp."_s + repo.ext()).body.expires, kStart.addDays(1));
    QCOMPARE(parseFile<Metadata::Snapshot>(repo, u"1.snapshot."_s + repo.ext()).body.expires, kStart.addDays(7));
    QCOMPARE(parseFile<Metadata::Targets>(repo, u"1.targets."_s + repo.ext()).body.expires, kStart.addDays(90));

    RepoClient client = repo.client();
    auto refreshed = client.refresh(repo.clock.now());
    QVERIFY2(refreshed, qPrintable(refreshed ? QString() : refreshed.error().toString()));
    QCOMPARE(client.trustedVersion(u"targets"_s), 1);
}

void TestRepositoryWriter::reload()
{
    QFETCH(Encoding, encoding);
    Repo repo(encoding);
    QVERIFY(repo.initialize());
    QVERIFY(repo.writer->addTarget(u"targets"_s, target(u"fw.img"_s, "v1"_ba)));
    QVERIFY(repo.writer->publish());

    auto reopened = repo.open();
    QVERIFY(!reopened->isLoaded());
    QVERIFY(reopened->load());
    QCOMPARE(reopened->version(u"root"_s), 1);
    QCOMPARE(reopened->version(u"targets"_s), 2);
    QCOMPARE(reopened->version(u"snapshot"_s), 2);
    QCOMPARE(reopened->version(u"timestamp"_s), 2);
    QVERIFY(reopened->targets()->targets.contains(u"fw.img"_s));
    QCOMPARE(reopened->root().keys.keys(), repo.writer->root().keys.keys());
    QVERIFY(!reopened->needsRepair());

    // The reopened writer continues the version sequence.
    QVERIFY(reopened->addTarget(u"targets"_s, target(u"fw2.img"_s, "v2"_ba)));
    auto result = reopened->publish();
    QVERIFY(result);
    QCOMPARE(result->versions.value(u"targets"_s), 3);
}

void TestRepositoryWriter::publishBumpsVersions()
{
    QFETCH(Encoding, encoding);
    Repo repo(encoding);
    QVERIFY(repo.initialize());
    RepoClient client = repo.client();
    QVERIFY(client.refresh(repo.clock.now()));

    for (int round = 2; round <= 4; ++round) {
        repo.clock.advance(3600);
        QVERIFY(repo.writer->addTarget(u"targets"_s, target(u"fw-%1.img"_s.arg(round), QByteArray::number(round))));
        QVERIFY(repo.writer->hasStagedChanges());
        auto result = repo.writer->publish();
        QVERIFY(result);
        QVERIFY(!repo.writer->hasStagedChanges());
        QCOMPARE(result->versions.value(u"targets"_s), round);
        QCOMPARE(result->versions.value(u"snapshot"_s), round);
        QCOMPARE(result->versions.value(u"timestamp"_s), round);
        QVERIFY(!result->versions.contains(u"root"_s));
        QCOMPARE(result->summary(), u"targets v%1, snapshot v%1, timestamp v%1"_s.arg(round));

        auto refreshed = client.refresh(repo.clock.now());
        QVERIFY2(refreshed, qPrintable(refreshed ? QString() : refreshed.error().toString()));
        QCOMPARE(client.trustedVersion(u"targets"_s), round);
        QVERIFY(client.updater->findTarget(u"fw-%1.img"_s.arg(round)));
    }

    // Snapshot and timestamp list length and both hashes of what they describe.
    const auto snapshot = parseFile<Metadata::Snapshot>(repo, u"4.snapshot."_s + repo.ext());
    const auto meta = snapshot.body.meta.value(u"targets."_s + repo.ext());
    QFile targetsFile(repo.file(u"4.targets."_s + repo.ext()));
    QVERIFY(targetsFile.open(QIODevice::ReadOnly));
    const QByteArray targetsBytes = targetsFile.readAll();
    QCOMPARE(meta.version, 4);
    QCOMPARE(meta.length, targetsBytes.size());
    QCOMPARE(meta.hashes.value(u"sha256"_s), Crypto::sha256(targetsBytes));
    QCOMPARE(meta.hashes.value(u"sha512"_s), Crypto::sha512(targetsBytes));
    const auto timestamp = parseFile<Metadata::Timestamp>(repo, u"timestamp."_s + repo.ext());
    QCOMPARE(timestamp.body.snapshot.version, 4);
    QCOMPARE(timestamp.body.snapshot.hashes.keys(), (QStringList{u"sha256"_s, u"sha512"_s}));
    QCOMPARE(timestamp.body.snapshotName, u"snapshot."_s + repo.ext());

    // Removing a target is a change too; removing it twice is an error.
    QVERIFY(repo.writer->removeTarget(u"targets"_s, u"fw-2.img"_s));
    QCOMPARE(repo.writer->removeTarget(u"targets"_s, u"fw-2.img"_s).error().code, ErrorCode::TargetNotFound);
    QCOMPARE(repo.writer->publish()->versions.value(u"targets"_s), 5);
    QVERIFY(client.refresh(repo.clock.now()));
    QCOMPARE(client.updater->findTarget(u"fw-2.img"_s).error().code, ErrorCode::TargetNotFound);
}

void TestRepositoryWriter::nothingStaged()
{
    QFETCH(Encoding, encoding);
    Repo repo(encoding);
    QVERIFY(repo.initialize());
    const QStringList before = QDir(repo.metadataDir()).entryList(QDir::Files);
    auto result = repo.writer->publish();
    QVERIFY(result);
    QVERIFY(result->isEmpty());
    QCOMPARE(QDir(repo.metadataDir()).entryList(QDir::Files), before);
    QCOMPARE(repo.writer->version(u"timestamp"_s), 1);

    // Adding a target exactly as listed is no change; a different release counter is.
    QVERIFY(repo.writer->addTarget(u"targets"_s, target(u"same"_s, "s"_ba)));
    QCOMPARE(repo.writer->publish()->versions.value(u"targets"_s), 2);
    QVERIFY(repo.writer->addTarget(u"targets"_s, target(u"same"_s, "s"_ba)));
    QVERIFY(!repo.writer->hasStagedChanges());
    QVERIFY(repo.writer->publish()->isEmpty());
    TargetFile counter = target(u"same"_s, "s"_ba);
    counter.releaseCounter = 2;
    QVERIFY(repo.writer->addTarget(u"targets"_s, counter));
    QVERIFY(repo.writer->hasStagedChanges());
    repo.writer->discardStaged();
    // Staging and discarding changes nothing either.
    QVERIFY(repo.writer->addTarget(u"targets"_s, target(u"x"_s, "x"_ba)));
    repo.writer->discardStaged();
    QVERIFY(repo.writer->publish()->isEmpty());
}

void TestRepositoryWriter::delegatedRole()
{
    QFETCH(Encoding, encoding);
    Repo repo(encoding);
    QVERIFY(repo.initialize());
    const QString keyName = repo.key(u"role-a-1"_s);
    QVERIFY(repo.writer->stageTargets(u"targets"_s, withDelegation(*repo.writer->targets(), repo.keys, keyName)));
    QCOMPARE(repo.writer->targetsRoles(), (QStringList{u"targets"_s, u"role-a"_s}));
    QCOMPARE(repo.writer->delegatorOf(u"role-a"_s), u"targets"_s);
    auto first = repo.writer->publish();
    QVERIFY2(first, qPrintable(first ? QString() : first.error().toString()));
    // The new role starts empty at version 1.
    QCOMPARE(first->versions.value(u"role-a"_s), 1);
    QVERIFY(QFileInfo::exists(repo.file(u"1.role-a."_s + repo.ext())));

    QVERIFY(repo.writer->addTarget(u"role-a"_s, target(u"a/fw.img"_s, "acme"_ba)));
    auto second = repo.writer->publish();
    QVERIFY(second);
    QCOMPARE(second->versions.value(u"role-a"_s), 2);
    QVERIFY(!second->versions.contains(u"targets"_s));  // only the changed role is re-signed

    auto reopened = repo.open();
    QVERIFY(reopened->load());
    QCOMPARE(reopened->version(u"role-a"_s), 2);
    QCOMPARE(reopened->targetsRoles(), (QStringList{u"targets"_s, u"role-a"_s}));

    RepoClient client = repo.client();
    QVERIFY(client.refresh(repo.clock.now()));
    auto found = client.updater->findTarget(u"a/fw.img"_s);
    QVERIFY2(found, qPrintable(found ? QString() : found.error().toString()));
    QCOMPARE(found->hashes.value(u"sha256"_s), Crypto::sha256("acme"_ba));

    // The delegated role's key is the one that signed it.
    const auto delegated = parseFile<Metadata::Targets>(repo, u"2.role-a."_s + repo.ext());
    QCOMPARE(signatureKeyids(delegated), QStringList{repo.keys.info(keyName)->keyid});
}

void TestRepositoryWriter::thresholdTwo()
{
    QFETCH(Encoding, encoding);
    Repo repo(encoding);
    QVERIFY(repo.initialize(2, 2));
    const auto targets = parseFile<Metadata::Targets>(repo, u"1.targets."_s + repo.ext());
    QCOMPARE(targets.signatures.size(), 2);
    QCOMPARE(repo.writer->root().roles.value(u"targets"_s).threshold, 2);
    QVERIFY(repo.client().refresh(repo.clock.now()));

    // With one of the two keys gone, a publish cannot reach the threshold and writes nothing.
    QVERIFY(repo.keys.revoke(u"targets-2"_s));
    const QStringList before = QDir(repo.metadataDir()).entryList(QDir::Files);
    QVERIFY(repo.writer->addTarget(u"targets"_s, target(u"x"_s, "x"_ba)));
    auto result = repo.writer->publish();
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::ThresholdNotMet);
    QCOMPARE(QDir(repo.metadataDir()).entryList(QDir::Files), before);
    QCOMPARE(repo.writer->version(u"targets"_s), 1);
}

void TestRepositoryWriter::rotateKeys_data()
{
    QTest::addColumn<Encoding>("encoding");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QStringList>("resigned");  // roles with a new version besides root
    for (const auto &[encoding, name] : {std::pair{Encoding::Json, "json"}, std::pair{Encoding::Der, "der"}}) {
        QTest::addRow("%s-timestamp", name) << encoding << u"timestamp"_s << QStringList{u"timestamp"_s};
        QTest::addRow("%s-snapshot", name) << encoding << u"snapshot"_s << QStringList{u"snapshot"_s, u"timestamp"_s};
        QTest::addRow("%s-targets", name) << encoding << u"targets"_s
                                          << QStringList{u"snapshot"_s, u"targets"_s, u"timestamp"_s};
        QTest::addRow("%s-root", name) << encoding << u"root"_s << QStringList{};
        QTest::addRow("%s-delegated", name) << encoding << u"role-a"_s
                                            << QStringList{u"role-a"_s, u"snapshot"_s, u"targets"_s, u"timestamp"_s};
    }
}

void TestRepositoryWriter::rotateKeys()
{
    QFETCH(Encoding, encoding);
    QFETCH(QString, role);
    QFETCH(QStringList, resigned);
    Repo repo(encoding);
    QVERIFY(repo.initialize());
    QVERIFY(repo.writer->stageTargets(u"targets"_s, withDelegation(*repo.writer->targets(), repo.keys, repo.key(u"role-a-1"_s))));
    QVERIFY(repo.writer->publish());
    QVERIFY(repo.writer->addTarget(u"role-a"_s, target(u"a/fw.img"_s, "acme"_ba)));
    QVERIFY(repo.writer->publish());
    RepoClient client = repo.client();
    QVERIFY(client.refresh(repo.clock.now()));

    const bool topLevel = role != u"role-a"_s;
    const QString oldName = role + u"-1"_s;
    const QString newName = repo.key(role + u"-2"_s, role == u"root"_s);
    const QString oldKeyid = repo.keys.info(oldName)->keyid;
    const QString newKeyid = repo.keys.info(newName)->keyid;
    const qint64 rootBefore = repo.writer->version(u"root"_s);
    repo.clock.advance(60);
    auto result = repo.writer->rotateKeys(role, {{newName}, 1});
    QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));

    QStringList versioned = result->versions.keys();
    versioned.removeAll(u"root"_s);
    QCOMPARE(versioned, resigned);
    QCOMPARE(result->versions.contains(u"root"_s), topLevel);
    if (topLevel) {
        QCOMPARE(result->versions.value(u"root"_s), rootBefore + 1);
        const auto root = parseFile<Metadata::Root>(repo, u"%1.root.%2"_s.arg(rootBefore + 1).arg(repo.ext()));
        QCOMPARE(root.body.roles.value(role).keyids, QStringList{newKeyid});
        // The old key is gone from the metadata altogether.
        QVERIFY(!root.body.keys.contains(oldKeyid));
        // Root N+1 carries the old root's signature and its own: both must be present.
        const QString oldRoot = repo.keys.info(u"root-1"_s)->keyid;
        QStringList expected{oldRoot};
        if (role == u"root"_s)
            expected.append(newKeyid);
        expected.sort();
        QCOMPARE(signatureKeyids(root), expected);
        QCOMPARE(parseFile<Metadata::Root>(repo, u"root."_s + repo.ext()).body.version, rootBefore + 1);
        // Every root version stays.
        QVERIFY(QFileInfo::exists(repo.file(u"1.root."_s + repo.ext())));
    } else {
        const auto targets = parseFile<Metadata::Targets>(repo, u"%1.targets.%2"_s.arg(result->versions.value(u"targets"_s)).arg(repo.ext()));
        QCOMPARE(targets.body.delegations->roles.first().keyids, QStringList{newKeyid});
        QVERIFY(!targets.body.delegations->keys.contains(oldKeyid));
        const auto delegated = parseFile<Metadata::Targets>(repo, u"%1.role-a.%2"_s.arg(result->versions.value(u"role-a"_s)).arg(repo.ext()));
        QCOMPARE(signatureKeyids(delegated), QStringList{newKeyid});
        QVERIFY(delegated.body.targets.contains(u"a/fw.img"_s));  // content unchanged
    }

    // A client that trusted the old state follows the rotation ...
    auto refreshed = client.refresh(repo.clock.now());
    QVERIFY2(refreshed, qPrintable(refreshed ? QString() : refreshed.error().toString()));
    QCOMPARE(client.trustedVersion(u"root"_s), repo.writer->version(u"root"_s));
    QCOMPARE(client.trustedVersion(u"timestamp"_s), repo.writer->version(u"timestamp"_s));
    QVERIFY(client.updater->findTarget(u"a/fw.img"_s));
    // ... and so does a new one starting from root v1.
    RepoClient fresh = repo.client();
    QVERIFY(fresh.refresh(repo.clock.now()));
    QVERIFY(fresh.updater->findTarget(u"a/fw.img"_s));

    // Once the old key is revoked, later publishes still work (the old key is not needed).
    QVERIFY(repo.keys.revoke(oldName));
    QVERIFY(repo.writer->addTarget(u"role-a"_s, target(u"a/fw2.img"_s, "acme2"_ba)));
    auto after = repo.writer->publish();
    QVERIFY2(after, qPrintable(after ? QString() : after.error().toString()));
    QVERIFY(client.refresh(repo.clock.now()));
    QVERIFY(client.updater->findTarget(u"a/fw2.img"_s));
}

void TestRepositoryWriter::rootRotationChain()
{
    QFETCH(Encoding, encoding);
    Repo repo(encoding);
    QVERIFY(repo.initialize());
    // root-1 -> root-2 -> root-3 with each old key revoked right after: root v3 must still
    // carry root-2's signature (the trusted v2 keys), never root-1's.
    for (int generation = 2; generation <= 3; ++generation) {
        const QString next = repo.key(u"root-%1"_s.arg(generation), true);
        auto rotated = repo.writer->rotateKeys(u"root"_s, {{next}, 1});
        QVERIFY2(rotated, qPrintable(rotated ? QString() : rotated.error().toString()));
        QCOMPARE(rotated->versions.value(u"root"_s), generation);
        QVERIFY(repo.keys.revoke(u"root-%1"_s.arg(generation - 1)));
    }
    const auto root3 = parseFile<Metadata::Root>(repo, u"3.root."_s + repo.ext());
    QStringList expected{Metadata::computeKeyId(repo.keys.loadRevoked(u"root-2"_s)->publicKey()),
                         repo.keys.info(u"root-3"_s)->keyid};
    expected.sort();
    QCOMPARE(signatureKeyids(root3), expected);

    RepoClient client = repo.client();
    QVERIFY(client.refresh(repo.clock.now()));
    QCOMPARE(client.trustedVersion(u"root"_s), 3);

    // A further rotation without the current root key in the ring cannot be signed.
    QVERIFY(repo.keys.revoke(u"root-3"_s));
    auto orphan = repo.writer->rotateKeys(u"root"_s, {{repo.key(u"root-4"_s, true)}, 1});
    QVERIFY(!orphan);
    QCOMPARE(orphan.error().code, ErrorCode::ThresholdNotMet);
    QVERIFY(!QFileInfo::exists(repo.file(u"4.root."_s + repo.ext())));
}

void TestRepositoryWriter::refreshExpiry()
{
    QFETCH(Encoding, encoding);
    Repo repo(encoding);
    QVERIFY(repo.initialize());
    RepoClient client = repo.client();
    QVERIFY(client.refresh(repo.clock.now()));

    // Past a day the timestamp has expired: a client at that time refuses it (freeze attack
    // defence), so a long-lived repository must re-sign.
    repo.clock.advance(86400 + 60);
    RepoClient frozen = repo.client();
    QCOMPARE(frozen.refresh(repo.clock.now()).error().code, ErrorCode::Expired);

    auto refreshed = repo.writer->refreshExpiry();
    QVERIFY(refreshed);
    QCOMPARE(refreshed->versions.keys(), QStringList{u"timestamp"_s});  // snapshot still has 6 days
    QCOMPARE(repo.writer->timestamp().expires, repo.clock.now().addDays(1));
    QVERIFY(client.refresh(repo.clock.now()));
    QCOMPARE(client.trustedVersion(u"timestamp"_s), 2);

    // Four days later the snapshot is within half its 7-day validity: it is re-signed too.
    repo.clock.advance(3 * 86400);
    refreshed = repo.writer->refreshExpiry();
    QVERIFY(refreshed);
    QCOMPARE(refreshed->versions.keys(), (QStringList{u"snapshot"_s, u"timestamp"_s}));
    QVERIFY(client.refresh(repo.clock.now()));

    // After 50 more days targets (90 d) is near expiry as well; after 200 days root (365 d).
    repo.clock.advance(50 * 86400);
    QCOMPARE(repo.writer->refreshExpiry()->versions.keys(), (QStringList{u"snapshot"_s, u"targets"_s, u"timestamp"_s}));
    repo.clock.advance(150 * 86400);
    refreshed = repo.writer->refreshExpiry();
    QVERIFY(refreshed);
    QCOMPARE(refreshed->versions.value(u"root"_s), 2);
    auto after = client.refresh(repo.clock.now());
    QVERIFY2(after, qPrintable(after ? QString() : after.error().toString()));
    QCOMPARE(client.trustedVersion(u"root"_s), 2);
}

void TestRepositoryWriter::crashDuringPublish()
{
    QFETCH(Encoding, encoding);
    Repo repo(encoding);
    QVERIFY(repo.initialize());
    QVERIFY(repo.writer->stageTargets(u"targets"_s, withDelegation(*repo.writer->targets(), repo.keys, repo.key(u"role-a-1"_s))));
    QVERIFY(repo.writer->addTarget(u"targets"_s, target(u"old.img"_s, "old"_ba)));
    QVERIFY(repo.writer->publish());
    RepoClient persistent = repo.client();
    QVERIFY(persistent.refresh(repo.clock.now()));
    const qint64 oldTargets = repo.writer->version(u"targets"_s);

    // Stop after k files for k = 0, 1, 2, ... until a publish goes through. Every stop must
    // leave a repository a client verifies as a whole: the old one (timestamp is last).
    int k = 0;
    for (;; ++k) {
        QVERIFY(k < 20);
        int written = 0;
        repo.writer->setWriteHook([&](const QString &) { return written++ < k; });
        QVERIFY(repo.writer->addTarget(u"targets"_s, target(u"new.img"_s, "new"_ba)));
        QVERIFY(repo.writer->addTarget(u"role-a"_s, target(u"a/new.img"_s, "new-a"_ba)));
        auto result = repo.writer->publish();
        if (result)
            break;
        QCOMPARE(result.error().code, ErrorCode::IoError);
        QVERIFY(!repo.writer->hasStagedChanges());  // reloaded from disk
        QCOMPARE(repo.writer->version(u"targets"_s), oldTargets);

        RepoClient fresh = repo.client();
        auto refreshed = fresh.refresh(repo.clock.now());
        QVERIFY2(refreshed, qPrintable(u"k=%1: %2"_s.arg(k).arg(refreshed ? QString() : refreshed.error().toString())));
        QCOMPARE(fresh.trustedVersion(u"targets"_s), oldTargets);
        QVERIFY(fresh.updater->findTarget(u"old.img"_s));
        QCOMPARE(fresh.updater->findTarget(u"new.img"_s).error().code, ErrorCode::TargetNotFound);
        QVERIFY(persistent.refresh(repo.clock.now()));
        QCOMPARE(persistent.trustedVersion(u"targets"_s), oldTargets);

        auto reopened = repo.open();
        QVERIFY(reopened->load());
        QCOMPARE(reopened->version(u"targets"_s), oldTargets);
    }
    // 2 roles + snapshot, each versioned and plain, then timestamp: 7 files, so 7 stops.
    QCOMPARE(k, 7);
    repo.writer->setWriteHook({});
    for (RepoClient *client : {&persistent}) {
        QVERIFY(client->refresh(repo.clock.now()));
        QCOMPARE(client->trustedVersion(u"targets"_s), oldTargets + 1);
        QVERIFY(client->updater->findTarget(u"new.img"_s));
        QVERIFY(client->updater->findTarget(u"a/new.img"_s));
    }
}

void TestRepositoryWriter::crashDuringRotation_data()
{
    QTest::addColumn<Encoding>("encoding");
    QTest::addColumn<QString>("role");
    for (const auto &[encoding, name] : {std::pair{Encoding::Json, "json"}, std::pair{Encoding::Der, "der"}}) {
        for (const char *role : {"timestamp", "snapshot", "targets", "root"})
            QTest::addRow("%s-%s", name, role) << encoding << QString::fromLatin1(role);
    }
}

void TestRepositoryWriter::crashDuringRotation()
{
    QFETCH(Encoding, encoding);
    QFETCH(QString, role);
    Repo repo(encoding);
    QVERIFY(repo.initialize());
    RepoClient persistent = repo.client();
    QVERIFY(persistent.refresh(repo.clock.now()));

    // A rotation cannot be atomic for a client that sees the new root before the timestamp
    // its keys sign (TUF fetches N+1.root first). What must hold: after a stop at any file,
    // reopening the writer and repair() gives a repository every client verifies.
    int k = 0;
    for (;; ++k) {
        QVERIFY(k < 20);
        const QString next = repo.key(u"%1-r%2"_s.arg(role).arg(k), role == u"root"_s);
        int written = 0;
        repo.writer->setWriteHook([&](const QString &) { return written++ < k; });
        auto result = repo.writer->rotateKeys(role, {{next}, 1});
        repo.writer->setWriteHook({});
        if (result)
            break;
        QCOMPARE(result.error().code, ErrorCode::IoError);

        auto reopened = repo.open();
        QVERIFY(reopened->load());
        auto repaired = reopened->repair();
        QVERIFY2(repaired, qPrintable(repaired ? QString() : repaired.error().toString()));
        QVERIFY(!reopened->needsRepair());
        // Every name leads to the newest root again, the unversioned one included.
        QCOMPARE(parseFile<Metadata::Root>(repo, u"root."_s + repo.ext()).body.version, reopened->version(u"root"_s));
        RepoClient fresh = repo.client();
        auto refreshed = fresh.refresh(repo.clock.now());
        QVERIFY2(refreshed, qPrintable(u"k=%1: %2"_s.arg(k).arg(refreshed ? QString() : refreshed.error().toString())));
        refreshed = persistent.refresh(repo.clock.now());
        QVERIFY2(refreshed, qPrintable(u"k=%1: %2"_s.arg(k).arg(refreshed ? QString() : refreshed.error().toString())));
        QVERIFY(repo.writer->load());
    }
    QVERIFY(k > 0);
    QVERIFY(persistent.refresh(repo.clock.now()));
    QCOMPARE(persistent.trustedVersion(u"root"_s), repo.writer->version(u"root"_s));
}

void TestRepositoryWriter::events()
{
    Repo repo(Encoding::Json);
    QVERIFY(repo.initialize());
    QList<LabEvent> queued = repo.writer->takeEvents();
    QCOMPARE(queued.size(), 1);
    QCOMPARE(queued.first().kind, LabEvent::Kind::MetadataPublished);
    QCOMPARE(queued.first().from, u"test-repo"_s);
    QCOMPARE(queued.first().summary, u"published root v1, targets v1, snapshot v1, timestamp v1"_s);
    QCOMPARE(queued.first().time, kStart);
    QVERIFY(repo.writer->takeEvents().isEmpty());

    QList<LabEvent> seen;
    repo.writer->setEventCallback([&](const LabEvent &event) { seen.append(event); });
    auto rotated = repo.writer->rotateKeys(u"timestamp"_s, {{repo.key(u"timestamp-2"_s)}, 1});
    QVERIFY(rotated);
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen.at(0).kind, LabEvent::Kind::MetadataPublished);
    QCOMPARE(seen.at(1).kind, LabEvent::Kind::KeyRotated);
    QVERIFY(seen.at(1).summary.contains(u"timestamp-2"_s));
    // The event carries the new timestamp's bytes.
    QFile timestamp(repo.file(u"timestamp.json"_s));
    QVERIFY(timestamp.open(QIODevice::ReadOnly));
    QCOMPARE(seen.at(0).bytes, timestamp.readAll());
    QVERIFY(repo.writer->takeEvents().isEmpty());
}

void TestRepositoryWriter::initializeErrors()
{
    Repo repo(Encoding::Json);
    const QString root = repo.key(u"root-1"_s, true);
    const QString other = repo.key(u"other-1"_s);
    QMap<QString, RoleKeyNames> roles{{u"root"_s, {{root}, 1}}, {u"targets"_s, {{other}, 1}},
                                      {u"snapshot"_s, {{other}, 1}}, {u"timestamp"_s, {{other}, 1}}};
    auto expect = [&](QMap<QString, RoleKeyNames> given, ErrorCode code) {
        auto result = repo.writer->initialize(given);
        QVERIFY(!result);
        QCOMPARE(result.error().code, code);
        QVERIFY(!repo.writer->exists());
        QVERIFY(!repo.writer->isLoaded());
    };
    auto without = roles;
    without.remove(u"snapshot"_s);
    expect(without, ErrorCode::MissingRole);
    auto unknown = roles;
    unknown[u"targets"_s] = {{u"no-such-key"_s}, 1};
    expect(unknown, ErrorCode::NotFound);
    auto zero = roles;
    zero[u"targets"_s].threshold = 0;
    expect(zero, ErrorCode::InvalidArgument);
    auto tooHigh = roles;
    tooHigh[u"targets"_s].threshold = 2;
    expect(tooHigh, ErrorCode::InvalidArgument);
    auto twice = roles;
    twice[u"targets"_s] = {{other, other}, 1};
    expect(twice, ErrorCode::DuplicateKey);
    auto empty = roles;
    empty[u"targets"_s] = {{}, 1};
    expect(empty, ErrorCode::InvalidArgument);

    QVERIFY(repo.writer->initialize(roles));
    QCOMPARE(repo.writer->initialize(roles).error().code, ErrorCode::InvalidArgument);
}

void TestRepositoryWriter::stagingErrors()
{
    Repo repo(Encoding::Json);
    // Nothing loaded yet.
    QCOMPARE(repo.writer->publish().error().code, ErrorCode::NotTrusted);
    QCOMPARE(repo.writer->stageTargets(u"targets"_s, {}).error().code, ErrorCode::NotTrusted);
    QCOMPARE(repo.writer->refreshExpiry().error().code, ErrorCode::NotTrusted);
    QCOMPARE(repo.writer->rotateKeys(u"targets"_s, {{u"x"_s}, 1}).error().code, ErrorCode::NotTrusted);
    QVERIFY(repo.initialize());

    QCOMPARE(repo.writer->stageTargets(u"no-such-role"_s, {}).error().code, ErrorCode::MissingRole);
    QCOMPARE(repo.writer->addTarget(u"no-such-role"_s, target(u"x"_s, "x"_ba)).error().code, ErrorCode::MissingRole);
    QCOMPARE(repo.writer->removeTarget(u"targets"_s, u"x"_s).error().code, ErrorCode::TargetNotFound);
    QCOMPARE(repo.writer->stageTargets(u"../evil"_s, {}).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(repo.writer->rotateKeys(u"no-such-role"_s, {{u"timestamp-1"_s}, 1}).error().code, ErrorCode::MissingRole);

    const QString keyName = repo.key(u"role-a-1"_s);
    auto delegate = [&](auto change) {
        Targets body = withDelegation(*repo.writer->targets(), repo.keys, keyName);
        change(*body.delegations);
        return repo.writer->stageTargets(u"targets"_s, body);
    };
    QCOMPARE(delegate([](Metadata::Delegations &d) { d.roles.first().name = u"../x"_s; }).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(delegate([](Metadata::Delegations &d) { d.roles.first().name = u"snapshot"_s; }).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(delegate([](Metadata::Delegations &d) { d.roles.first().name = u"targets"_s; }).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(delegate([](Metadata::Delegations &d) { d.roles.append(d.roles.first()); }).error().code,
             ErrorCode::DuplicateRoleName);
    QCOMPARE(delegate([](Metadata::Delegations &d) { d.roles.first().threshold = 2; }).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(delegate([](Metadata::Delegations &d) { d.keys.clear(); }).error().code, ErrorCode::InvalidArgument);
    QVERIFY(!repo.writer->hasStagedChanges());

    // Delegated roles sign with the keys their delegator lists: without them, no publish.
    QVERIFY(delegate([](Metadata::Delegations &) {}));
    QVERIFY(repo.keys.revoke(keyName));
    auto publish = repo.writer->publish();
    QVERIFY(!publish);
    QCOMPARE(publish.error().code, ErrorCode::ThresholdNotMet);
    QCOMPARE(repo.writer->version(u"targets"_s), 1);

    QCOMPARE(repo.writer->readFile(u"../keys/root-1.pem"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(repo.writer->readFile(u"7.targets.json"_s).error().code, ErrorCode::NotFound);
    QVERIFY(repo.writer->readFile(u"timestamp.json"_s));
}

void TestRepositoryWriter::loadErrors()
{
    Repo repo(Encoding::Json);
    QCOMPARE(repo.writer->load().error().code, ErrorCode::NotFound);
    QVERIFY(repo.initialize());
    QVERIFY(repo.writer->addTarget(u"targets"_s, target(u"x"_s, "x"_ba)));
    QVERIFY(repo.writer->publish());
    auto loadError = [&] {
        auto reopened = repo.open();
        auto loaded = reopened->load();
        [&] { QVERIFY(!reopened->isLoaded()); }();
        return loaded ? ErrorCode::InvalidArgument : loaded.error().code;
    };
    auto replace = [&](const QString &name, const QByteArray &bytes) {
        QFile file(repo.file(name));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
    };
    auto read = [&](const QString &name) {
        QFile file(repo.file(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    const QByteArray targets2 = read(u"2.targets.json"_s);
    const QByteArray snapshot2 = read(u"2.snapshot.json"_s);
    const QByteArray timestamp = read(u"timestamp.json"_s);

    // A file whose content has another version than its name says.
    replace(u"2.targets.json"_s, read(u"1.targets.json"_s));
    QCOMPARE(loadError(), ErrorCode::VersionMismatch);
    replace(u"2.targets.json"_s, targets2);
    // The snapshot the timestamp names is missing.
    QVERIFY(QFile::remove(repo.file(u"2.snapshot.json"_s)));
    QCOMPARE(loadError(), ErrorCode::NotFound);
    replace(u"2.snapshot.json"_s, snapshot2);
    // A timestamp that is not metadata.
    replace(u"timestamp.json"_s, "{"_ba);
    QCOMPARE(loadError(), ErrorCode::MalformedJson);
    replace(u"timestamp.json"_s, timestamp);
    // No root at all.
    QVERIFY(QFile::rename(repo.file(u"1.root.json"_s), repo.file(u"root-backup"_s)));
    QCOMPARE(loadError(), ErrorCode::MissingRole);
    QVERIFY(QFile::rename(repo.file(u"root-backup"_s), repo.file(u"1.root.json"_s)));
    QVERIFY(repo.open()->load());
}

QTEST_GUILESS_MAIN(TestRepositoryWriter)
#include "tst_repositorywriter.moc"
