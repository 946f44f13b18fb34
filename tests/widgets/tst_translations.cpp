// The German translation (issue 6): translations/uptane_de.ts is complete and well formed (every
// message translated, nothing unfinished, vanished or obsolete, the same %1..%n placeholders and
// a mnemonic wherever the source has one), it is compiled into :/i18n/uptane_de.qm where the
// catalogue, a verdict line and a widget pick it up, and it holds exactly the strings lupdate
// finds in core/, widgets/ and app/ today. The checker itself is tested on broken catalogues,
// one per failure mode.
//
// When this fails after a change to user-visible text: `ninja update-translations`, translate
// the new entries (Qt Linguist, or by hand in the .ts), and commit translations/uptane_de.ts.

#include "attacks/catalogue.h"
#include "widgets/aboutdialog.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QMetaEnum>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

const QString kTsFile = QStringLiteral(UPTANE_SOURCE_DIR "/translations/uptane_de.ts");
const QString kQmResource = u":/i18n/uptane_de.qm"_s;

// One <message> of a .ts file.
struct TsMessage
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    QString type;              // the translation's type attribute: "", "unfinished", "vanished", "obsolete"
    QStringList translations;  // the translation, or its numerus forms
};

struct TsFile
{
    QString language;
    QList<TsMessage> messages;
    QString error;  // empty when the file parsed
};

// The .ts format (Qt Linguist's TS 2.1 DTD): TS > context > name, message > source, comment,
// translation (> numerusform when numerus="yes"). Location elements and extra comments are
// skipped.
TsFile readTs(QIODevice &device)
{
    TsFile file;
    QXmlStreamReader xml(&device);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == u"TS") {
                file.language = xml.attributes().value(u"language"_s).toString();
            } else if (name == u"name") {
                context = xml.readElementText();
            } else if (name == u"message") {
                message = TsMessage{context, {}, {}, xml.attributes().value(u"numerus"_s) == u"yes", {}, {}};
            } else if (name == u"source") {
                message.source = xml.readElementText();
            } else if (name == u"comment") {
                message.comment = xml.readElementText();
            } else if (name == u"translation") {
                message.type = xml.attributes().value(u"type"_s).toString();
                if (!message.numerus)
                    message.translations.append(xml.readElementText());
            } else if (name == u"numerusform") {
                message.translations.append(xml.readElementText());
            }
        } else if (xml.isEndElement() && xml.name() == u"message") {
            file.messages.append(message);
        }
    }
    if (xml.hasError())
        file.error = xml.errorString() + u" at line "_s + QString::number(xml.lineNumber());
    return file;
}

TsFile readTsFile(const QString &path)
{
    QFile device(path);
    if (!device.open(QIODevice::ReadOnly))
        return TsFile{{}, {}, device.errorString()};
    return readTs(device);
}

// The placeholders of a text, sorted and without repeats: %1..%99, %L1, %n, %Ln.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(u"%L?(?:[1-9][0-9]?|n)"_s);
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found.append(it.next().captured().remove(u'L'));
    found.sort();
    found.removeDuplicates();
    return found;
}

// How many keyboard mnemonics a text has: '&' before a character other than '&' or a space
// ("&&" is a literal ampersand).
int mnemonics(const QString &text)
{
    int count = 0;
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) == u'&') {
            ++i;
            continue;
        }
        if (!text.at(i + 1).isSpace())
            ++count;
    }
    return count;
}

// Identity of a message as lupdate sees it.
QString keyOf(const TsMessage &message)
{
    return message.context + u'\x1f' + message.source + u'\x1f' + message.comment;
}

QString describe(const TsMessage &message)
{
    QString source = message.source.simplified();
    if (source.size() > 60)
        source = source.left(57) + u"..."_s;
    return message.context + u": "_s + source;
}

