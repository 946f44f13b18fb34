#pragma once

// The built-in attack catalogue (issue 5): every attack of the reference demo and of the
// Uptane threat model as a Scenario (scenario.h). One list, in presentation order, shared by
// the GUI's scenario panel, `uptane-lab scenarios` / `run` and the tests.
//
// Parts, one file each:
//   catalogue_reference.cpp  deliver-update (reference §2) and §3.1-3.7, full verification
//   catalogue_partial.cpp    §3.1-3.7 against the partial-verification Secondary (DOORdemocar)
//   catalogue_repository.cpp the threat model on the way from the repositories: freeze,
//                            rollback (old metadata, lower release counter), mix-and-match,
//                            endless data, slow retrieval, drop-request, stolen supplier key
//   catalogue_vehicle.cpp    the threat model inside and around the vehicle: partial bundle
//                            installation, wrong ECU / hardware id, compromised Primary
//                            (metadata, images), tampered ECU manifest, replayed attestation,
//                            missing nonce, eavesdrop

#include "attacks/scenario.h"

namespace Uptane::Attacks {

// The whole catalogue (built once; ids unique).
const QList<Scenario> &catalogue();
// nullptr when no scenario has that id.
const Scenario *findScenario(const QString &id);

QList<Scenario> referenceScenarios();
QList<Scenario> partialScenarios();
QList<Scenario> repositoryThreatScenarios();
QList<Scenario> vehicleThreatScenarios();

} // namespace Uptane::Attacks
