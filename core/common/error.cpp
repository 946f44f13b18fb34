#include "error.h"

namespace Uptane {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument: return QStringLiteral("InvalidArgument");
    case ErrorCode::IoError: return QStringLiteral("IoError");
    case ErrorCode::NotFound: return QStringLiteral("NotFound");
    case ErrorCode::Unsupported: return QStringLiteral("Unsupported");
    case ErrorCode::MalformedJson: return QStringLiteral("MalformedJson");
    case ErrorCode::MalformedDer: return QStringLiteral("MalformedDer");
    case ErrorCode::SchemaViolation: return QStringLiteral("SchemaViolation");
    case ErrorCode::TooDeep: return QStringLiteral("TooDeep");
    case ErrorCode::TooLarge: return QStringLiteral("TooLarge");
    case ErrorCode::NotCanonical: return QStringLiteral("NotCanonical");
    case ErrorCode::CryptoFailure: return QStringLiteral("CryptoFailure");
    case ErrorCode::SelfTestFailed: return QStringLiteral("SelfTestFailed");
    case ErrorCode::InvalidKey: return QStringLiteral("InvalidKey");
    case ErrorCode::UnknownKeyType: return QStringLiteral("UnknownKeyType");
    case ErrorCode::BadSignature: return QStringLiteral("BadSignature");
    case ErrorCode::WrongType: return QStringLiteral("WrongType");
    case ErrorCode::UnsupportedSpecVersion: return QStringLiteral("UnsupportedSpecVersion");
    case ErrorCode::ThresholdNotMet: return QStringLiteral("ThresholdNotMet");
    case ErrorCode::RootThresholdOld: return QStringLiteral("RootThresholdOld");
    case ErrorCode::RootThresholdNew: return QStringLiteral("RootThresholdNew");
    case ErrorCode::BadVersion: return QStringLiteral("BadVersion");
    case ErrorCode::VersionMismatch: return QStringLiteral("VersionMismatch");
    case ErrorCode::Rollback: return QStringLiteral("Rollback");
    case ErrorCode::Expired: return QStringLiteral("Expired");
    case ErrorCode::HashMismatch: return QStringLiteral("HashMismatch");
    case ErrorCode::LengthMismatch: return QStringLiteral("LengthMismatch");
    case ErrorCode::RoleRemoved: return QStringLiteral("RoleRemoved");
    case ErrorCode::MissingRole: return QStringLiteral("MissingRole");
    case ErrorCode::DuplicateKey: return QStringLiteral("DuplicateKey");
    case ErrorCode::DuplicateRoleName: return QStringLiteral("DuplicateRoleName");
    case ErrorCode::TargetNotFound: return QStringLiteral("TargetNotFound");
    case ErrorCode::DelegationNotAllowed: return QStringLiteral("DelegationNotAllowed");
    case ErrorCode::DelegationLimit: return QStringLiteral("DelegationLimit");
    case ErrorCode::DelegationNotInSnapshot: return QStringLiteral("DelegationNotInSnapshot");
    case ErrorCode::TooManyRootRotations: return QStringLiteral("TooManyRootRotations");
    case ErrorCode::EqualVersion: return QStringLiteral("EqualVersion");
    case ErrorCode::NotTrusted: return QStringLiteral("NotTrusted");
    case ErrorCode::DirectorHasDelegations: return QStringLiteral("DirectorHasDelegations");
    case ErrorCode::DuplicateEcu: return QStringLiteral("DuplicateEcu");
    case ErrorCode::UnknownEcu: return QStringLiteral("UnknownEcu");
    case ErrorCode::TargetMismatch: return QStringLiteral("TargetMismatch");
    case ErrorCode::HardwareIdMismatch: return QStringLiteral("HardwareIdMismatch");
    case ErrorCode::ReleaseCounterRollback: return QStringLiteral("ReleaseCounterRollback");
    case ErrorCode::BadTimeAttestation: return QStringLiteral("BadTimeAttestation");
    case ErrorCode::NonceMissing: return QStringLiteral("NonceMissing");
    case ErrorCode::TimeWentBackwards: return QStringLiteral("TimeWentBackwards");
    case ErrorCode::ReusedNonce: return QStringLiteral("ReusedNonce");
    case ErrorCode::SpoofedEcu: return QStringLiteral("SpoofedEcu");
    case ErrorCode::UnknownVehicle: return QStringLiteral("UnknownVehicle");
    case ErrorCode::ConnectionFailed: return QStringLiteral("ConnectionFailed");
    case ErrorCode::HttpError: return QStringLiteral("HttpError");
    case ErrorCode::SlowRetrieval: return QStringLiteral("SlowRetrieval");
    case ErrorCode::Timeout: return QStringLiteral("Timeout");
    case ErrorCode::Cancelled: return QStringLiteral("Cancelled");
    }
    return QStringLiteral("Unknown");
}

std::optional<ErrorCode> errorCodeFromName(const QString &name)
{
    // The enum is dense from InvalidArgument to Cancelled (its last member).
    for (int i = int(ErrorCode::InvalidArgument); i <= int(ErrorCode::Cancelled); ++i) {
        if (errorCodeName(ErrorCode(i)) == name)
            return ErrorCode(i);
    }
    return std::nullopt;
}

QString Error::toString() const
{
    return errorCodeName(code) + u": " + detail;
}

Error Error::context(const QString &where) const
{
    return Error{code, where + u": " + detail};
}

} // namespace Uptane
