// uptane-lab entry point: runs the crypto self-test, then either a headless command
// (tuf-client, serve, scenarios, run ...) on a QCoreApplication or the desktop demonstrator on a QApplication.

#include "crypto/selftest.h"
#include "lab/versions.h"
#include "net/curlfetcher.h"
#include "runcommand.h"
#include "servecommand.h"
#include "tufclientcommand.h"

#include <QCoreApplication>
#include <QTextStream>

#ifdef UPTANE_WITH_GUI
#include "widgets/mainwindow.h"
#include <QApplication>
#include <QMessageBox>
#endif

#include <cstdio>
#include <memory>
#include <utility>

namespace {

QString usage()
{
    return QCoreApplication::translate("main",
        "Usage: uptane-lab [COMMAND] [OPTIONS]\n"
        "\n"
        "Without a command, starts the Uptane Lab desktop demonstrator.\n"
        "\n"
        "Commands:\n"
        "  scenarios    list the scenarios of the attack catalogue (ID and title)\n"
        "  run          play scenarios headless and compare every step with what it\n"
        "               expects; see 'uptane-lab run --help'\n"
        "  serve        the OEM services of a workspace over HTTP on 127.0.0.1;\n"
        "               see 'uptane-lab serve --help'\n"
        "  tuf-client   a TUF 1.0 client (tuf-conformance CLI protocol: init, refresh,\n"
        "               download); see 'uptane-lab tuf-client --help'\n"
        "\n"
        "Options:\n"
        "  -h, --help     show this help and exit\n"
        "  -v, --version  show the version and exit\n");
}

int printTo(FILE *stream, const QString &text)
{
    QTextStream out(stream);
    out << text;
    return 0;
}

// The first line stays "uptane-lab <version>" (scripts read it); then the libraries we run on.
QString versionText()
{
    QString text = QStringLiteral("uptane-lab " UPTANE_VERSION "\n");
    for (const auto &library : Uptane::Lab::libraryVersions())
        text += u"  " + library.name + u' ' + library.version + u'\n';
    return text;
}

bool selfTestPasses()
{
    const auto result = Uptane::Crypto::runSelfTest();
    if (result)
        return true;
    printTo(stderr, QCoreApplication::translate("main",
                        "uptane-lab: crypto self-test failed, refusing to start: %1\n")
                        .arg(result.error().toString()));
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    const QString command = args.value(0);

    // Headless paths first: they must never need a display.
    if (command == u"--version" || command == u"-v") {
        QCoreApplication app(argc, argv);
        return printTo(stdout, versionText());
    }
    if (command == u"--help" || command == u"-h") {
        QCoreApplication app(argc, argv);
        return printTo(stdout, usage());
    }
    // The headless commands; every one but the catalogue's list trusts its crypto only after
    // the self-test.
    using Command = int (*)(const QStringList &);
    static const std::pair<const char16_t *, std::pair<Command, bool>> commands[] = {
        {u"tuf-client", {Uptane::Cli::runTufClient, true}},
        {u"serve", {Uptane::Cli::runServe, true}},
        {u"scenarios", {Uptane::Cli::runScenarios, false}},
        {u"run", {Uptane::Cli::runRun, true}},
    };
    for (const auto &[name, entry] : commands) {
        if (command != QStringView(name))
            continue;
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("uptane-lab"));
        if (entry.second && !selfTestPasses())
            return 3;
        Uptane::Net::initializeCurl();
        return entry.first(args.mid(1));
    }
    if (!command.isEmpty() && command.startsWith(u'-') == false) {
        QCoreApplication app(argc, argv);
        printTo(stderr, QCoreApplication::translate("main", "uptane-lab: unknown command '%1'\n\n")
                            .arg(command) + usage());
        return 2;
    }

#ifdef UPTANE_WITH_GUI
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("uptane-lab"));
    QApplication::setApplicationDisplayName(QStringLiteral("Uptane Lab"));
    QApplication::setApplicationVersion(QStringLiteral(UPTANE_VERSION));
    if (!command.isEmpty()) {
        printTo(stderr, QCoreApplication::translate("main", "uptane-lab: unknown option '%1'\n\n")
                            .arg(command) + usage());
        return 2;
    }
    if (!selfTestPasses()) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Uptane Lab"),
                              QApplication::translate("main",
                                  "The cryptographic self-test failed. Uptane Lab cannot "
                                  "trust its own verdicts and will not start."));
        return 3;
    }
    Uptane::Net::initializeCurl();
    Uptane::Widgets::MainWindow window;
    window.show();
    return app.exec();
#else
    printTo(stderr, usage());
    return 2;
#endif
}