// lupdate as CMake runs it (translations/CMakeLists.txt); empty when it is not installed.
QString lupdateProgram()
{
    const QString beside = QLibraryInfo::path(QLibraryInfo::BinariesPath) + u"/lupdate"_s;
    if (QFileInfo(beside).isExecutable())
        return beside;
    for (const QString &name : {u"lupdate"_s, u"lupdate6"_s, u"lupdate-qt6"_s}) {
        const QString found = QStandardPaths::findExecutable(name);
        if (!found.isEmpty())
            return found;
    }
    return {};
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

public:
    // What can be wrong with one message.
    enum class Problem {
        Untranslated,         // no translation, or an empty one (or an empty numerus form)
        Unfinished,           // type="unfinished": lupdate added or changed it, nobody reviewed it
        Vanished,             // type="vanished"/"obsolete": the source is gone (lupdate -no-obsolete)
        PlaceholderMismatch,  // %1..%n differ between source and translation
        MnemonicLost,         // the source has a keyboard mnemonic, the translation has not exactly one
        NumerusForms,         // a plural message without the two forms German needs
    };
    Q_ENUM(Problem)

    static QList<Problem> problemsOf(const TsMessage &message)
    {
        QList<Problem> problems;
        if (message.type == u"unfinished")
            problems.append(Problem::Unfinished);
        if (message.type == u"vanished" || message.type == u"obsolete")
            problems.append(Problem::Vanished);
        const bool empty = message.translations.isEmpty()
                           || std::any_of(message.translations.cbegin(), message.translations.cend(),
                                          [](const QString &text) { return text.isEmpty(); });
        if (empty) {
            problems.append(Problem::Untranslated);
            return problems;
        }
        if (message.numerus && message.translations.size() != 2)
            problems.append(Problem::NumerusForms);
        const QStringList expected = placeholders(message.source);
        const bool sourceHasMnemonic = mnemonics(message.source) > 0;
        for (const QString &translation : message.translations) {
            // A numerus form may spell the number out ("ein Schritt") instead of %n.
            QStringList found = placeholders(translation);
            if (message.numerus && expected.contains(u"%n"_s) && !found.contains(u"%n"_s)) {
                found.append(u"%n"_s);
                found.sort();
            }
            if (found != expected && !problems.contains(Problem::PlaceholderMismatch))
                problems.append(Problem::PlaceholderMismatch);
            if (sourceHasMnemonic && mnemonics(translation) != 1 && !problems.contains(Problem::MnemonicLost))
                problems.append(Problem::MnemonicLost);
        }
        return problems;
    }

private slots:
    // ---- the checker, on one broken catalogue per failure mode

    void checkerFindsEachProblem_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QList<Problem>>("expected");

        const auto row = [](const char *name, const char *message, QList<Problem> expected) {
            QTest::newRow(name) << QString::fromUtf8(message) << expected;
        };
        row("good", "<message><source>Run %1</source><translation>%1 ausf\xc3\xbchren</translation></message>", {});
        row("good numerus",
            "<message numerus=\"yes\"><source>%n step(s)</source><translation>"
            "<numerusform>%n Schritt</numerusform><numerusform>%n Schritte</numerusform></translation></message>",
            {});
        row("good mnemonic", "<message><source>&amp;Run</source><translation>&amp;Ausf\xc3\xbchren</translation></message>", {});
        row("literal ampersand", "<message><source>A &amp; B</source><translation>A und B</translation></message>", {});
        row("missing translation", "<message><source>Run</source></message>", {Problem::Untranslated});
        row("empty translation", "<message><source>Run</source><translation></translation></message>",
            {Problem::Untranslated});
        row("unfinished", "<message><source>Run</source><translation type=\"unfinished\">Los</translation></message>",
            {Problem::Unfinished});
        row("unfinished and empty",
            "<message><source>Run</source><translation type=\"unfinished\"></translation></message>",
            {Problem::Unfinished, Problem::Untranslated});
        row("vanished", "<message><source>Run</source><translation type=\"vanished\">Los</translation></message>",
            {Problem::Vanished});
        row("obsolete", "<message><source>Run</source><translation type=\"obsolete\">Los</translation></message>",
            {Problem::Vanished});
        row("placeholder dropped", "<message><source>Run %1 on %2</source><translation>%1 starten</translation></message>",
            {Problem::PlaceholderMismatch});
        row("placeholder renumbered",
            "<message><source>Run %1</source><translation>%2 starten</translation></message>",
            {Problem::PlaceholderMismatch});
        row("placeholder added", "<message><source>Run</source><translation>%1 starten</translation></message>",
            {Problem::PlaceholderMismatch});
        row("mnemonic lost", "<message><source>&amp;Run</source><translation>Ausf\xc3\xbchren</translation></message>",
            {Problem::MnemonicLost});
        row("two mnemonics", "<message><source>&amp;Run</source><translation>&amp;Aus&amp;f\xc3\xbchren</translation></message>",
            {Problem::MnemonicLost});
        row("one numerus form",
            "<message numerus=\"yes\"><source>%n step(s)</source><translation>"
            "<numerusform>%n Schritte</numerusform></translation></message>",
            {Problem::NumerusForms});
        row("empty numerus form",
            "<message numerus=\"yes\"><source>%n step(s)</source><translation>"
            "<numerusform>%n Schritt</numerusform><numerusform></numerusform></translation></message>",
            {Problem::Untranslated});
        row("numerus placeholder lost",
            "<message numerus=\"yes\"><source>%1: %n step(s)</source><translation>"
            "<numerusform>ein Schritt</numerusform><numerusform>%n Schritte</numerusform></translation></message>",
            {Problem::PlaceholderMismatch});
    }

    void checkerFindsEachProblem()
    {
        QFETCH(QString, message);
        QFETCH(QList<Problem>, expected);
        QByteArray xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><!DOCTYPE TS><TS version=\"2.1\" language=\"de\">"
                         "<context><name>Ctx</name>"
                         + message.toUtf8() + "</context></TS>";
        QBuffer buffer(&xml);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        const TsFile file = readTs(buffer);
        QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
        QCOMPARE(file.messages.size(), 1);
        QCOMPARE(file.messages.first().context, u"Ctx"_s);
        QCOMPARE(problemsOf(file.messages.first()), expected);
    }

    // ---- the committed catalogue

    void catalogueIsGerman()
    {
        const TsFile file = readTsFile(kTsFile);
        QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
        QVERIFY(file.language.startsWith(u"de"_s));
        QVERIFY(!file.messages.isEmpty());
    }

    void everyMessageTranslated_data()
    {
        QTest::addColumn<int>("index");
        const TsFile file = readTsFile(kTsFile);
        QSet<QString> seen;
        for (qsizetype i = 0; i < file.messages.size(); ++i) {
            QString name = describe(file.messages.at(i));
            while (seen.contains(name))
                name += u'\''; // row names must be unique; two sources may shorten alike
            seen.insert(name);
            QTest::newRow(qPrintable(name)) << int(i);
        }
    }

    void everyMessageTranslated()
    {
        QFETCH(int, index);
        static const TsFile file = readTsFile(kTsFile);
        const TsMessage &message = file.messages.at(index);
        const QList<Problem> problems = problemsOf(message);
        QVERIFY2(problems.isEmpty(),
                 qPrintable(u"%1: %2"_s.arg(describe(message),
                                            QString::fromUtf8(QMetaEnum::fromType<Problem>().valueToKey(
                                                int(problems.value(0)))))));
    }

    // ---- the compiled catalogue, as the application loads it

    void compiledCatalogueTranslates()
    {
        const TsFile file = readTsFile(kTsFile);
        QHash<QString, QString> german;
        for (const TsMessage &message : file.messages) {
            if (!message.numerus && !message.translations.isEmpty())
                german.insert(message.context + u'\x1f' + message.source, message.translations.first());
        }

        QTranslator translator;
        QVERIFY(translator.load(kQmResource));
        QVERIFY(translator.language().startsWith(u"de"_s));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        const auto removeTranslator = qScopeGuard([&translator] { QCoreApplication::removeTranslator(&translator); });

        // Every scenario of the catalogue: its title, narration and expected outcome (which
        // begins with the verdict, "DEFENDED (HashMismatch): ..." -> "ABGEWEHRT ...").
        const auto &scenarios = Uptane::Attacks::catalogue();
        QVERIFY(!scenarios.isEmpty());
        for (const auto &scenario : scenarios) {
            const auto expect = [&](const char *source, const QString &shown) {
                const QString want = german.value(u"Scenario\x1f"_s + QString::fromUtf8(source));
                QVERIFY2(!want.isEmpty(), source);
                QCOMPARE(shown, want);
                QVERIFY2(shown != QString::fromUtf8(source), source);
            };
            expect(scenario.title, scenario.translatedTitle());
            expect(scenario.narration, scenario.translatedNarration());
            expect(scenario.outcome, scenario.translatedOutcome());
            for (const auto &step : scenario.steps)
                expect(step.title, step.translatedTitle());
        }

        // A widget resolves its class context (namespace included) against the catalogue.
        Uptane::Widgets::AboutDialog dialog;
        const QString title = german.value(u"Uptane::Widgets::AboutDialog\x1f"_s + u"About Uptane Lab"_s);
        QVERIFY(!title.isEmpty());
        QCOMPARE(dialog.windowTitle(), title);
    }

    // ---- the catalogue holds what lupdate finds in the sources today

    void catalogueMatchesSources()
    {
        const QString lupdate = lupdateProgram();
        if (lupdate.isEmpty())
            QSKIP("lupdate not found (Qt Linguist tools not installed): cannot compare with the sources");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString fresh = dir.filePath(u"check_de.ts"_s);
        const QString root = QStringLiteral(UPTANE_SOURCE_DIR);
        // The options of translations/CMakeLists.txt (update-translations).
        QProcess process;
        process.setWorkingDirectory(root);
        process.start(lupdate, {u"-no-obsolete"_s, u"-locations"_s, u"none"_s, u"-source-language"_s, u"en"_s,
                                u"-target-language"_s, u"de"_s, u"-I"_s, root, u"-I"_s, root + u"/core"_s,
                                u"-I"_s, root + u"/widgets"_s, u"-I"_s, root + u"/app"_s, u"core"_s,
                                u"widgets"_s, u"app"_s, u"-ts"_s, fresh});
        QVERIFY(process.waitForFinished(120000));
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
                 process.readAllStandardError().constData());

        const TsFile found = readTsFile(fresh);
        const TsFile committed = readTsFile(kTsFile);
        QVERIFY2(found.error.isEmpty(), qPrintable(found.error));
        QVERIFY(!found.messages.isEmpty());
        QSet<QString> inSources;
        for (const TsMessage &message : found.messages)
            inSources.insert(keyOf(message));
        QSet<QString> inCatalogue;
        for (const TsMessage &message : committed.messages)
            inCatalogue.insert(keyOf(message));

        QStringList missing;
        for (const TsMessage &message : found.messages) {
            if (!inCatalogue.contains(keyOf(message)))
                missing.append(describe(message));
        }
        QStringList stale;
        for (const TsMessage &message : committed.messages) {
            if (!inSources.contains(keyOf(message)))
                stale.append(describe(message));
        }
        QVERIFY2(missing.isEmpty(), qPrintable(u"not in translations/uptane_de.ts (run update-translations): "_s
                                               + missing.join(u" | "_s)));
        QVERIFY2(stale.isEmpty(), qPrintable(u"in translations/uptane_de.ts but gone from the sources "
                                             u"(run update-translations): "_s
                                             + stale.join(u" | "_s)));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
