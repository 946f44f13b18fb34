// The acceptance test of the tuf-client: the real uptane-lab binary against two TUF
// repositories that other tools produced (tuf-conformance's static data, see
// shared/interop/README.md), served on 127.0.0.1 by the test server.
//
// Positive: init, refresh and download succeed as of the repository's "faketime", the
// artifact arrives intact and the metadata directory holds the exact bytes served.
// Negative: in a served copy one thing is altered (a signature, a file replaced by another
// version, a target's bytes or length) and the client must fail with the error code of the
// check that catches it, leaving its trusted metadata exactly as it was. We hold no keys of
// these repositories, so any edit inside "signed" necessarily breaks its signatures: such
// rows expect ThresholdNotMet, and BadVersion / RootThresholdOld / HashMismatch /
// LengthMismatch come from substituted files and altered artifacts.

#include "common/error.h"
#include "testhttpserver.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using Uptane::ErrorCode;
using Uptane::Test::TestHttpServer;

Q_DECLARE_METATYPE(Uptane::ErrorCode)

namespace {

using Files = QMap<QString, QByteArray>;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

// Every regular file below dir, by relative path.
Files readTree(const QString &dir)
{
    Files files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        files.insert(QDir(dir).relativeFilePath(path), readFile(path));
    }
    return files;
}

// Copies a tree, making the copies writable (the shared fixtures are read-only).
bool copyTree(const QString &from, const QString &to)
{
    const Files files = readTree(from);
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QString target = to + u'/' + it.key();
        if (!QDir().mkpath(QFileInfo(target).path()) || !writeFile(target, it.value()))
            return false;
    }
    return !files.isEmpty();
}

struct Repository
{
    QString source;       // shared/interop/tuf-real/<name>
    QString targetPath;   // a target the repository lists
    QString faketime;     // "2025-02-09 12:02:08+00:00": when the metadata was valid
};

Repository repository(const QString &name)
{
    const QString source = QStringLiteral(UPTANE_SHARED_DIR) + u"/interop/tuf-real/"_s + name;
    return {source, QString::fromUtf8(readFile(source + u"/targetpath"_s)).trimmed(),
            QString::fromUtf8(readFile(source + u"/faketime"_s)).trimmed()};
}

// The artifact as served under consistent snapshots: targets/<dir>/<sha256>.<name>.
QString servedArtifact(const QString &root, const QString &targetPath)
{
    const QFileInfo target(targetPath);
    const QDir dir(root + u"/targets/"_s + target.path());
    const QStringList matches = dir.entryList({u"*."_s + target.fileName()}, QDir::Files);
    return matches.size() == 1 ? dir.filePath(matches.first()) : QString();
}

// The newest served bytes of a role: metadata/<role>.json or the highest <V>.<role>.json.
QByteArray latestServed(const QString &root, const QString &role)
{
    const QDir dir(root + u"/metadata"_s);
    if (dir.exists(role + u".json"_s))
        return readFile(dir.filePath(role + u".json"_s));
    qint64 best = 0;
    for (const QString &name : dir.entryList({u"*."_s + role + u".json"_s}, QDir::Files)) {
        bool ok = false;
        const qint64 version = name.section(u'.', 0, 0).toLongLong(&ok);
        if (ok && name == QString::number(version) + u'.' + role + u".json"_s)
            best = qMax(best, version);
    }
    return best ? readFile(dir.filePath(QString::number(best) + u'.' + role + u".json"_s)) : QByteArray();
}

// Flips the last hex digit of non-empty "sig" values: all of them, or only the first.
int corruptSignatures(QByteArray &text, bool all)
{
    static const QRegularExpression sig(u"\"sig\"\\s*:\\s*\"([0-9a-fA-F]+)\""_s);
    int corrupted = 0;
    for (auto it = sig.globalMatch(QString::fromLatin1(text)); it.hasNext();) {
        const auto match = it.next();
        const qsizetype last = match.capturedEnd(1) - 1;
        text[last] = text[last] == '0' ? '1' : '0';
        if (++corrupted == 1 && !all)
            break;
    }
    return corrupted;
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    // The ErrorCode name in "... failed: ThresholdNotMet: detail".
    QString errorName() const
    {
        static const QRegularExpression failed(u"failed: (\\w+):"_s);
        return failed.match(err).captured(1);
    }
};

// One tuf-client with its own metadata and target directories, against one server.
class Client
{
public:
    Client(const TestHttpServer &server, QString referenceTime)
        : m_server(server), m_referenceTime(std::move(referenceTime))
    {
    }
    QString metadataDir() const { return m_dir.filePath(u"metadata"_s); }
    QString targetDir() const { return m_dir.filePath(u"targets"_s); }

