#pragma once

// The built-in attack catalogue (issue 5): every attack of the reference demo and of the
// Uptane threat model as a Scenario (scenario.h). One list, in presentation order, shared by
// the GUI's scenario panel, `uptane-lab scenarios` / `run` and the tests.
//
// Parts, one file each:
//   catalogue_reference.cpp  deliver-update (reference §2) and §3.1-3.7, full verification
//   catalogue_partial.cpp    §3.1-3.7 against the partial-verification Secondary (DOORdemocar)
//   catalogue_threats.cpp    the rest of the threat model (freeze, rollbacks, mix-and-match,
//                            endless, slow, drop-request, partial bundle, wrong ECU/hardware,
//                            stolen supplier key, compromised Primary, tampered manifest,
//                            replayed attestation / missing nonce, eavesdrop); may be split in
//                            catalogue_threats*.cpp

#include "attacks/scenario.h"

namespace Uptane::Attacks {

// The whole catalogue (built once; ids unique).
const QList<Scenario> &catalogue();
// nullptr when no scenario has that id.
const Scenario *findScenario(const QString &id);

QList<Scenario> referenceScenarios();
QList<Scenario> partialScenarios();
QList<Scenario> threatScenarios();

} // namespace Uptane::Attacks
