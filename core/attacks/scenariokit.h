#pragma once

// The building blocks the catalogue's scenarios share (all run inside step actions, on the
// services thread). They work on the demo vehicle democar (DemoFleet in
// services/oemservices.h) unless a VIN is given.

#include "attacks/forgery.h"
#include "attacks/scenario.h"
#include "metadata/busmessage.h"

namespace Uptane::Attacks::Kit {

// ---- expectations
// Every ECU of democar with one verdict (and code): Primary, TCUdemocar, DOORdemocar.
QList<EcuExpectation> everyEcu(Vehicle::Verdict verdict, std::optional<ErrorCode> code = std::nullopt);
// The Primary UP TO DATE, both Secondaries with this verdict (and code).
QList<EcuExpectation> secondaries(Vehicle::Verdict verdict, std::optional<ErrorCode> code = std::nullopt);
// One expectation per ECU: primary, TCU (full), DOOR (partial).
QList<EcuExpectation> ecus(EcuExpectation primary, EcuExpectation full, EcuExpectation partial);
EcuExpectation ecu(const QString &serial, Vehicle::Verdict verdict, std::optional<ErrorCode> code = std::nullopt);

// ---- operator
// Publishes a new image for the Secondaries' hardware id (acme-ecu) as the next release:
// release counter = 1 + the highest release counter the Image Repository lists for that
// hardware id; path "acme/ecu-<release>.img" (signed by the supplier-acme delegation) or,
// with supplier = false, "firmware-<release>.img" (top-level targets). Its bytes say what it
// is. Stores the path in ctx.values[key] and returns the entry.
Result<Metadata::TargetFile> publishRelease(ScenarioContext &ctx, const QString &key, bool supplier = true);
// Assigns ctx.values[key]'s path (or a literal path when no such key) to these ECUs of
// democar (both Secondaries when empty).
Result<void> assign(ScenarioContext &ctx, const QString &keyOrPath, const QStringList &serials = {});
// publishRelease + assign to both Secondaries: the next cycle delivers it (UPDATED).
Result<void> deliverNewRelease(ScenarioContext &ctx, const QString &key, bool supplier = true);
// Rotates every online key of democar's Director (targets, snapshot, timestamp: root signs the
// rotation) — recovery from a key compromise (reference §3.6).
Result<void> rotateDirectorKeys(ScenarioContext &ctx);
// Rotates the Image Repository's top-level targets, snapshot and timestamp keys.
Result<void> rotateImageRepositoryKeys(ScenarioContext &ctx);
// Moves the lab's clock forward and re-signs whatever expires (every repository).
Result<void> advanceTime(ScenarioContext &ctx, qint64 seconds);

// ---- what the attacker sees and takes
// HTTP path patterns of served metadata: "/director/democar/metadata/*<role>.<ext>" (matches
// the versioned and unversioned names; timestamp is never versioned) and
// "/imagerepo/metadata/*<role>.<ext>".
QString directorPattern(ScenarioContext &ctx, const QString &role);
QString imageRepoPattern(ScenarioContext &ctx, const QString &role);
// The bytes a repository serves now for a role (the current file on disk, as any client
// fetches it): "timestamp", "snapshot", "targets", a delegated role, "root".
Result<QByteArray> directorFile(ScenarioContext &ctx, const QString &role);
Result<QByteArray> imageRepoFile(ScenarioContext &ctx, const QString &role);
QString directorMetadataDir(ScenarioContext &ctx);
QString imageRepoMetadataDir(ScenarioContext &ctx);

// The private keys of a role as listed by the repository's current root (or, for a
// delegated role, by its delegating targets), as an attacker who broke in would take them.
Result<QList<Crypto::PrivateKey>> directorKeys(ScenarioContext &ctx, const QString &role);
Result<QList<Crypto::PrivateKey>> imageRepoKeys(ScenarioContext &ctx, const QString &role);
// Keys the workspace revoked (by a rotation) that once signed democar's Director role:
// every one of them. NotFound when none was ever revoked.
Result<QList<Crypto::PrivateKey>> revokedDirectorKeys(ScenarioContext &ctx, const QString &role);

// Serves every file of a forged release in place of the real ones (versioned and plain
// names) on the Director's ("director") or the Image Repository's ("imagerepo") path;
// tracked for undo. Returns the attack ids.
Result<QList<AttackId>> serveForgery(ScenarioContext &ctx, const QString &repository, const ForgedRelease &forged,
                                     const QString &description);

// An image the attacker made for acme-ecu, release counter `release` (default: the next
// release, as publishRelease would number it), marked malicious in ctx; the entry lists it
// for serials. With serve = true the adversary also serves its bytes on the Image
// Repository's path for it (tracked) — leave it false when the path is a real image's that
// honest downloads still need, or when the image travels only on the bus.
Metadata::TargetFile plantEvilImage(ScenarioContext &ctx, const QString &path, const QStringList &serials,
                                    const QByteArray &bytes, std::optional<qint64> release = std::nullopt,
                                    bool serve = true);
// The release counter publishRelease would give the next image.
qint64 nextRelease(ScenarioContext &ctx);

// ---- the bus (a compromised Primary or a tapped bus)
// Rewrites every message of `kind` the Primary sends to `serial` (isReply false) — or, with
// replies = true, every reply of that kind from `serial` — through `change`, which may
// alter the decoded message (return false to leave it as it was). Tracked for undo.
AttackId rewriteBus(ScenarioContext &ctx, const QString &serial, Metadata::BusMessage::Kind kind, bool replies,
                    std::function<bool(Metadata::BusMessage &)> change, const QString &description);
// Drops every message of `kind` the Primary sends to `serial`. Tracked for undo.
AttackId dropBus(ScenarioContext &ctx, const QString &serial, Metadata::BusMessage::Kind kind,
                 const QString &description);

} // namespace Uptane::Attacks::Kit