    Run init(const QString &trustedRoot) const
    {
        return run({u"--metadata-dir"_s, metadataDir(), u"init"_s, trustedRoot});
    }
    Run refresh() const { return run(common() << u"refresh"_s); }
    Run download(const QString &targetPath) const
    {
        return run(common() << u"--target-name"_s << targetPath << u"--target-base-url"_s
                            << m_server.url(u"/targets/"_s) << u"--target-dir"_s << targetDir()
                            << u"download"_s);
    }
    Run command(const QString &name, const QString &targetPath) const
    {
        return name == u"download" ? download(targetPath) : refresh();
    }

private:
    QStringList common() const
    {
        QStringList arguments{u"--metadata-dir"_s, metadataDir(), u"--metadata-url"_s,
                              m_server.url(u"/metadata/"_s)};
        if (!m_referenceTime.isEmpty())
            arguments << u"--reference-time"_s << m_referenceTime;
        return arguments;
    }
    static Run run(const QStringList &arguments)
    {
        QProcess process;
        process.start(QStringLiteral(UPTANE_LAB_BINARY), QStringList{u"tuf-client"_s} + arguments);
        Run result;
        if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit) {
            process.kill();
            process.waitForFinished();
            result.err = u"tuf-client %1 did not finish normally: "_s.arg(arguments.join(u' '))
                         + QString::fromUtf8(process.readAllStandardError());
            return result;
        }
        result.exitCode = process.exitCode();
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    const TestHttpServer &m_server;
    QString m_referenceTime;
    QTemporaryDir m_dir;
};

// A served, writable copy of a repository.
struct Served
{
    explicit Served(const Repository &repo)
    {
        copied = copyTree(repo.source, dir.path());
        server.setDocumentRoot(dir.path());
    }
    QString path(const QString &relative) const { return dir.filePath(relative); }

    QTemporaryDir dir;
    TestHttpServer server;
    bool copied = false;
};

enum class Mutation {
    CorruptAllSignatures,   // file: every non-empty signature
    CorruptOneSignature,    // file: the first non-empty signature
    Replace,                // file: the one occurrence of `from` becomes `to`
    ServeCopy,              // the file `to` gets the bytes of the file `from`
    ServeCorruptedCopy,     // the same, with every signature corrupted
    FlipArtifactByte,       // the target's first byte
    TruncateArtifact,       // the target without its last byte
    ExtendArtifact,         // the target with one more byte
};

} // namespace

Q_DECLARE_METATYPE(Mutation)

