#pragma once

// `uptane-lab scenarios` and `uptane-lab run`: the attack catalogue (attacks/catalogue.h)
// from the command line, headless.
//   scenarios                  one line per scenario: "id<TAB>title"
//   run [--encoding der|json] [--workspace DIR] [--format text|json] [--verbose] ID...|all
// `run` starts a Lab (on a fresh temporary workspace unless --workspace is given; libcurl
// low-speed window of 2 seconds), plays the scenarios in the order given with the
// ScenarioRunner and prints, for every step, what was expected and what was observed
// (text), or one JSON document on stdout (--format json). Exit 0 iff every scenario passed,
// 1 otherwise (or when the lab cannot start), 2 on usage errors (nothing is run then).

#include <QStringList>

namespace Uptane::Cli {

// arguments: everything after "scenarios". Needs a QCoreApplication.
int runScenarios(const QStringList &arguments);
// arguments: everything after "run". Needs a QCoreApplication; spins its event loop.
int runRun(const QStringList &arguments);

} // namespace Uptane::Cli
