#pragma once

// The Primary ECU (Uptane Standard §5.4.2-5.4.4): talks to the OEM services over HTTP (a
// Fetcher: libcurl in the product) and to its Secondaries over the VehicleBus, does full
// verification itself, and can install an image of its own.
//
// runCycle(), in order (each step emits events; the first failure stops the cycle for the
// whole vehicle: nothing is sent to Secondaries, nothing committed, the Primary's verdict is
// the error's and every Secondary's outcome is "stopped by the Primary"):
//  1. NonceRequest to each Secondary; its own nonce too. POST {"nonces": [...]} to
//     <base>/timeserver/attestation; checkTimeAttestation() with every nonce (NonceMissing
//     when one is absent) and its stored time as lower bound. A Secondary that gives no
//     nonce (bus error, malformed reply) takes no further part in the cycle: its outcome is
//     NO UPDATE and the vehicle manifest's attacks name it (drop-request).
//  2. Director repository for its VIN (<base>/director/<vin>/metadata/): Verify::Updater
//     refresh with the attested time, caps from options (64 KiB for root, timestamp,
//     snapshot and Director targets unless the trusted metadata gives a length); then
//     checkDirectorTargets() with every ECU of this vehicle (primary + secondaries) and
//     the VIN.
//  3. Image Repository (<base>/imagerepo/metadata/): refresh (only when the Director
//     assigns something, Standard §5.4.4.2 step 6), then for every Director target:
//     findTarget() through the delegations, checkDirectorMatchesImage(), and per ECU named
//     the release counter against what that ECU last reported installed
//     (ReleaseCounterRollback).
//  4. Downloads each assigned image once (<base>/imagerepo/targets/, consistent-snapshot
//     name) capped at its signed length (longer: LengthMismatch), checkImage(). An image
//     that every ECU it is for already runs (as last reported) is not downloaded; should a
//     Secondary ask for it anyway, it is downloaded then.
//     The Primary's own target (step 6) is checked here too, before anything is sent.
//  5. Per Secondary: Attestation, then MetadataBundle (Full: both repositories' files —
//     every root version it holds, timestamp, snapshot, targets, delegated roles) or
//     DirectorTargets (Partial: Director roots and targets), then the Image when the
//     Secondary asks for it. A Secondary's refusal is its own outcome, not the Primary's.
//  6. Its own target, when the Director names the Primary: checkOwnTarget() (before step
//     5), install. Commit, once the Secondaries' manifests are in (step 7): metadata
//     (including every root version, for future bundles), time, image, and what each
//     Secondary reported installed (EcuState::reportedInstalled).
//  7. ManifestRequest to each Secondary, its own ECU manifest, a Vehicle Version Manifest
//     signed with its key, POST to <base>/director/<vin>/manifest (workspace encoding).
//     The Director's refusal is reported (manifestError, with the Director's ErrorCode when
//     its answer names one), not a verdict. A stopped cycle still reports (Uptane 5.4.3:
//     always send a version report): the Primary's own ECU manifest, its attack naming
//     the error.
//
// Not thread-safe; runs on the vehicle's worker thread (blocking HTTP).

#include "common/fetcher.h"
#include "common/labevent.h"
#include "net/vehiclebus.h"
#include "verify/trustedrepository.h"
#include "vehicle/ecustore.h"
#include "vehicle/verdict.h"

namespace Uptane::Vehicle {

struct SecondaryLink
{
    QString serial;
    Verification verification = Verification::Full;
};

struct PrimaryOptions
{
    QString baseUrl;                 // "http://127.0.0.1:PORT/" (trailing slash optional)
    Verify::Limits directorLimits;   // defaults set by Primary(): 64 KiB caps
    Verify::Limits imageLimits;      // defaults: 64 KiB root/timestamp, 8 MiB targets
    qint64 maxAttestationBytes = 64 * 1024;
    qint64 maxManifestReplyBytes = 64 * 1024;
};

struct PrimaryCycle
{
    qint64 cycle = 0;
    EcuOutcome primary;                          // the Primary's own outcome
    std::optional<Error> stoppedBy;              // set when the Primary stopped the cycle
    QByteArray vehicleManifest;                  // what was posted (empty if none)
    std::optional<Error> manifestError;          // the Director's refusal or a transport error
    Verify::VerificationReport report;           // every check the Primary ran
};

class Primary
{
public:
    using EventCallback = std::function<void(const LabEvent &)>;
    using NonceSource = std::function<qint64()>;

    // store, fetcher and bus must outlive the Primary. Fills unset limits with the defaults
    // above (a default-constructed Verify::Limits counts as unset).
    Primary(EcuStore &store, Fetcher &fetcher, Net::VehicleBus &bus, PrimaryOptions options);
    Q_DISABLE_COPY_MOVE(Primary)

    PrimaryCycle runCycle(qint64 cycle, const QList<SecondaryLink> &secondaries);

    const EcuStore &store() const { return m_store; }
    void setEventCallback(EventCallback callback) { m_onEvent = std::move(callback); }
    void setMaliciousImages(MaliciousImages images) { m_malicious = std::move(images); }
    void setNonceSource(NonceSource source) { m_nonceSource = std::move(source); }

private:
    EcuStore &m_store;
    Fetcher &m_fetcher;
    Net::VehicleBus &m_bus;
    PrimaryOptions m_options;
    EventCallback m_onEvent;
    MaliciousImages m_malicious;
    NonceSource m_nonceSource;
};

} // namespace Uptane::Vehicle
