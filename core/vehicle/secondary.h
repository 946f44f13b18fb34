#pragma once

// A Secondary ECU (Uptane Standard §5.4.3-5.4.4): answers its Primary's bus messages
// (metadata/busmessage.h), verifies with full or partial verification against its own
// trusted state, installs atomically and signs its ECU Version Manifest.
//
// One cycle, as the Primary drives it (a NonceRequest with a new cycle number starts one):
//  1. NonceRequest -> Nonce: a fresh random nonce for this cycle.
//  2. Attestation: checkTimeAttestation() with the pinned Time Server key, this cycle's nonce
//     and the stored attested time as lower bound. A failure ends the cycle for this ECU
//     (its verdict, nothing committed; later steps answer with an Ack carrying the error).
//  3. MetadataBundle (Full): re-verifies both repositories from the bundle with its own
//     trusted metadata (Verify::Updater over a BundleFetcher, reference time = the attested
//     time): Director root chain, timestamp, snapshot, targets, the Director checks this ECU
//     can make (no delegations, this vehicle, its own serial once); when a target names this
//     ECU: Image Repository refresh, the target found through its delegations,
//     checkDirectorMatchesImage(), then checkOwnTarget().
//     DirectorTargets (Partial): verifyDirectorTargetsPartial() (director roots and targets
//     from the tar), then checkOwnTarget().
//     No target for this ECU, or the target is what is installed: commit (time, metadata),
//     UP TO DATE. Otherwise the Ack names the image wanted.
//  4. Image: checkImage() against the verified target, then one commit: new image (the old
//     one kept as backup), metadata, times, counters. UPDATED (COMPROMISED when the image is
//     in the malicious set).
//  5. ManifestRequest -> EcuManifest: signed with the ECU key: installed image (after the
//     cycle), latest and previous attested time, this cycle's nonce, and the attack detected
//     this cycle ("<ErrorCode>: <detail>", metadata failures included; "" when none).
// Any failure: the verdict of the error (verdictForError), nothing committed, the Ack names
// the error. A malformed message is answered with an Ack(SchemaViolation/...) and reported.
//
// Events (from "<vin>/<serial>"): one Check per verification check, a Note for each step,
// a Verdict when the cycle's outcome is decided.
//
// Not thread-safe: the bus calls it from the vehicle's worker thread.

#include "common/labevent.h"
#include "metadata/busmessage.h"
#include "verify/report.h"
#include "vehicle/ecustore.h"
#include "vehicle/verdict.h"

#include <functional>
#include <optional>

namespace Uptane::Vehicle {

class Secondary
{
public:
    using EventCallback = std::function<void(const LabEvent &)>;
    using NonceSource = std::function<qint64()>;

    // store must outlive the Secondary; it must be a Secondary's store.
    explicit Secondary(EcuStore &store);
    Q_DISABLE_COPY_MOVE(Secondary)

    // The bus handler: one request in, one reply out (both encoded BusMessages).
    QByteArray handle(const QByteArray &request);

    // The outcome of cycle (NoUpdate when this ECU heard nothing of it or the cycle is
    // still waiting for its image).
    EcuOutcome outcome(qint64 cycle) const;
    // The checks of the latest cycle.
    const Verify::VerificationReport &report() const { return m_report; }
    const EcuStore &store() const { return m_store; }

    void setEventCallback(EventCallback callback) { m_onEvent = std::move(callback); }
    void setMaliciousImages(MaliciousImages images) { m_malicious = std::move(images); }
    // Default: QRandomGenerator::system(), non-negative 63-bit values.
    void setNonceSource(NonceSource source) { m_nonceSource = std::move(source); }

private:
    struct Cycle;
    QByteArray reply(const Metadata::BusMessage &request);

    EcuStore &m_store;
    EventCallback m_onEvent;
    MaliciousImages m_malicious;
    NonceSource m_nonceSource;
    Verify::VerificationReport m_report;
    std::shared_ptr<Cycle> m_cycle;  // the cycle in progress or last finished
};

} // namespace Uptane::Vehicle
