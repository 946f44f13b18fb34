#include "vehicle/secondary.h"

#include "common/defences.h"
#include "metadata/codec.h"
#include "vehicle/secondaryverify_p.h"
#include "verify/uptanechecks.h"


using namespace Qt::StringLiterals;

namespace Uptane::Vehicle {

using Metadata::BusMessage;

namespace {

BusMessage replyTo(const BusMessage &request, BusMessage::Kind kind, const QString &serial)
{
    BusMessage reply;
    reply.kind = kind;
    reply.sender = serial;
    reply.receiver = request.sender;
    reply.cycle = request.cycle;
    return reply;
}

void setError(BusMessage &ack, const Error &error)
{
    ack.errorCode = error.code;
    ack.detail = error.detail;
}

// The reply's bytes; when it cannot be encoded, an Ack saying why (never nothing, unless
// even that fails).
QByteArray encodeReply(const BusMessage &reply, Metadata::Encoding encoding)
{
    auto bytes = Metadata::encodeBusMessage(reply, encoding);
    if (bytes)
        return *bytes;
    BusMessage ack = reply;
    ack.kind = BusMessage::Kind::Ack;
    ack.name.clear();
    ack.nonce.reset();
    ack.payload.clear();
    setError(ack, bytes.error().context(u"cannot encode the %1 reply"_s.arg(Metadata::busMessageKindName(reply.kind))));
    return Metadata::encodeBusMessage(ack, encoding).value_or(QByteArray());
}

// One event from node, when someone listens; bytes past kMaxEventBytes are only counted.
void tell(const Secondary::EventCallback &callback, const QString &node, LabEvent::Kind kind, const QString &summary,
          const std::optional<Error> &error = std::nullopt, const QByteArray &bytes = {})
{
    if (callback)
        callback({QDateTime::currentDateTimeUtc(), node, {}, kind, summary, bytes.left(kMaxEventBytes), bytes.size(), error});
}

// A manifest needs valid times: an ECU that never had an attestation reports what it has.
QDateTime orFallback(const QDateTime &time, const QDateTime &fallback)
{
    return time.isValid() ? time : fallback;
}

} // namespace

// One update cycle of this ECU, and the steps that drive it. Nested in Secondary so the
// steps reach its store, report and callbacks without widening the public header.
struct Secondary::Cycle
{
    enum class Stage { AwaitingAttestation, AwaitingMetadata, AwaitingImage, Finished, Failed };

    qint64 number = 0;
    qint64 nonce = 0;
    QString peer;                 // the Primary's serial (from the NonceRequest)
    Stage stage = Stage::AwaitingAttestation;
    QDateTime timeBefore;         // the ECU's attested time when the cycle began
    QDateTime attestedTime;       // this cycle's verified attestation (invalid before it)
    std::optional<detail::SecondaryVerification> verified;  // while waiting for the image
    Verdict verdict = Verdict::NoUpdate;
    std::optional<Error> error;   // the refusal that ended the cycle
    bool decided = false;
    qsizetype emittedChecks = 0;  // checks of the report already sent as events

    static QByteArray start(Secondary &self, const BusMessage &request);
    static QByteArray attest(Secondary &self, const BusMessage &request);
    static QByteArray verifyMetadata(Secondary &self, const BusMessage &request);
    static QByteArray install(Secondary &self, const BusMessage &request);
    static QByteArray manifest(Secondary &self, const BusMessage &request);

