#include "vehicle/verdict.h"

#include "crypto/hash.h"

using namespace Qt::StringLiterals;

namespace Uptane::Vehicle {

namespace {

constexpr Verdict kVerdicts[] = {Verdict::Updated, Verdict::UpToDate,  Verdict::NoUpdate,   Verdict::Defended,
                                 Verdict::Replay,  Verdict::Frozen,    Verdict::Compromised};

} // namespace

QString verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Updated: return u"UPDATED"_s;
    case Verdict::UpToDate: return u"UP TO DATE"_s;
    case Verdict::NoUpdate: return u"NO UPDATE"_s;
    case Verdict::Defended: return u"DEFENDED"_s;
    case Verdict::Replay: return u"REPLAY"_s;
    case Verdict::Frozen: return u"FROZEN"_s;
    case Verdict::Compromised: return u"COMPROMISED"_s;
    }
    return u"UNKNOWN"_s;
}

std::optional<Verdict> verdictFromName(const QString &name)
{
    for (Verdict verdict : kVerdicts) {
        if (verdictName(verdict) == name)
            return verdict;
    }
    return std::nullopt;
}

Verdict verdictForError(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Rollback:
    case ErrorCode::ReleaseCounterRollback:
    case ErrorCode::TimeWentBackwards:
        return Verdict::Replay;
    case ErrorCode::Expired:
        return Verdict::Frozen;
    default:
        return Verdict::Defended;
    }
}

Verdict classifyInstall(const Metadata::TargetFile &installed, const MaliciousImages &malicious)
{
    const QByteArray sha256 = installed.hashes.value(u"sha256"_s);
    return !sha256.isEmpty() && malicious.contains(sha256) ? Verdict::Compromised : Verdict::Updated;
}

Verdict classifyInstall(const Metadata::TargetFile &installed, QByteArrayView bytes, const MaliciousImages &malicious)
{
    if (malicious.isEmpty())
        return Verdict::Updated;
    if (classifyInstall(installed, malicious) == Verdict::Compromised || malicious.contains(Crypto::sha256(bytes)))
        return Verdict::Compromised;
    return Verdict::Updated;
}

} // namespace Uptane::Vehicle