class TestInterop : public QObject
{
    Q_OBJECT

private:
    // Applies one mutation to the served copy; false (with a test failure) if it cannot.
    static bool mutate(const Served &served, const QString &targetPath, Mutation mutation,
                       const QString &file, const QByteArray &from, const QByteArray &to)
    {
        const QString artifact = servedArtifact(served.dir.path(), targetPath);
        QByteArray bytes = readFile(served.path(file));
        QByteArray artifactBytes = readFile(artifact);
        switch (mutation) {
        case Mutation::CorruptAllSignatures:
        case Mutation::CorruptOneSignature:
            if (corruptSignatures(bytes, mutation == Mutation::CorruptAllSignatures) == 0)
                return false;
            return writeFile(served.path(file), bytes);
        case Mutation::Replace:
            if (bytes.count(from) != 1)
                return false;
            return writeFile(served.path(file), bytes.replace(from, to));
        case Mutation::ServeCopy:
        case Mutation::ServeCorruptedCopy:
            bytes = readFile(served.path(QString::fromUtf8(from)));
            if (bytes.isEmpty())
                return false;
            if (mutation == Mutation::ServeCorruptedCopy && corruptSignatures(bytes, true) == 0)
                return false;
            return writeFile(served.path(QString::fromUtf8(to)), bytes);
        case Mutation::FlipArtifactByte:
            artifactBytes[0] = char(artifactBytes[0] ^ 0x01);
            return writeFile(artifact, artifactBytes);
        case Mutation::TruncateArtifact:
            artifactBytes.chop(1);
            return writeFile(artifact, artifactBytes);
        case Mutation::ExtendArtifact:
            return writeFile(artifact, artifactBytes + '\n');
        }
        return false;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(QStringLiteral(UPTANE_LAB_BINARY)), "build the uptane-lab target first");
        for (const QString &name : {u"sigstore-root-signing"_s, u"tuf-on-ci-0.11"_s}) {
            const Repository repo = repository(name);
            QVERIFY2(!repo.targetPath.isEmpty() && !repo.faketime.isEmpty(), qPrintable(repo.source));
            QVERIFY(!servedArtifact(repo.source, repo.targetPath).isEmpty());
        }
    }

    void refreshesAndDownloads_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("isoTime");
        for (const QString &name : {u"sigstore-root-signing"_s, u"tuf-on-ci-0.11"_s}) {
            QTest::addRow("%s, faketime as written", qPrintable(name)) << name << false;
            QTest::addRow("%s, faketime as ISO 8601 Z", qPrintable(name)) << name << true;
        }
    }
    void refreshesAndDownloads()
    {
        QFETCH(QString, name);
        QFETCH(bool, isoTime);
        const Repository repo = repository(name);
        Served served(repo);
        QVERIFY(served.copied);
        QString time = repo.faketime;
        if (isoTime)
            time = QDateTime::fromString(time, Qt::ISODate).toUTC().toString(Qt::ISODate);
        const Client client(served.server, time);

        const Run init = client.init(repo.source + u"/initial_root.json"_s);
        QVERIFY2(init.exitCode == 0, qPrintable(init.err));
        QVERIFY(served.server.requests().isEmpty());  // init makes no requests
        QCOMPARE(readFile(client.metadataDir() + u"/root.json"_s), readFile(repo.source + u"/initial_root.json"_s));

        const Run refresh = client.refresh();
        QVERIFY2(refresh.exitCode == 0, qPrintable(refresh.err));
        const Run download = client.download(repo.targetPath);
        QVERIFY2(download.exitCode == 0, qPrintable(download.err));

        // The artifact, stored under python-tuf's name for it: quote(targetpath, '').
        const QString stored = QString::fromLatin1(QUrl::toPercentEncoding(repo.targetPath));
        QCOMPARE(QDir(client.targetDir()).entryList(QDir::Files), QStringList{stored});
        QCOMPARE(readFile(client.targetDir() + u'/' + stored),
                 readFile(servedArtifact(repo.source, repo.targetPath)));

        // The metadata directory: unversioned names, the exact bytes of the newest versions.
        const Files metadata = readTree(client.metadataDir());
        for (const QString &role : {u"root"_s, u"timestamp"_s, u"snapshot"_s, u"targets"_s})
            QVERIFY2(metadata.contains(role + u".json"_s), qPrintable(role));
        for (auto it = metadata.cbegin(); it != metadata.cend(); ++it) {
            const QString role = it.key().chopped(int(qstrlen(".json")));
            QVERIFY2(it.value() == latestServed(repo.source, role), qPrintable(it.key()));
        }

        // Artifact cache (CLIENT-CLI.md): a second download fetches no target; a second
        // refresh changes nothing.
        served.server.clearRequests();
        const Run again = client.download(repo.targetPath);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        for (const QString &path : served.server.requestedPaths())
            QVERIFY2(!path.startsWith(u"/targets/"_s), qPrintable(path));
        const Run refreshAgain = client.refresh();
        QVERIFY2(refreshAgain.exitCode == 0, qPrintable(refreshAgain.err));
        QCOMPARE(readTree(client.metadataDir()), metadata);
    }

    // Signatures beyond the threshold may be bad: sigstore's targets needs 3 of 5.
    void acceptsBadSignaturesAboveThreshold()
    {
        const Repository repo = repository(u"sigstore-root-signing"_s);
        Served served(repo);
        QVERIFY(served.copied);
        QVERIFY(mutate(served, repo.targetPath, Mutation::CorruptOneSignature,
                       u"metadata/11.targets.json"_s, {}, {}));
        const Client client(served.server, repo.faketime);
        QCOMPARE(client.init(repo.source + u"/initial_root.json"_s).exitCode, 0);
        const Run download = client.download(repo.targetPath);
        QVERIFY2(download.exitCode == 0, qPrintable(download.err));
    }

    void rejectsTamperedRepositories_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("command");
        // What the client did before the server was tampered with: nothing but init (""), a
        // good refresh, or a good download (whose artifact is then deleted), so that the
        // tampered file arrives as an update and the trusted metadata must stay as it was.
        QTest::addColumn<QString>("prepare");
        QTest::addColumn<Mutation>("mutation");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<ErrorCode>("expected");
        QTest::addColumn<QString>("failedRole");  // fresh rows: the role that must not be stored

        const QString sigstore = u"sigstore-root-signing"_s;
        const QString tufOnCi = u"tuf-on-ci-0.11"_s;
        const QString refresh = u"refresh"_s;
        const QString download = u"download"_s;
        const QByteArray none;
        using M = Mutation;
        using E = ErrorCode;

        // TUF 5.4.2: the timestamp's signature.
        QTest::newRow("sigstore: timestamp signature") << sigstore << refresh << refresh
            << M::CorruptAllSignatures << u"metadata/timestamp.json"_s << none << none << E::ThresholdNotMet << QString();
        QTest::newRow("tuf-on-ci: timestamp signature") << tufOnCi << refresh << refresh
            << M::CorruptAllSignatures << u"metadata/timestamp.json"_s << none << none << E::ThresholdNotMet << QString();
        // Edits inside "signed" break the signatures before anything else is looked at.
        QTest::newRow("sigstore: timestamp version") << sigstore << refresh << refresh
            << M::Replace << u"metadata/timestamp.json"_s << QByteArray("\"version\": 272")
            << QByteArray("\"version\": 273") << E::ThresholdNotMet << QString();
        QTest::newRow("sigstore: snapshot version in timestamp meta") << sigstore << refresh << refresh
            << M::Replace << u"metadata/timestamp.json"_s << QByteArray("\"version\": 159")
            << QByteArray("\"version\": 158") << E::ThresholdNotMet << QString();
        // TUF 5.3.4/5.3.5: the next root.
        QTest::newRow("sigstore: 13.root.json is root 12") << sigstore << refresh << refresh
            << M::ServeCopy << QString() << QByteArray("metadata/12.root.json")
            << QByteArray("metadata/13.root.json") << E::BadVersion << QString();
        QTest::newRow("tuf-on-ci: 2.root.json is root 1") << tufOnCi << refresh << refresh
            << M::ServeCopy << QString() << QByteArray("metadata/1.root.json")
            << QByteArray("metadata/2.root.json") << E::BadVersion << QString();
        QTest::newRow("sigstore: next root's signatures") << sigstore << refresh << refresh
            << M::ServeCorruptedCopy << QString() << QByteArray("metadata/12.root.json")
            << QByteArray("metadata/13.root.json") << E::RootThresholdOld << QString();
        QTest::newRow("tuf-on-ci: next root's signature") << tufOnCi << refresh << refresh
            << M::ServeCorruptedCopy << QString() << QByteArray("metadata/1.root.json")
            << QByteArray("metadata/2.root.json") << E::RootThresholdOld << QString();
        // TUF 5.5.3: the snapshot (fetched only by a client that has none yet).
        QTest::newRow("sigstore: snapshot signature") << sigstore << refresh << QString()
            << M::CorruptAllSignatures << u"metadata/159.snapshot.json"_s << none << none
            << E::ThresholdNotMet << u"snapshot"_s;
        QTest::newRow("tuf-on-ci: snapshot signature") << tufOnCi << refresh << QString()
            << M::CorruptAllSignatures << u"metadata/2.snapshot.json"_s << none << none
            << E::ThresholdNotMet << u"snapshot"_s;
        QTest::newRow("sigstore: hash in snapshot meta") << sigstore << refresh << QString()
            << M::Replace << u"metadata/159.snapshot.json"_s
            << QByteArray("9d2e1a5842937d8e0d3e3759170b0ad15c56c5df36afc5cf73583ddd283a463b")
            << QByteArray("0d2e1a5842937d8e0d3e3759170b0ad15c56c5df36afc5cf73583ddd283a463b")
            << E::ThresholdNotMet << u"snapshot"_s;
        // TUF 5.6.3: top-level targets.
        QTest::newRow("sigstore: targets signatures") << sigstore << refresh << QString()
            << M::CorruptAllSignatures << u"metadata/11.targets.json"_s << none << none
            << E::ThresholdNotMet << u"targets"_s;
        QTest::newRow("tuf-on-ci: targets signature") << tufOnCi << refresh << QString()
            << M::CorruptAllSignatures << u"metadata/1.targets.json"_s << none << none
            << E::ThresholdNotMet << u"targets"_s;
        QTest::newRow("sigstore: length in targets") << sigstore << download << QString()
            << M::Replace << u"metadata/11.targets.json"_s << QByteArray("\"length\": 4537")
            << QByteArray("\"length\": 4538") << E::ThresholdNotMet << u"targets"_s;
        // TUF 5.6.7: a delegated role, checked with its delegator's keys and the snapshot.
        QTest::newRow("tuf-on-ci: delegated role signature") << tufOnCi << download << refresh
            << M::CorruptAllSignatures << u"metadata/2.delegatedrole.json"_s << none << none
            << E::ThresholdNotMet << QString();
        // Top-level targets v1 served as the delegated role: signed by a key the delegation
        // trusts, but not the version the snapshot lists (5.6.4).
        QTest::newRow("tuf-on-ci: delegated role is version 1") << tufOnCi << download << refresh
            << M::ServeCopy << QString() << QByteArray("metadata/1.targets.json")
            << QByteArray("metadata/2.delegatedrole.json") << E::BadVersion << QString();
        // TUF 5.7.3: the artifact.
        for (const QString &name : {sigstore, tufOnCi}) {
            const QByteArray prefix = name.toUtf8();
            QTest::addRow("%s: artifact bytes", prefix.constData()) << name << download << download
                << M::FlipArtifactByte << QString() << none << none << E::HashMismatch << QString();
            QTest::addRow("%s: artifact one byte short", prefix.constData()) << name << download << download
                << M::TruncateArtifact << QString() << none << none << E::LengthMismatch << QString();
            QTest::addRow("%s: artifact one byte long", prefix.constData()) << name << download << download
                << M::ExtendArtifact << QString() << none << none << E::LengthMismatch << QString();
        }
    }
    void rejectsTamperedRepositories()
    {
        QFETCH(QString, name);
        QFETCH(QString, command);
        QFETCH(QString, prepare);
        QFETCH(Mutation, mutation);
        QFETCH(QString, file);
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(ErrorCode, expected);
        QFETCH(QString, failedRole);

        const Repository repo = repository(name);
        Served served(repo);
        QVERIFY(served.copied);
        const Client client(served.server, repo.faketime);
        const Run init = client.init(repo.source + u"/initial_root.json"_s);
        QVERIFY2(init.exitCode == 0, qPrintable(init.err));
        if (!prepare.isEmpty()) {
            const Run good = client.command(prepare, repo.targetPath);
            QVERIFY2(good.exitCode == 0, qPrintable(good.err));
            QVERIFY(QDir(client.targetDir()).removeRecursively());
        }
        const Files before = readTree(client.metadataDir());

        QVERIFY(mutate(served, repo.targetPath, mutation, file, from, to));

        const Run run = client.command(command, repo.targetPath);
        QVERIFY2(run.exitCode == 1, qPrintable(u"exit %1: %2"_s.arg(run.exitCode).arg(run.err)));
        QVERIFY2(run.errorName() == Uptane::errorCodeName(expected), qPrintable(run.err));

        // Nothing that failed a check was stored, nothing trusted was lost.
        const Files after = readTree(client.metadataDir());
        if (!prepare.isEmpty()) {
            QCOMPARE(after, before);
        } else {
            QVERIFY(!after.contains(failedRole + u".json"_s));
            for (auto it = before.cbegin(); it != before.cend(); ++it)
                QVERIFY2(after.value(it.key()) == it.value(), qPrintable(it.key()));
            for (auto it = after.cbegin(); it != after.cend(); ++it) {
                const QString role = it.key().chopped(int(qstrlen(".json")));
                QVERIFY2(it.value() == latestServed(repo.source, role), qPrintable(it.key()));
            }
        }
        QVERIFY(readTree(client.targetDir()).isEmpty());
    }

    // TUF 5.3.10 (freeze attack): past the expiry, the repository is refused.
    void rejectsExpiredRepositories_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("referenceTime");  // empty: now
        // sigstore's metadata expired days after it was captured; tuf-on-ci's lasts to 2044.
        QTest::newRow("sigstore, now") << u"sigstore-root-signing"_s << QString();
        QTest::newRow("tuf-on-ci, 2045") << u"tuf-on-ci-0.11"_s << u"2045-01-01T00:00:00Z"_s;
    }
    void rejectsExpiredRepositories()
    {
        QFETCH(QString, name);
        QFETCH(QString, referenceTime);
        const Repository repo = repository(name);
        Served served(repo);
        QVERIFY(served.copied);
        const Client client(served.server, referenceTime);
        QCOMPARE(client.init(repo.source + u"/initial_root.json"_s).exitCode, 0);
        const Files before = readTree(client.metadataDir());
        for (const QString &command : {u"refresh"_s, u"download"_s}) {
            const Run run = client.command(command, repo.targetPath);
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.errorName() == Uptane::errorCodeName(ErrorCode::Expired), qPrintable(run.err));
        }
        QCOMPARE(readTree(client.metadataDir()), before);
        QVERIFY(readTree(client.targetDir()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestInterop)
#include "tst_interop.moc"