    // The cycle a request belongs to, or nullptr (refused without touching any cycle: a
    // stale or foreign message must not end the cycle in progress).
    static Cycle *current(Secondary &self, const BusMessage &request);
    // The running cycle a step belongs to; nullptr with answer set when there is none or it
    // is over (its refusal, or "finished").
    static Cycle *running(Secondary &self, const BusMessage &request, QByteArray &answer);
    // The Ack of a refused request that leaves the cycle as it is.
    static QByteArray refuse(Secondary &self, const BusMessage &request, const Error &error);
    // Ends the cycle with a refusal: its verdict, nothing committed, the Ack names it.
    QByteArray fail(Secondary &self, const BusMessage &request, const Error &reason);
    // What a finished or failed cycle answers to any later step; nullopt while it runs.
    std::optional<QByteArray> closed(Secondary &self, const BusMessage &request) const;
    void decide(Secondary &self, Verdict outcome);
    // One atomic commit of the cycle: time, metadata, counters and optionally the image.
    Result<void> commit(Secondary &self, const detail::SecondaryVerification &result,
                        const std::optional<QByteArray> &image, Verdict outcome) const;
    void emitChecks(Secondary &self);
    static void note(Secondary &self, const QString &summary, const std::optional<Error> &error = std::nullopt,
                     const QByteArray &bytes = {})
    {
        tell(self.m_onEvent, self.m_store.nodeId(), LabEvent::Kind::Note, summary, error, bytes);
    }
    static QByteArray ack(Secondary &self, const BusMessage &request, const QString &wanted = {});
};

Secondary::Secondary(EcuStore &store)
    : m_store(store)
    , m_nonceSource(detail::randomNonce)
{
}

QByteArray Secondary::handle(const QByteArray &request)
{
    const EcuConfig &config = m_store.config();
    auto decoded = Metadata::decodeBusMessage(request, config.encoding);
    if (decoded)
        return reply(*decoded);

    // Undecodable bytes name no cycle: answer the Primary of the current one.
    BusMessage ack;
    ack.kind = BusMessage::Kind::Ack;
    ack.sender = config.serial;
    ack.receiver = m_cycle ? m_cycle->peer : u"unknown"_s;
    ack.cycle = m_cycle ? m_cycle->number : 0;
    const Error error = decoded.error().context(u"refused a malformed bus message"_s);
    setError(ack, error);
    tell(m_onEvent, m_store.nodeId(), LabEvent::Kind::Note,
         u"refused a malformed bus message of %1 bytes"_s.arg(request.size()), error, request);
    return encodeReply(ack, config.encoding);
}

QByteArray Secondary::reply(const BusMessage &request)
{
    const QString &serial = m_store.config().serial;
    if (request.receiver != serial) {
        return Cycle::refuse(*this, request,
                             Error{ErrorCode::InvalidArgument,
                                   u"a message for %1 reached %2"_s.arg(request.receiver, serial)});
    }
    switch (request.kind) {
    case BusMessage::Kind::NonceRequest: return Cycle::start(*this, request);
    case BusMessage::Kind::Attestation: return Cycle::attest(*this, request);
    case BusMessage::Kind::MetadataBundle:
    case BusMessage::Kind::DirectorTargets: return Cycle::verifyMetadata(*this, request);
    case BusMessage::Kind::Image: return Cycle::install(*this, request);
    case BusMessage::Kind::ManifestRequest: return Cycle::manifest(*this, request);
    case BusMessage::Kind::Nonce:
    case BusMessage::Kind::EcuManifest:
    case BusMessage::Kind::Ack: break;
    }
    return Cycle::refuse(*this, request,
                         Error{ErrorCode::InvalidArgument,
                               u"%1 is a reply, not a request"_s.arg(Metadata::busMessageKindName(request.kind))});
}

EcuOutcome Secondary::outcome(qint64 cycle) const
{
    EcuOutcome out;
    out.vin = m_store.config().vin;
    out.serial = m_store.config().serial;
    out.cycle = cycle;
    out.installed = m_store.state().installed;
    if (!m_cycle || m_cycle->number != cycle || !m_cycle->decided)
        return out;
    out.verdict = m_cycle->verdict;
    out.error = m_cycle->error;
    out.decidedBy = out.serial;
    return out;
}

// ---- the steps

QByteArray Secondary::Cycle::start(Secondary &self, const BusMessage &request)
{
    auto cycle = std::make_shared<Cycle>();
    cycle->number = request.cycle;
    cycle->nonce = self.m_nonceSource ? self.m_nonceSource() : detail::randomNonce();
    cycle->peer = request.sender;
    cycle->timeBefore = self.m_store.state().attestedTime;
    self.m_report.clear();
    self.m_cycle = cycle;
    note(self, u"cycle %1: nonce %2 for the time attestation"_s.arg(cycle->number).arg(cycle->nonce));
    BusMessage reply = replyTo(request, BusMessage::Kind::Nonce, self.m_store.config().serial);
    reply.nonce = cycle->nonce;
    return encodeReply(reply, self.m_store.config().encoding);
}

QByteArray Secondary::Cycle::attest(Secondary &self, const BusMessage &request)
{
    QByteArray answer;
    Cycle *cycle = running(self, request, answer);
    if (!cycle)
        return answer;
    if (cycle->stage != Stage::AwaitingAttestation)
        return cycle->fail(self, request, {ErrorCode::InvalidArgument, u"a second time attestation in one cycle"_s});

    const EcuConfig &config = self.m_store.config();
    const Verify::AttestationExpectations expected{config.timeServerKey, {cycle->nonce},
                                                   self.m_store.state().attestedTime};
    auto time = Verify::checkTimeAttestation(request.payload, config.encoding, expected, &self.m_report);
    cycle->emitChecks(self);
    if (!time)
        return cycle->fail(self, request, time.error().context(u"time attestation"_s));
    cycle->attestedTime = *time;
    cycle->stage = Stage::AwaitingMetadata;
    note(self, u"time attestation accepted: %1"_s.arg(time->toString(Qt::ISODate)));
    return ack(self, request);
}

QByteArray Secondary::Cycle::verifyMetadata(Secondary &self, const BusMessage &request)
{
    QByteArray answer;
    Cycle *cycle = running(self, request, answer);
    if (!cycle)
        return answer;
    // Standard §5.4.4.1/2 step 1: no metadata is judged without a verified time.
    if (cycle->stage == Stage::AwaitingAttestation)
        return cycle->fail(self, request, {ErrorCode::NotTrusted, u"metadata before a verified time attestation"_s});
    if (cycle->stage != Stage::AwaitingMetadata)
        return cycle->fail(self, request, {ErrorCode::InvalidArgument, u"metadata sent twice in one cycle"_s});

    const EcuConfig &config = self.m_store.config();
    const bool full = config.verification == Verification::Full;
    const BusMessage::Kind expected = full ? BusMessage::Kind::MetadataBundle : BusMessage::Kind::DirectorTargets;
    if (request.kind != expected) {
        // A full-verification ECU never settles for less (a compromised Primary's downgrade).
        return cycle->fail(self, request,
                           {ErrorCode::InvalidArgument,
                            u"a %1-verification ECU takes %2, not %3"_s.arg(verificationName(config.verification),
                                                                          Metadata::busMessageKindName(expected),
                                                                          Metadata::busMessageKindName(request.kind))});
    }
    auto verified = full ? detail::verifyFull(self.m_store, request.payload, cycle->attestedTime, self.m_report)
                         : detail::verifyPartial(self.m_store, request.payload, cycle->attestedTime, self.m_report);
    cycle->emitChecks(self);
    if (!verified)
        return cycle->fail(self, request, verified.error());

    const auto &installed = self.m_store.state().installed;
    if (!verified->target || (installed && detail::sameImage(*verified->target, *installed))) {
        // §5.4.3: nothing new to install; the verified metadata and time still move forward.
        if (auto ok = cycle->commit(self, *verified, std::nullopt, Verdict::UpToDate); !ok)
            return cycle->fail(self, request, ok.error());
        cycle->decide(self, Verdict::UpToDate);
        return ack(self, request);
    }
    const QString wanted = verified->target->path;
    cycle->verified = std::move(*verified);
    cycle->stage = Stage::AwaitingImage;
    note(self, u"metadata verified (%1): wants image %2"_s.arg(verificationName(config.verification), wanted));
    return ack(self, request, wanted);
}

QByteArray Secondary::Cycle::install(Secondary &self, const BusMessage &request)
{
    QByteArray answer;
    Cycle *cycle = running(self, request, answer);
    if (!cycle)
        return answer;
    if (cycle->stage != Stage::AwaitingImage)
        return cycle->fail(self, request, {ErrorCode::NotTrusted, u"an image before verified metadata named one"_s});

    const Metadata::TargetFile target = *cycle->verified->target;
    if (request.name != target.path) {
        return cycle->fail(self, request,
                           {ErrorCode::TargetMismatch, u"image %1 sent, %2 wanted"_s.arg(request.name, target.path)});
    }
    // §5.4.3 "verify image": exactly the length and hashes the verified metadata lists.
    auto ok = Verify::checkImage(request.payload, target, &self.m_report);
    cycle->emitChecks(self);
    if (!ok)
        return cycle->fail(self, request, ok.error());
    const Verdict outcome = classifyInstall(target, request.payload, self.m_malicious);
    if (auto committed = cycle->commit(self, *cycle->verified, request.payload, outcome); !committed)
        return cycle->fail(self, request, committed.error());
    cycle->verified.reset();
    cycle->decide(self, outcome);
    return ack(self, request);
}

QByteArray Secondary::Cycle::manifest(Secondary &self, const BusMessage &request)
{
    Cycle *cycle = current(self, request);
    if (!cycle)
        return refuse(self, request, {ErrorCode::InvalidArgument, u"no cycle %1 in progress"_s.arg(request.cycle)});

    // §5.4.3: always send a version report, refusals included.
    const EcuConfig &config = self.m_store.config();
    const EcuState &state = self.m_store.state();
    Metadata::EcuManifest body;
    body.ecuSerial = config.serial;
    if (state.installed)
        body.installedImage = detail::installedRecord(*state.installed);
    // After a commit the state holds the cycle's time; after a refusal past the attestation
    // the verified time is still the latest the ECU knows.
    const bool attested = cycle->attestedTime.isValid();
    const QDateTime time = orFallback(attested ? cycle->attestedTime : state.attestedTime,
                                      QDateTime::fromSecsSinceEpoch(0, Qt::UTC));
    body.timeserverTime = time;
    body.previousTimeserverTime = orFallback(attested ? cycle->timeBefore : state.previousAttestedTime, time);
    // Test-only AttackReporting off: the manifest says nothing of what failed.
    const bool reporting = Verify::Defences::isOn(Verify::Defence::AttackReporting);
    body.attacksDetected = cycle->error && reporting ? cycle->error->toString() : QString();
    body.nonce = cycle->nonce;

    auto bytes = Metadata::signAndSerialize(body, config.encoding, {self.m_store.key()});
    if (!bytes)
        return refuse(self, request, bytes.error().context(u"cannot sign the ECU manifest"_s));
    note(self,
         u"signed ECU manifest: %1 installed%2"_s.arg(
             body.installedImage.path, body.attacksDetected.isEmpty() ? QString() : u", attack: "_s + body.attacksDetected),
         std::nullopt, *bytes);
    BusMessage reply = replyTo(request, BusMessage::Kind::EcuManifest, config.serial);
    reply.payload = *bytes;
    return encodeReply(reply, config.encoding);
}

// ---- helpers

Secondary::Cycle *Secondary::Cycle::current(Secondary &self, const BusMessage &request)
{
    return self.m_cycle && self.m_cycle->number == request.cycle ? self.m_cycle.get() : nullptr;
}

Secondary::Cycle *Secondary::Cycle::running(Secondary &self, const BusMessage &request, QByteArray &answer)
{
    Cycle *cycle = current(self, request);
    if (!cycle) {
        answer = refuse(self, request, {ErrorCode::InvalidArgument, u"no cycle %1 in progress"_s.arg(request.cycle)});
        return nullptr;
    }
    if (auto closedAnswer = cycle->closed(self, request)) {
        answer = *closedAnswer;
        return nullptr;
    }
    return cycle;
}

QByteArray Secondary::Cycle::refuse(Secondary &self, const BusMessage &request, const Error &error)
{
    note(self, u"refused %1 of cycle %2"_s.arg(Metadata::busMessageKindName(request.kind)).arg(request.cycle), error);
    BusMessage reply = replyTo(request, BusMessage::Kind::Ack, self.m_store.config().serial);
    setError(reply, error);
    return encodeReply(reply, self.m_store.config().encoding);
}

QByteArray Secondary::Cycle::fail(Secondary &self, const BusMessage &request, const Error &reason)
{
    stage = Stage::Failed;
    error = reason;
    verified.reset();
    decide(self, verdictForError(reason.code));
    BusMessage reply = replyTo(request, BusMessage::Kind::Ack, self.m_store.config().serial);
    setError(reply, reason);
    return encodeReply(reply, self.m_store.config().encoding);
}

std::optional<QByteArray> Secondary::Cycle::closed(Secondary &self, const BusMessage &request) const
{
    if (stage == Stage::Failed) {
        BusMessage reply = replyTo(request, BusMessage::Kind::Ack, self.m_store.config().serial);
        setError(reply, *error);
        return encodeReply(reply, self.m_store.config().encoding);
    }
    if (stage == Stage::Finished)
        return refuse(self, request, {ErrorCode::InvalidArgument, u"cycle %1 is finished"_s.arg(number)});
    return std::nullopt;
}

void Secondary::Cycle::decide(Secondary &self, Verdict outcome)
{
    if (stage != Stage::Failed)
        stage = Stage::Finished;
    verdict = outcome;
    decided = true;
    QString summary = u"cycle %1: %2"_s.arg(number).arg(verdictName(outcome));
    if (error)
        summary += u" (" + error->toString() + u')';
    else if (outcome != Verdict::UpToDate && self.m_store.state().installed)
        summary += u": " + self.m_store.state().installed->path;
    tell(self.m_onEvent, self.m_store.nodeId(), LabEvent::Kind::Verdict, summary, error);
}

Result<void> Secondary::Cycle::commit(Secondary &self, const detail::SecondaryVerification &result,
                                      const std::optional<QByteArray> &image, Verdict outcome) const
{
    EcuChange change;
    change.state = self.m_store.state();
    change.state.previousAttestedTime = change.state.attestedTime;
    change.state.attestedTime = attestedTime;
    change.state.directorTargetsVersion = result.directorTargetsVersion;
    change.state.cycles += 1;
    change.state.lastVerdict = verdictName(outcome);
    if (image) {
        change.state.backup = change.state.installed;
        change.state.installed = result.target;
        change.newImage = *image;
    }
    change.metadata = result.metadata;
    return self.m_store.commit(change);
}

void Secondary::Cycle::emitChecks(Secondary &self)
{
    const QList<Verify::Check> &checks = self.m_report.checks();
    for (; emittedChecks < checks.size(); ++emittedChecks) {
        const Verify::Check &check = checks.at(emittedChecks);
        const QString mark = check.passed ? u"PASS"_s : check.advisory ? u"NOTE"_s : u"FAIL"_s;
        tell(self.m_onEvent, self.m_store.nodeId(), LabEvent::Kind::Check,
             u"[%1] %2 %3: %4"_s.arg(mark, check.step, check.role, check.description), check.error);
    }
}

QByteArray Secondary::Cycle::ack(Secondary &self, const BusMessage &request, const QString &wanted)
{
    BusMessage reply = replyTo(request, BusMessage::Kind::Ack, self.m_store.config().serial);
    reply.name = wanted;
    return encodeReply(reply, self.m_store.config().encoding);
}

} // namespace Uptane::Vehicle
