#include "servecommand.h"

#include "cliutil.h"

#include "lab/oemhost.h"
#include "services/oemservices.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <optional>
#include <sys/socket.h>
#include <unistd.h>
#include <variant>

using namespace Qt::StringLiterals;

namespace Uptane::Cli {

namespace {

class Serve
{
    Q_DECLARE_TR_FUNCTIONS(Serve)
};

void print(FILE *stream, const QString &text)
{
    printNow(stream, text);
}

QString helpText()
{
    return Serve::tr("Usage: uptane-lab serve --workspace DIR [OPTIONS]\n"
              "\n"
              "Serves the OEM side of Uptane (Image Repository, Director, Time Server) of one\n"
              "workspace over HTTP on 127.0.0.1 until SIGINT or SIGTERM. A new workspace gets\n"
              "the demo fleet: vehicle democar with Primary INFOdemocar and Secondary TCUdemocar.\n"
              "Prints the base URL (http://127.0.0.1:PORT/) on the first line of stdout.\n"
              "\n"
              "Routes:\n"
              "  GET  /imagerepo/metadata/FILE   GET  /imagerepo/targets/PATH\n"
              "  GET  /director/VIN/metadata/FILE\n"
              "  POST /director/VIN/manifest     POST /timeserver/attestation\n"
              "\n"
              "Options:\n"
              "  --workspace DIR            the workspace directory (created when absent)\n"
              "  --port N                   port on 127.0.0.1 (default: an ephemeral port)\n"
              "  --encoding json|der        metadata encoding of a new workspace (default: json;\n"
              "                             an existing workspace keeps its own)\n"
              "  --publish-interval-ms N    republish every repository with new versions every\n"
              "                             N milliseconds (soak and demo knob)\n"
              "  --verbose                  print every event on stderr\n"
              "  -h, --help                 show this help and exit\n"
              "\n"
              "Exit status: 0 after SIGINT/SIGTERM, 1 when the workspace or port cannot be\n"
              "opened, 2 on usage errors.\n");
}

int usageError(const QString &message)
{
    print(stderr, Serve::tr("uptane-lab serve: %1\n").arg(message)
                      + Serve::tr("Try 'uptane-lab serve --help'.\n"));
    return UsageError;
}

std::variant<Lab::OemHostOptions, int> parseArguments(const QStringList &arguments, bool &verbose)
{
    QCommandLineParser parser;
    const QCommandLineOption help(QStringList{u"h"_s, u"help"_s});
    const QCommandLineOption workspace(u"workspace"_s, QString(), u"DIR"_s);
    const QCommandLineOption port(u"port"_s, QString(), u"N"_s);
    const QCommandLineOption encoding(u"encoding"_s, QString(), u"ENCODING"_s);
    const QCommandLineOption publishInterval(u"publish-interval-ms"_s, QString(), u"N"_s);
    const QCommandLineOption verboseOption(u"verbose"_s);
    parser.addOptions({help, workspace, port, encoding, publishInterval, verboseOption});
    if (!parser.parse(QStringList{u"uptane-lab serve"_s} + arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        print(stdout, helpText());
        return int(Success);
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(Serve::tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    for (const QCommandLineOption *option : {&workspace, &port, &encoding, &publishInterval}) {
        if (parser.values(*option).size() > 1)
            return usageError(Serve::tr("--%1 given more than once").arg(option->names().first()));
    }
    Lab::OemHostOptions options;
    options.workspace = parser.value(workspace);
    if (options.workspace.isEmpty())
        return usageError(Serve::tr("--workspace DIR is required"));
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535)
            return usageError(Serve::tr("--port must be a number from 0 to 65535"));
        options.port = quint16(value);
    }
    if (parser.isSet(encoding)) {
        auto parsed = Metadata::encodingFromName(parser.value(encoding));
        if (!parsed)
            return usageError(Serve::tr("--encoding must be json or der"));
        options.encoding = *parsed;
    }
    if (parser.isSet(publishInterval)) {
        bool ok = false;
        const int value = parser.value(publishInterval).toInt(&ok);
        if (!ok || value <= 0)
            return usageError(Serve::tr("--publish-interval-ms must be a positive number"));
        options.publishIntervalMs = value;
    }
    verbose = parser.isSet(verboseOption);
    return options;
}

// SIGINT/SIGTERM -> one byte on a socket pair -> the event loop quits (a signal handler may
// only do async-signal-safe things such as write()).
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const int saved = errno;
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[0], &byte, 1);
    errno = saved;
}

bool installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

} // namespace

int runServe(const QStringList &arguments)
{
    bool verbose = false;
    auto parsed = parseArguments(arguments, verbose);
    if (const int *exitCode = std::get_if<int>(&parsed))
        return *exitCode;
    const Lab::OemHostOptions options = std::get<Lab::OemHostOptions>(parsed);

    // Before anything can take long: a signal during start-up still ends the run cleanly.
    if (!installSignalHandlers()) {
        print(stderr, Serve::tr("uptane-lab serve: cannot install signal handlers\n"));
        return Failure;
    }
    QSocketNotifier notifier(g_signalPipe[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &notifier, [] {
        char byte = 0;
        [[maybe_unused]] const ssize_t got = ::read(g_signalPipe[1], &byte, 1);
        QCoreApplication::quit();
    });

    Lab::OemHost host(options);
    if (verbose) {
        QObject::connect(&host, &Lab::OemHost::eventEmitted, &host, [](const LabEvent &event) {
            print(stderr, formatLabEvent(event) + u'\n');
        });
    }
    if (auto started = host.start(); !started) {
        print(stderr, Serve::tr("uptane-lab serve: %1\n").arg(started.error().toString()));
        return Failure;
    }
    print(stdout, host.baseUrl() + u'\n');
    const int status = QCoreApplication::exec();
    return status == 0 ? Success : Failure;
}

} // namespace Uptane::Cli
