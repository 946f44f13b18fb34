// Forgery: releases signed with stolen keys, checked with the real client (Verify::Updater)
// against a real demo-fleet workspace in both encodings. What the forger writes must be
// indistinguishable from a real release when every needed key was stolen, and refused with
// the right code when one is missing (reference demo §3.4-3.7).

#include "attacks/forgery.h"
#include "crypto/hash.h"
#include "metadata/codec.h"
#include "services/keyring.h"
#include "services/oemservices.h"
#include "verify/updater.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Uptane;
using namespace Uptane::Attacks;
using namespace Uptane::Services;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Uptane::Metadata::Encoding)

namespace {

const QDateTime kStart = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
const QString kBase = u"repo://metadata/"_s;
const QString kTargetsBase = u"repo://targets/"_s;

// Serves a repository's real files with the forged ones laid over them, as the Adversary
// would on the wire.
class OverlayFetcher final : public Fetcher
{
public:
    OverlayFetcher(QString dir, QMap<QString, QByteArray> overlay)
        : m_dir(std::move(dir)), m_overlay(std::move(overlay))
    {
    }

    Result<QByteArray> fetch(const QString &url, qint64 maxBytes) override
    {
        if (!url.startsWith(kBase))
            return std::unexpected(Error{ErrorCode::NotFound, u"404 "_s + url});
        const QString name = QUrl::fromPercentEncoding(url.mid(kBase.size()).toUtf8());
        QByteArray bytes;
        if (m_overlay.contains(name)) {
            bytes = m_overlay.value(name);
        } else {
            QFile file(m_dir + u'/' + name);
            if (name.contains(u'/') || !file.open(QIODevice::ReadOnly))
                return std::unexpected(Error{ErrorCode::NotFound, u"404 "_s + url});
            bytes = file.readAll();
        }
        if (bytes.size() > maxBytes)
            return std::unexpected(Error{ErrorCode::TooLarge, u"too large: "_s + url});
        return bytes;
    }

    Result<qint64> fetchTo(const QString &url, qint64, QIODevice &) override
    {
        return std::unexpected(Error{ErrorCode::NotFound, u"404 "_s + url});
    }

private:
    QString m_dir;
    QMap<QString, QByteArray> m_overlay;
};

// A client that trusts the repository's first root and meets the forged release.
struct Client
{
    Client(const QString &dir, Metadata::Encoding encoding, const QMap<QString, QByteArray> &overlay)
        : fetcher(dir, overlay)
    {
        QFile root(dir + u"/1.root."_s + Metadata::fileExtension(encoding));
        if (root.open(QIODevice::ReadOnly))
            store.files.insert(u"root"_s, root.readAll());
        updater = std::make_unique<Verify::Updater>(Verify::UpdaterConfig{kBase, kTargetsBase, encoding, {}},
                                                    store, fetcher);
    }
    OverlayFetcher fetcher;
    Verify::MemoryStore store;
    std::unique_ptr<Verify::Updater> updater;
};

Metadata::Root currentRoot(const QString &dir, Metadata::Encoding encoding)
{
    QFile file(dir + u"/root."_s + Metadata::fileExtension(encoding));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("no root in %s", qPrintable(dir));
    auto root = Metadata::parse<Metadata::Root>(file.readAll(), encoding);
    if (!root)
        qFatal("root: %s", qPrintable(root.error().toString()));
    return root->body;
}

// The workspace's active keys for these keyids (what an attacker who broke in would take).
QList<Crypto::PrivateKey> keysFor(KeyRing &ring, const QStringList &keyids, qsizetype count = -1)
{
    QList<Crypto::PrivateKey> keys;
    for (const QString &keyid : keyids) {
        if (count >= 0 && keys.size() >= count)
            break;
        auto key = ring.findByKeyId(keyid);
        if (!key)
            qFatal("no key %s: %s", qPrintable(keyid), qPrintable(key.error().toString()));
        keys.append(*key);
    }
    return keys;
}

const QByteArray kEvilBytes = QByteArrayLiteral("evil content: unlocks every door");

// Refreshes the client over the forged release and looks for the evil target: refreshCode
// and findCode are the ErrorCode expected at each step, -1 for success (then the client
// found exactly the evil entry).
void checkOutcome(Client &client, const Metadata::TargetFile &evil, int refreshCode, int findCode)
{
    auto refreshed = client.updater->refresh(kStart);
    if (refreshCode >= 0) {
        QVERIFY(!refreshed);
        QCOMPARE(int(refreshed.error().code), refreshCode);
        return;
    }
    QVERIFY2(refreshed.has_value(), refreshed ? "" : qPrintable(refreshed.error().toString()));
    auto found = client.updater->findTarget(evil.path);
    if (findCode >= 0) {
        QVERIFY(!found);
        QCOMPARE(int(found.error().code), findCode);
        return;
    }
    QVERIFY2(found.has_value(), found ? "" : qPrintable(found.error().toString()));
    QCOMPARE(found->length, evil.length);
    QCOMPARE(found->hashes, evil.hashes);
    QCOMPARE(found->ecuSerials, evil.ecuSerials);
}

} // namespace

