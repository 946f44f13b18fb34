#include "runcommand.h"

#include "cliutil.h"

#include "attacks/catalogue.h"
#include "common/labevent.h"
#include "lab/lab.h"
#include "lab/scenariorunner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <optional>
#include <variant>

using namespace Qt::StringLiterals;

namespace Uptane::Cli {

namespace {

class Run
{
    Q_DECLARE_TR_FUNCTIONS(Run)
};

using Attacks::Scenario;
using Lab::Observation;
using Lab::ScenarioResult;
using Lab::StepResult;

QString scenariosHelp()
{
    return Run::tr("Usage: uptane-lab scenarios\n"
                   "\n"
                   "Lists the scenarios of the attack catalogue, one per line: ID<TAB>TITLE.\n"
                   "Run them with 'uptane-lab run ID...'.\n");
}

QString runHelp()
{
    return Run::tr("Usage: uptane-lab run [OPTIONS] ID...|all\n"
                   "\n"
                   "Plays scenarios of the attack catalogue (see 'uptane-lab scenarios') on a lab\n"
                   "with the demo vehicle, in the order given, and prints for every step what was\n"
                   "expected and what was observed (steps numbered from 1).\n"
                   "\n"
                   "Options:\n"
                   "  --encoding json|der   metadata encoding of the lab (default: json)\n"
                   "  --workspace DIR       use this workspace instead of a fresh temporary one\n"
                   "  --format text|json    text (default), or one JSON document on stdout\n"
                   "                        (step indexes from 0)\n"
                   "  --verbose             print every event of the lab on stderr\n"
                   "  -h, --help            show this help and exit\n"
                   "\n"
                   "Exit status: 0 when every scenario passed, 1 when one did not (or the lab\n"
                   "could not start), 2 on usage errors (nothing is run).\n");
}

int usageError(const QString &command, const QString &message)
{
    printNow(stderr, Run::tr("uptane-lab %1: %2\n").arg(command, message)
                         + Run::tr("Try 'uptane-lab %1 --help'.\n").arg(command));
    return UsageError;
}

struct RunOptions
{
    Metadata::Encoding encoding = Metadata::Encoding::Json;
    QString workspace;
    bool json = false;
    bool verbose = false;
    QList<Scenario> scenarios;
};

std::variant<RunOptions, int> parseRun(const QStringList &arguments)
{
    const QString command = u"run"_s;
    QCommandLineParser parser;
    const QCommandLineOption help(QStringList{u"h"_s, u"help"_s});
    const QCommandLineOption encoding(u"encoding"_s, QString(), u"ENCODING"_s);
    const QCommandLineOption workspace(u"workspace"_s, QString(), u"DIR"_s);
    const QCommandLineOption format(u"format"_s, QString(), u"FORMAT"_s);
    const QCommandLineOption verbose(u"verbose"_s);
    parser.addOptions({help, encoding, workspace, format, verbose});
    if (!parser.parse(QStringList{u"uptane-lab run"_s} + arguments))
        return usageError(command, parser.errorText());
    if (parser.isSet(help)) {
        printNow(stdout, runHelp());
        return int(Success);
    }
    for (const QCommandLineOption *option : {&encoding, &workspace, &format}) {
        if (parser.values(*option).size() > 1)
            return usageError(command, Run::tr("--%1 given more than once").arg(option->names().first()));
    }
    RunOptions options;
    if (parser.isSet(encoding)) {
        auto parsed = Metadata::encodingFromName(parser.value(encoding));
        if (!parsed)
            return usageError(command, Run::tr("unknown encoding '%1' (json or der)").arg(parser.value(encoding)));
        options.encoding = *parsed;
    }
    if (parser.isSet(format)) {
        const QString value = parser.value(format);
        if (value != u"text" && value != u"json")
            return usageError(command, Run::tr("unknown format '%1' (text or json)").arg(value));
        options.json = value == u"json";
    }
    if (parser.isSet(workspace)) {
        options.workspace = parser.value(workspace);
        const QFileInfo info(options.workspace);
        if (options.workspace.isEmpty())
            return usageError(command, Run::tr("--workspace needs a directory"));
        if (info.exists() && !info.isDir())
            return usageError(command, Run::tr("--workspace '%1' is not a directory").arg(options.workspace));
    }
    options.verbose = parser.isSet(verbose);

    const QStringList ids = parser.positionalArguments();
    if (ids.isEmpty())
        return usageError(command, Run::tr("no scenario given (an ID of 'uptane-lab scenarios', or all)"));
    QStringList unknown;
    for (const QString &id : ids) {
        if (id == u"all") {
            options.scenarios += Attacks::catalogue();
        } else if (const Scenario *scenario = Attacks::findScenario(id)) {
            options.scenarios.append(*scenario);
        } else {
            unknown.append(id);
        }
    }
    if (!unknown.isEmpty())
        return usageError(command, Run::tr("unknown scenario '%1' (see 'uptane-lab scenarios')").arg(unknown.join(u"', '"_s)));
    if (options.scenarios.isEmpty())
        return usageError(command, Run::tr("the catalogue has no scenarios"));
    return options;
}

// ---- text output

QString withCode(const QString &value, const std::optional<ErrorCode> &code)
{
    if (value.isEmpty())
        return Run::tr("(nothing)");
    return code ? u"%1 (%2)"_s.arg(value, errorCodeName(*code)) : value;
}

QString stepLine(const StepResult &step)
{
    return u"%1  %2  %3"_s.arg(step.scenario, Run::tr("step %1").arg(step.index + 1),
                               Attacks::stepKindName(step.kind));
}

QString formatStep(const StepResult &step)
{
    QString text = stepLine(step) + u"  "_s + step.title;
    if (step.error)
        text += u"  "_s + Run::tr("ERROR %1").arg(step.error->toString());
    else if (step.observations.isEmpty())
        text += u"  "_s + Run::tr("ok");
    text += u'\n';
    for (const Observation &observation : step.observations) {
        const QString where = observation.where == Observation::Where::Director
                                  ? Run::tr("Director: %1").arg(observation.serial)
                                  : observation.serial;
        text += stepLine(step) + u"  "_s + where + u"  "_s
                + Run::tr("expected %1").arg(withCode(observation.expected, observation.expectedCode)) + u"  "_s
                + Run::tr("observed %1").arg(withCode(observation.observed, observation.observedCode)) + u"  "_s;
        if (observation.matches)
            text += Run::tr("ok");
        else
            text += Run::tr("MISMATCH") + (observation.detail.isEmpty() ? QString() : u" ("_s + observation.detail + u')');
        text += u'\n';
    }
    return text;
}

QString formatScenario(const ScenarioResult &result)
{
    if (result.passed())
        return Run::tr("%1  PASSED (%n step(s))\n", nullptr, int(result.steps.size())).arg(result.id);
    const auto bad = std::count_if(result.steps.cbegin(), result.steps.cend(), [](const StepResult &s) { return !s.ok(); });
    QString text = Run::tr("%1  FAILED (%n step(s) not as expected)", nullptr, int(bad)).arg(result.id);
    if (!result.problem.isEmpty())
        text += u"  "_s + result.problem;
    return text + u'\n';
}

// ---- JSON output

QJsonValue codeValue(const std::optional<ErrorCode> &code)
{
    return code ? QJsonValue(errorCodeName(*code)) : QJsonValue(QJsonValue::Null);
}

QJsonObject toJson(const Observation &observation)
{
    return QJsonObject{
        {u"where"_s, observation.where == Observation::Where::Director ? u"director"_s : u"ecu"_s},
        {u"serial"_s, observation.serial},
        {u"expected"_s, observation.expected},
        {u"expectedCode"_s, codeValue(observation.expectedCode)},
        {u"observed"_s, observation.observed},
        {u"observedCode"_s, codeValue(observation.observedCode)},
        {u"detail"_s, observation.detail},
        {u"matches"_s, observation.matches},
    };
}

QJsonObject toJson(const StepResult &step)
{
    QJsonArray observations;
    for (const Observation &observation : step.observations)
        observations.append(toJson(observation));
    return QJsonObject{
        {u"index"_s, step.index},
        {u"kind"_s, Attacks::stepKindName(step.kind)},
        {u"title"_s, step.title},
        {u"error"_s, step.error ? QJsonValue(step.error->toString()) : QJsonValue(QJsonValue::Null)},
        {u"observations"_s, observations},
    };
}

QJsonObject toJson(const ScenarioResult &result)
{
    QJsonArray steps;
    for (const StepResult &step : result.steps)
        steps.append(toJson(step));
    return QJsonObject{
        {u"id"_s, result.id},
        {u"passed"_s, result.passed()},
        {u"problem"_s, result.problem},
        {u"steps"_s, steps},
    };
}

QByteArray toJson(Metadata::Encoding encoding, const QList<ScenarioResult> &results, bool passed)
{
    QJsonArray scenarios;
    for (const ScenarioResult &result : results)
        scenarios.append(toJson(result));
    const QJsonObject document{
        {u"encoding"_s, Metadata::encodingName(encoding)},
        {u"passed"_s, passed},
        {u"scenarios"_s, scenarios},
    };
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

} // namespace

int runScenarios(const QStringList &arguments)
{
    if (arguments == QStringList{u"--help"_s} || arguments == QStringList{u"-h"_s}) {
        printNow(stdout, scenariosHelp());
        return Success;
    }
    if (!arguments.isEmpty())
        return usageError(u"scenarios"_s, Run::tr("unexpected argument '%1'").arg(arguments.first()));
    QString text;
    for (const Scenario &scenario : Attacks::catalogue())
        text += scenario.id + u'\t' + scenario.translatedTitle() + u'\n';
    printNow(stdout, text);
    return Success;
}

int runRun(const QStringList &arguments)
{
    auto parsed = parseRun(arguments);
    if (const int *exitCode = std::get_if<int>(&parsed))
        return *exitCode;
    const RunOptions options = std::get<RunOptions>(std::move(parsed));

    std::optional<QTemporaryDir> temporary;
    Lab::LabOptions labOptions;
    labOptions.encoding = options.encoding;
    labOptions.lowSpeedSeconds = 2;
    if (options.workspace.isEmpty()) {
        temporary.emplace();
        if (!temporary->isValid()) {
            printNow(stderr, Run::tr("uptane-lab run: cannot create a temporary workspace: %1\n")
                                 .arg(temporary->errorString()));
            return Failure;
        }
        labOptions.workspace = temporary->filePath(u"workspace"_s);
    } else {
        labOptions.workspace = QDir(options.workspace).absolutePath();
    }

    Lab::Lab lab;
    if (options.verbose) {
        QObject::connect(&lab, &Lab::Lab::eventEmitted, &lab,
                         [](const LabEvent &event) { printNow(stderr, formatLabEvent(event) + u'\n'); });
    }
    if (auto started = lab.startAndWait(labOptions); !started) {
        printNow(stderr, Run::tr("uptane-lab run: the lab cannot start on '%1': %2\n")
                             .arg(labOptions.workspace, started.error().toString()));
        return Failure;
    }

    Lab::ScenarioRunner runner(lab);
    if (!options.json) {
        QObject::connect(&runner, &Lab::ScenarioRunner::stepFinished, &runner,
                         [](const StepResult &step) { printNow(stdout, formatStep(step)); });
        QObject::connect(&runner, &Lab::ScenarioRunner::scenarioFinished, &runner,
                         [](const ScenarioResult &result) { printNow(stdout, formatScenario(result)); });
    }
    auto results = runner.runAndWait(options.scenarios);
    if (!results) {
        printNow(stderr, Run::tr("uptane-lab run: %1\n").arg(results.error().toString()));
        return Failure;
    }
    const auto passedCount = std::count_if(results->cbegin(), results->cend(),
                                           [](const ScenarioResult &result) { return result.passed(); });
    const bool passed = passedCount == results->size();
    if (options.json) {
        printNow(stdout, QString::fromUtf8(toJson(options.encoding, *results, passed)));
    } else {
        printNow(stdout, Run::tr("%1 of %2 scenario(s) passed (%3)\n")
                             .arg(passedCount)
                             .arg(results->size())
                             .arg(Metadata::encodingName(options.encoding)));
    }
    return passed ? Success : Failure;
}

} // namespace Uptane::Cli
