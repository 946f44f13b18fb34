#include "tufclientcommand.h"

#include "crypto/hash.h"
#include "metadata/types.h"
#include "net/curlfetcher.h"
#include "verify/metadatastore.h"
#include "verify/updater.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>
#include <QUrl>

#include <cstdio>
#include <optional>
#include <variant>

using namespace Qt::StringLiterals;

namespace Uptane::Cli {

namespace {

enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

// The translation context of every user-visible text of this command.
class TufClient
{
    Q_DECLARE_TR_FUNCTIONS(TufClient)
};

void print(FILE *stream, const QString &text)
{
    QTextStream out(stream);
    out << text;
}

QString helpText()
{
    return TufClient::tr("Usage: uptane-lab tuf-client [OPTIONS] COMMAND [ARGS]\n"
              "\n"
              "A TUF 1.0 client following the tuf-conformance client CLI protocol.\n"
              "\n"
              "Commands:\n"
              "  init TRUSTED_ROOT   trust TRUSTED_ROOT (copied to METADATA_DIR, no requests)\n"
              "  refresh             update the top-level metadata from METADATA_URL\n"
              "  download            refresh, then download TARGET_PATH into TARGET_DIR\n"
              "\n"
              "Options:\n"
              "  --metadata-dir DIR        where trusted metadata is kept (always required)\n"
              "  --metadata-url URL        the repository's metadata (refresh, download)\n"
              "  --target-name PATH        the target path to download (download)\n"
              "  --target-base-url URL     the repository's targets (download)\n"
              "  --target-dir DIR          where downloaded targets are stored (download)\n"
              "  --reference-time TIME     check expiry as of TIME, ISO 8601 with a time zone\n"
              "                            (\"2025-02-09T12:02:08Z\" or \"2025-02-09 12:02:08+00:00\";\n"
              "                            without a zone: UTC); default: now\n"
              "  --encoding json|der       metadata encoding (default: json)\n"
              "  -h, --help                show this help and exit\n"
              "\n"
              "Exit status: 0 on success, 1 when the command failed (the reason is printed on\n"
              "stderr), 2 on usage errors.\n");
}

int usageError(const QString &message)
{
    print(stderr, TufClient::tr("uptane-lab tuf-client: %1\n").arg(message)
                      + TufClient::tr("Try 'uptane-lab tuf-client --help'.\n"));
    return UsageError;
}

int failure(const QString &what, const Error &error)
{
    print(stderr, TufClient::tr("uptane-lab tuf-client: %1 failed: %2\n").arg(what, error.toString()));
    return Failure;
}

// The validated command line.
struct Options
{
    QString command;
    QString trustedRoot;       // init
    QString metadataDir;
    QString metadataUrl;
    QString targetName;
    QString targetBaseUrl;
    QString targetDir;
    QDateTime referenceTime;   // UTC, whole seconds
    Metadata::Encoding encoding = Metadata::Encoding::Json;
};

// ISO 8601 date and time; a missing zone means UTC. The fixtures' "faketime" files use a
// space instead of the 'T', which Qt's ISO parser accepts too.
std::optional<QDateTime> parseReferenceTime(const QString &text)
{
    if (!text.contains(u':'))  // a date alone is not a point in time
        return std::nullopt;
    QDateTime time = QDateTime::fromString(text.trimmed(), Qt::ISODate);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    time = time.toUTC();
    return time.addMSecs(-time.time().msec());
}

// Parses arguments into options; on failure returns the exit code to end with.
std::variant<Options, int> parseArguments(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption help(QStringList{u"h"_s, u"help"_s});
    const QCommandLineOption metadataDir(u"metadata-dir"_s, QString(), u"DIR"_s);
    const QCommandLineOption metadataUrl(u"metadata-url"_s, QString(), u"URL"_s);
    const QCommandLineOption targetName(u"target-name"_s, QString(), u"PATH"_s);
    const QCommandLineOption targetBaseUrl(u"target-base-url"_s, QString(), u"URL"_s);
    const QCommandLineOption targetDir(u"target-dir"_s, QString(), u"DIR"_s);
    const QCommandLineOption referenceTime(u"reference-time"_s, QString(), u"TIME"_s);
    const QCommandLineOption encoding(u"encoding"_s, QString(), u"ENCODING"_s, u"json"_s);
    parser.addOptions({help, metadataDir, metadataUrl, targetName, targetBaseUrl, targetDir,
                       referenceTime, encoding});

    if (!parser.parse(QStringList{u"uptane-lab tuf-client"_s} + arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        print(stdout, helpText());
        return Success;
    }

    Options options;
    const QStringList positional = parser.positionalArguments();
    options.command = positional.value(0);
    if (options.command.isEmpty())
        return usageError(TufClient::tr("missing command (init, refresh or download)"));

    QList<const QCommandLineOption *> required{&metadataDir};
    qsizetype expectedArguments = 0;
    if (options.command == u"init") {
        expectedArguments = 1;
    } else if (options.command == u"refresh") {
        required << &metadataUrl;
    } else if (options.command == u"download") {
        required << &metadataUrl << &targetName << &targetBaseUrl << &targetDir;
    } else {
        return usageError(TufClient::tr("unknown command '%1'").arg(options.command));
    }
    if (positional.size() - 1 != expectedArguments) {
        return usageError(expectedArguments == 1
                              ? TufClient::tr("'%1' needs exactly one argument").arg(options.command)
                              : TufClient::tr("'%1' takes no arguments").arg(options.command));
    }
    for (const QCommandLineOption *option : required) {
        if (parser.value(*option).isEmpty())
            return usageError(TufClient::tr("'%1' needs --%2").arg(options.command, option->names().first()));
    }

    options.trustedRoot = positional.value(1);
    options.metadataDir = parser.value(metadataDir);
    options.metadataUrl = parser.value(metadataUrl);
    options.targetName = parser.value(targetName);
    options.targetBaseUrl = parser.value(targetBaseUrl);
    options.targetDir = parser.value(targetDir);

    const auto chosenEncoding = Metadata::encodingFromName(parser.value(encoding));
    if (!chosenEncoding)
        return usageError(TufClient::tr("unknown encoding '%1' (json or der)").arg(parser.value(encoding)));
    options.encoding = *chosenEncoding;

    if (parser.isSet(referenceTime)) {
        const auto time = parseReferenceTime(parser.value(referenceTime));
        if (!time)
            return usageError(TufClient::tr("invalid --reference-time '%1'").arg(parser.value(referenceTime)));
        options.referenceTime = *time;
    } else {
        options.referenceTime = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    }
    return options;
}

// The file name python-tuf gives a target in the target directory: the whole target path
// percent-encoded with nothing kept safe (urllib.parse.quote(path, '')), so "a/b" is "a%2Fb".
// "." and ".." stay unencoded by that rule; encode them so they can never name a directory.
QString targetFileName(const QString &targetPath)
{
    QString name = QString::fromLatin1(QUrl::toPercentEncoding(targetPath));
    if (name == u"." || name == u"..")
        name.replace(u'.', u"%2E"_s);
    return name;
}

// Artifact cache (CLIENT-CLI.md): an existing file with the listed length and every listed
// hash of a known algorithm (at least one) needs no download.
bool alreadyDownloaded(const Metadata::TargetFile &target, const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile() || info.size() != target.length)
        return false;
    int checked = 0;
    for (auto it = target.hashes.cbegin(); it != target.hashes.cend(); ++it) {
        const auto algorithm = Crypto::hashAlgorithmFromName(it.key());
        if (!algorithm)
            continue;
        const auto digest = Crypto::hashFile(*algorithm, path);
        if (!digest || !Crypto::constantTimeEquals(*digest, it.value()))
            return false;
        ++checked;
    }
    return checked > 0;
}

int runInit(const Options &options)
{
    // CLIENT-CLI.md: copy the trusted root, no checks and no requests; refresh verifies it.
    QFile file(options.trustedRoot);
    if (!file.open(QIODevice::ReadOnly))
        return failure(u"init"_s, Error{ErrorCode::IoError, file.fileName() + u": " + file.errorString()});
    const QByteArray bytes = file.readAll();
    if (!QDir().mkpath(options.metadataDir))
        return failure(u"init"_s, Error{ErrorCode::IoError, u"cannot create "_s + options.metadataDir});
    Verify::DirectoryStore store(options.metadataDir, Metadata::fileExtension(options.encoding));
    if (const auto stored = store.store(u"root"_s, bytes); !stored)
        return failure(u"init"_s, stored.error());
    print(stdout, TufClient::tr("Initialized %1 with trusted root %2\n").arg(options.metadataDir, options.trustedRoot));
    return Success;
}

int runRefreshOrDownload(const Options &options)
{
    Verify::DirectoryStore store(options.metadataDir, Metadata::fileExtension(options.encoding));
    Net::CurlFetcher fetcher;
    Verify::UpdaterConfig config;
    config.metadataBaseUrl = options.metadataUrl;
    config.targetBaseUrl = options.targetBaseUrl;
    config.encoding = options.encoding;
    Verify::Updater updater(config, store, fetcher);

    // CLIENT-CLI.md: a download first makes sure the metadata is up to date.
    if (const auto refreshed = updater.refresh(options.referenceTime); !refreshed)
        return failure(u"refresh"_s, refreshed.error());
    if (options.command == u"refresh") {
        print(stdout, TufClient::tr("Refreshed metadata in %1\n").arg(options.metadataDir));
        return Success;
    }

    const auto target = updater.findTarget(options.targetName);
    if (!target)
        return failure(u"download"_s, target.error());
    const QString path = QDir(options.targetDir).filePath(targetFileName(options.targetName));
    if (alreadyDownloaded(*target, path)) {
        print(stdout, TufClient::tr("%1 is already up to date in %2\n").arg(options.targetName, path));
        return Success;
    }
    if (const auto downloaded = updater.downloadTarget(*target, path); !downloaded)
        return failure(u"download"_s, downloaded.error());
    print(stdout, TufClient::tr("Downloaded %1 to %2\n").arg(options.targetName, path));
    return Success;
}

} // namespace

int runTufClient(const QStringList &arguments)
{
    const auto parsed = parseArguments(arguments);
    if (const int *exitCode = std::get_if<int>(&parsed))
        return *exitCode;
    const Options &options = std::get<Options>(parsed);
    if (options.command == u"init")
        return runInit(options);
    return runRefreshOrDownload(options);
}

} // namespace Uptane::Cli