class TestForgery : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    ManualClock m_clock{kStart};
    std::unique_ptr<OemServices> m_services;

    QString directorDir() const { return *m_services->workspace().directorMetadataDir(DemoFleet::vin()); }
    QString imageDir() const { return m_services->workspace().imageRepoMetadataDir(); }
    Metadata::Encoding encoding() const { return m_services->encoding(); }

    void openWorkspace(Metadata::Encoding encoding)
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        auto services = OemServices::open(m_tmp->filePath(u"ws"_s), encoding, m_clock, true);
        QVERIFY2(services.has_value(), services ? "" : qPrintable(services.error().toString()));
        m_services = std::move(*services);
    }

    StolenKeys topLevelKeys(const QString &dir, bool targets, bool snapshot, bool timestamp,
                            qsizetype targetsCount = -1)
    {
        const Metadata::Root root = currentRoot(dir, encoding());
        StolenKeys stolen;
        if (targets)
            stolen.targets = keysFor(m_services->keys(), root.roles.value(u"targets"_s).keyids, targetsCount);
        if (snapshot)
            stolen.snapshot = keysFor(m_services->keys(), root.roles.value(u"snapshot"_s).keyids);
        if (timestamp)
            stolen.timestamp = keysFor(m_services->keys(), root.roles.value(u"timestamp"_s).keyids);
        return stolen;
    }

    static Metadata::TargetFile evilFor(const QString &path, const QString &serial = {})
    {
        Metadata::TargetFile file = evilImage(path, kEvilBytes, DemoFleet::secondaryHardwareId(), 99);
        if (!serial.isEmpty())
            file.ecuSerials = {serial};
        return file;
    }

    static std::function<void(Metadata::Targets &)> listing(const Metadata::TargetFile &file)
    {
        return [file](Metadata::Targets &body) { body.targets.insert(file.path, file); };
    }

    static void encodings()
    {
        QTest::addColumn<Metadata::Encoding>("encoding");
        QTest::newRow("json") << Metadata::Encoding::Json;
        QTest::newRow("der") << Metadata::Encoding::Der;
    }

