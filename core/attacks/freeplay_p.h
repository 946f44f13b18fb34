#pragma once

// Private parts of the free-play catalogue (freeplay.cpp, freeplay_vehicle.cpp) and of its
// controller (lab/freeplay.cpp).
//
// The eavesdropper. A replay needs metadata older than what the vehicle trusts, which an
// attacker on the link has simply been recording all along. A toggle switched on cannot go
// back in time to record it, so the controller keeps a recorder context that notes what the
// repositories serve after each cycle of the demo vehicle that the Primary completed (then
// the vehicle trusts exactly that), and hands its recordings to every toggle's context
// before apply(). Recordings live in ScenarioContext::bytes under
// "eavesdropped/<repository>/<n>/<role>" (n = 0 oldest, consecutive sets differ) with the
// number of sets in values["eavesdropped/<repository>/count"]; repository is "director"
// (democar's) or "imagerepo".

#include "attacks/freeplay.h"

namespace Uptane::Attacks::FreePlayKit {

// Records what both repositories serve now (timestamp, snapshot, targets) when it differs
// from the last set recorded; keeps the newest few sets. Services thread.
Result<void> recordServed(ScenarioContext &recorder);

// The newest recorded set of `repository` older than the newest one: what the vehicle
// trusted before its last completed cycle. NotFound while fewer than two sets are recorded.
Result<QMap<QString, QByteArray>> olderRecording(ScenarioContext &ctx, const QString &repository);

// The parts of the catalogue.
QList<FreePlayAttack> repositoryAttacks();  // links and stolen repository keys (freeplay.cpp)
QList<FreePlayAttack> vehicleAttacks();     // bus, manifest, Time Server (freeplay_vehicle.cpp)

// What the OEM does first when a toggle is switched on, so its attack has an update in flight
// to work on: nothing, publish a new release (Kit::publishRelease), or publish it and assign
// it to both Secondaries (Kit::deliverNewRelease); recorded as ctx.values["release"], as the
// catalogue's scenarios record theirs.
enum class Delivery { None, Publish, PublishAndAssign };
using Action = std::function<Result<void>(ScenarioContext &)>;

// The attack of catalogue scenario `scenarioId` as that scenario plays it (its first
// adversary step's action), after `delivery`. Fails with NotFound should the scenario or
// its adversary step be gone.
Action fromScenario(const QString &scenarioId, Delivery delivery);
// `attack` after `delivery`.
Action afterDelivery(Delivery delivery, Action attack);

// A toggle (its vin: democar).
FreePlayAttack attack(const QString &id, AttackerPlacement placement, Verify::Defence defence, const char *title,
                      const char *explanation, Action apply, Action undo = {});

} // namespace Uptane::Attacks::FreePlayKit