private slots:
    void evilImageEntry()
    {
        const Metadata::TargetFile file = evilImage(u"acme/evil.img"_s, kEvilBytes, u"acme-ecu"_s, 7);
        QCOMPARE(file.path, u"acme/evil.img"_s);
        QCOMPARE(file.length, kEvilBytes.size());
        QCOMPARE(file.hashes.value(u"sha256"_s), Crypto::sha256(kEvilBytes));
        QCOMPARE(file.hashes.value(u"sha512"_s), Crypto::sha512(kEvilBytes));
        QCOMPARE(file.hardwareId, std::optional<QString>(u"acme-ecu"_s));
        QCOMPARE(file.releaseCounter, std::optional<qint64>(7));
        // Other bytes: other hashes (the entry really is of these bytes).
        const Metadata::TargetFile other = evilImage(u"acme/evil.img"_s, kEvilBytes + 'x', u"acme-ecu"_s, 7);
        QVERIFY(other.hashes.value(u"sha256"_s) != file.hashes.value(u"sha256"_s));
        QVERIFY(other.length != file.length);
    }

    void noKeysIsInvalid_data() { encodings(); }
    void noKeysIsInvalid()
    {
        QFETCH(Metadata::Encoding, encoding);
        openWorkspace(encoding);
        auto forged = forgeRelease(directorDir(), encoding, u"targets"_s, {}, {}, kStart);
        QVERIFY(!forged);
        QCOMPARE(forged.error().code, ErrorCode::InvalidArgument);
    }

    void missingRepositoryOrRole_data() { encodings(); }
    void missingRepositoryOrRole()
    {
        QFETCH(Metadata::Encoding, encoding);
        openWorkspace(encoding);
        const StolenKeys stolen = topLevelKeys(directorDir(), true, true, true);
        auto noDir = forgeRelease(m_tmp->filePath(u"nowhere"_s), encoding, u"targets"_s, stolen, {}, kStart);
        QVERIFY(!noDir);
        QCOMPARE(noDir.error().code, ErrorCode::NotFound);
        auto noRole = forgeRelease(directorDir(), encoding, u"no-such-role"_s, stolen, {}, kStart);
        QVERIFY(!noRole);
        QCOMPARE(noRole.error().code, ErrorCode::NotFound);
    }

    // A forged release lists its files exactly as RepositoryWriter lists a real one (same
    // names, METAFILES fields and hash algorithms), so nothing but the keys tells them apart.
    void sameShapeAsRealRelease_data() { encodings(); }
    void sameShapeAsRealRelease()
    {
        QFETCH(Metadata::Encoding, encoding);
        openWorkspace(encoding);
        const QString ext = Metadata::fileExtension(encoding);
        auto forged = forgeRelease(imageDir(), encoding, u"targets"_s, topLevelKeys(imageDir(), true, true, true),
                                   {}, kStart);
        QVERIFY2(forged.has_value(), forged ? "" : qPrintable(forged.error().toString()));
        auto readReal = [&](const QString &name) {
            QFile file(imageDir() + u'/' + name);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        auto realTimestamp = Metadata::parse<Metadata::Timestamp>(readReal(u"timestamp."_s + ext), encoding);
        auto fakeTimestamp = Metadata::parse<Metadata::Timestamp>(forged->files.value(u"timestamp."_s + ext), encoding);
        QVERIFY(realTimestamp && fakeTimestamp);
        QCOMPARE(fakeTimestamp->body.version, realTimestamp->body.version + 1);
        QCOMPARE(fakeTimestamp->body.snapshotName, realTimestamp->body.snapshotName);
        QCOMPARE(fakeTimestamp->body.snapshot.hashes.keys(), realTimestamp->body.snapshot.hashes.keys());
        QCOMPARE(fakeTimestamp->body.snapshot.length.has_value(), realTimestamp->body.snapshot.length.has_value());
        // The real snapshot the real timestamp names exists under the name we forge after.
        const QString realSnapshotName = u"%1.snapshot.%2"_s.arg(realTimestamp->body.snapshot.version).arg(ext);
        auto realSnapshot = Metadata::parse<Metadata::Snapshot>(readReal(realSnapshotName), encoding);
        const QString fakeSnapshotName = u"%1.snapshot.%2"_s.arg(fakeTimestamp->body.snapshot.version).arg(ext);
        auto fakeSnapshot = Metadata::parse<Metadata::Snapshot>(forged->files.value(fakeSnapshotName), encoding);
        QVERIFY(realSnapshot && fakeSnapshot);
        QCOMPARE(fakeSnapshot->body.meta.keys(), realSnapshot->body.meta.keys());
        for (auto it = realSnapshot->body.meta.cbegin(); it != realSnapshot->body.meta.cend(); ++it) {
            const Metadata::MetaFile fake = fakeSnapshot->body.meta.value(it.key());
            QCOMPARE(fake.hashes.keys(), it->hashes.keys());
            QCOMPARE(fake.length.has_value(), it->length.has_value());
            // Roles not forged keep their entry; the forged one moves one version on.
            QCOMPARE(fake.version, it.key().startsWith(u"targets."_s) ? it->version + 1 : it->version);
            QVERIFY(readReal(u"%1.%2"_s.arg(it->version).arg(it.key())).size() > 0);
        }
    }

    // Director: which stolen keys make the refresh accept a targets file naming an evil image
    // for the TCU (reference §3.4: with all three online keys the Director level is fooled).
    void directorForgery_data()
    {
        QTest::addColumn<Metadata::Encoding>("encoding");
        QTest::addColumn<bool>("snapshot");
        QTest::addColumn<bool>("timestamp");
        QTest::addColumn<int>("expected");  // -1: accepted
        for (const auto encoding : {Metadata::Encoding::Json, Metadata::Encoding::Der}) {
            const QByteArray name = Metadata::encodingName(encoding).toLatin1();
            QTest::addRow("%s/all online keys", name.constData()) << encoding << true << true << -1;
            QTest::addRow("%s/targets only", name.constData()) << encoding << false << false << int(ErrorCode::ThresholdNotMet);
            QTest::addRow("%s/targets+snapshot", name.constData()) << encoding << true << false << int(ErrorCode::ThresholdNotMet);
            QTest::addRow("%s/targets+timestamp", name.constData()) << encoding << false << true << int(ErrorCode::ThresholdNotMet);
        }
    }
    void directorForgery()
    {
        QFETCH(Metadata::Encoding, encoding);
        QFETCH(bool, snapshot);
        QFETCH(bool, timestamp);
        QFETCH(int, expected);
        openWorkspace(encoding);
        const Metadata::TargetFile evil = evilFor(u"evil-tcu.img"_s, DemoFleet::secondarySerial());
        auto forged = forgeRelease(directorDir(), encoding, u"targets"_s,
                                   topLevelKeys(directorDir(), true, snapshot, timestamp), listing(evil), kStart);
        QVERIFY2(forged.has_value(), forged ? "" : qPrintable(forged.error().toString()));
        QCOMPARE(forged->files.size(), 3);
        const QString ext = Metadata::fileExtension(encoding);
        QVERIFY(forged->files.contains(u"%1.targets.%2"_s.arg(forged->targetsVersion).arg(ext)));
        QVERIFY(forged->files.contains(u"%1.snapshot.%2"_s.arg(forged->snapshotVersion).arg(ext)));
        QVERIFY(forged->files.contains(u"timestamp."_s + ext));

        Client client(directorDir(), encoding, forged->files);
        checkOutcome(client, evil, expected, -1);
        if (expected < 0 && !QTest::currentTestFailed())
            QCOMPARE(client.updater->trusted()->targets(u"targets"_s)->body.version, forged->targetsVersion);
    }

    // Image Repository: its targets role has threshold 2 in the demo; both keys are needed.
    void imageRepositoryForgery_data()
    {
        QTest::addColumn<Metadata::Encoding>("encoding");
        QTest::addColumn<int>("targetsKeys");
        QTest::addColumn<int>("expected");
        for (const auto encoding : {Metadata::Encoding::Json, Metadata::Encoding::Der}) {
            const QByteArray name = Metadata::encodingName(encoding).toLatin1();
            QTest::addRow("%s/both targets keys", name.constData()) << encoding << 2 << -1;
            QTest::addRow("%s/one of two", name.constData()) << encoding << 1 << int(ErrorCode::ThresholdNotMet);
            QTest::addRow("%s/none", name.constData()) << encoding << 0 << int(ErrorCode::ThresholdNotMet);
        }
    }
    void imageRepositoryForgery()
    {
        QFETCH(Metadata::Encoding, encoding);
        QFETCH(int, targetsKeys);
        QFETCH(int, expected);
        openWorkspace(encoding);
        QCOMPARE(currentRoot(imageDir(), encoding).roles.value(u"targets"_s).threshold, 2);
        const Metadata::TargetFile evil = evilFor(u"evil-tcu.img"_s);
        auto forged = forgeRelease(imageDir(), encoding, u"targets"_s,
                                   topLevelKeys(imageDir(), true, true, true, targetsKeys), listing(evil), kStart);
        QVERIFY2(forged.has_value(), forged ? "" : qPrintable(forged.error().toString()));
        Client client(imageDir(), encoding, forged->files);
        checkOutcome(client, evil, expected, -1);
    }

    // supplier-acme's key: only acme/* images, and only with the repository's snapshot and
    // timestamp keys too (the snapshot lists the role's version and hashes).
    void supplierForgery_data()
    {
        QTest::addColumn<Metadata::Encoding>("encoding");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("onlineKeys");
        QTest::addColumn<int>("refreshCode");  // -1: refresh accepted
        QTest::addColumn<int>("findCode");     // -1: the evil target is found
        for (const auto encoding : {Metadata::Encoding::Json, Metadata::Encoding::Der}) {
            const QByteArray name = Metadata::encodingName(encoding).toLatin1();
            QTest::addRow("%s/acme image, online keys", name.constData()) << encoding << u"acme/evil.img"_s << true << -1 << -1;
            QTest::addRow("%s/acme image, supplier key only", name.constData())
                << encoding << u"acme/evil.img"_s << false << int(ErrorCode::ThresholdNotMet) << -1;
            QTest::addRow("%s/outside acme/", name.constData()) << encoding << u"evil.img"_s << true << -1
                                                   << int(ErrorCode::TargetNotFound);
        }
    }
    void supplierForgery()
    {
        QFETCH(Metadata::Encoding, encoding);
        QFETCH(QString, path);
        QFETCH(bool, onlineKeys);
        QFETCH(int, refreshCode);
        QFETCH(int, findCode);
        openWorkspace(encoding);
        const QString role = u"supplier-acme"_s;

        // The delegated key, as the top-level targets role lists it.
        QFile targetsFile(imageDir() + u"/targets."_s + Metadata::fileExtension(encoding));
        QVERIFY(targetsFile.open(QIODevice::ReadOnly));
        auto targets = Metadata::parse<Metadata::Targets>(targetsFile.readAll(), encoding);
        QVERIFY(targets && targets->body.delegations);
        const auto &roles = targets->body.delegations->roles;
        const auto entry = std::ranges::find(roles, role, &Metadata::DelegatedRole::name);
        QVERIFY(entry != roles.end());

        StolenKeys stolen = topLevelKeys(imageDir(), false, onlineKeys, onlineKeys);
        stolen.targets = keysFor(m_services->keys(), entry->keyids);
        const Metadata::TargetFile evil = evilFor(path);
        auto forged = forgeRelease(imageDir(), encoding, role, stolen, listing(evil), kStart);
        QVERIFY2(forged.has_value(), forged ? "" : qPrintable(forged.error().toString()));
        QVERIFY(forged->files.contains(u"%1.%2.%3"_s.arg(forged->targetsVersion).arg(role, Metadata::fileExtension(encoding))));

        Client client(imageDir(), encoding, forged->files);
        checkOutcome(client, evil, refreshCode, findCode);
    }

    // After a rotation the old Director targets key is revoked: what it signs no longer
    // counts, even with the current snapshot and timestamp keys (reference §3.7).
    void revokedKeys_data() { encodings(); }
    void revokedKeys()
    {
        QFETCH(Metadata::Encoding, encoding);
        openWorkspace(encoding);
        const QStringList oldKeyids = currentRoot(directorDir(), encoding).roles.value(u"targets"_s).keyids;
        auto rotated = m_services->director().rotateKeys(DemoFleet::vin(), u"targets"_s);
        QVERIFY2(rotated.has_value(), rotated ? "" : qPrintable(rotated.error().toString()));

        StolenKeys stolen = topLevelKeys(directorDir(), false, true, true);
        for (const QString &name : m_services->keys().revokedNames()) {
            auto key = m_services->keys().loadRevoked(name);
            QVERIFY(key.has_value());
            if (oldKeyids.contains(Metadata::computeKeyId(key->publicKey())))
                stolen.targets.append(*key);
        }
        QCOMPARE(stolen.targets.size(), oldKeyids.size());

        const Metadata::TargetFile evil = evilFor(u"evil-tcu.img"_s, DemoFleet::secondarySerial());
        auto forged = forgeRelease(directorDir(), encoding, u"targets"_s, stolen, listing(evil), kStart);
        QVERIFY2(forged.has_value(), forged ? "" : qPrintable(forged.error().toString()));
        Client client(directorDir(), encoding, forged->files);
        auto refreshed = client.updater->refresh(kStart);
        QVERIFY(!refreshed);
        QCOMPARE(refreshed.error().code, ErrorCode::ThresholdNotMet);
        // The client did follow the rotation to the new root first.
        QVERIFY(client.updater->trusted()->root().body.version >= 2);
    }
};

QTEST_GUILESS_MAIN(TestForgery)
#include "tst_forgery.moc"
