#include "widgets/inspector/checkfield.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

namespace {

bool isTrustedRootCheck(const Verify::Check &check)
{
    return check.step == u"TUF 5.2" && check.role == u"root";
}

bool isRoleName(const QString &role, const QStringList &files)
{
    for (const QString &file : files) {
        if (roleOfFile(file) == role)
            return true;
    }
    return false;
}

} // namespace

QStringList fieldNamesFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Expired:
        return {u"expires"_s};
    case ErrorCode::Rollback:
    case ErrorCode::BadVersion:
    case ErrorCode::VersionMismatch:
    case ErrorCode::EqualVersion:
        return {u"version"_s};
    case ErrorCode::BadSignature:
    case ErrorCode::ThresholdNotMet:
    case ErrorCode::RootThresholdOld:
    case ErrorCode::RootThresholdNew:
    case ErrorCode::DuplicateKey:
        return {u"signatures"_s};
    case ErrorCode::HashMismatch:
        return {u"hashes"_s};
    case ErrorCode::LengthMismatch:
        return {u"length"_s};
    case ErrorCode::HardwareIdMismatch:
        return {u"hardware_id"_s, u"hardwareId"_s};
    case ErrorCode::ReleaseCounterRollback:
        return {u"release_counter"_s, u"releaseCounter"_s};
    case ErrorCode::TargetMismatch:
    case ErrorCode::TargetNotFound:
    case ErrorCode::DuplicateEcu:
    case ErrorCode::UnknownEcu:
        return {u"targets"_s};
    case ErrorCode::UnsupportedSpecVersion:
        return {u"spec_version"_s, u"specVersion"_s};
    case ErrorCode::WrongType:
        return {u"_type"_s, u"signed"_s};
    case ErrorCode::DelegationNotAllowed:
    case ErrorCode::DelegationLimit:
    case ErrorCode::DelegationNotInSnapshot:
    case ErrorCode::DuplicateRoleName:
    case ErrorCode::DirectorHasDelegations:
        return {u"delegations"_s};
    case ErrorCode::RoleRemoved:
    case ErrorCode::MissingRole:
        return {u"meta"_s, u"roles"_s};
    default:
        return {};
    }
}

QString roleOfFile(const QString &fileName)
{
    QString name = fileName.section(u'/', -1);
    // Drop the extension and a consistent-snapshot version prefix ("3.root.json").
    name = name.section(u'.', 0, -2);
    static const QRegularExpression versionPrefix(u"^[0-9]+\\."_s);
    name.remove(versionPrefix);
    return name;
}

QString repositoryOfFile(const QString &fileName)
{
    return fileName.contains(u'/') ? fileName.section(u'/', 0, 0) : QString();
}

QString repositoryOfCheck(const QList<Verify::Check> &checks, qsizetype index)
{
    // Each repository's checks start with a run of trusted-root checks (TUF 5.2): the second
    // run starts the Image Repository. A URL in a description ("download http://.../director/
    // democar/metadata/...") says it outright.
    QString repository = u"director"_s;
    int runs = 0;
    bool previousWasRoot = false;
    for (qsizetype i = 0; i <= index && i < checks.size(); ++i) {
        const bool root = isTrustedRootCheck(checks[i]);
        if (root && !previousWasRoot)
            repository = ++runs >= 2 ? u"imagerepo"_s : u"director"_s;
        previousWasRoot = root;
        if (checks[i].description.contains(u"imagerepo/"))
            repository = u"imagerepo"_s;
        else if (checks[i].description.contains(u"director/"))
            repository = u"director"_s;
    }
    return repository;
}

QString fileForCheck(const QList<Verify::Check> &checks, qsizetype index, const QStringList &files)
{
    if (index < 0 || index >= checks.size())
        return {};
    const Verify::Check &check = checks[index];
    // Image checks name the target path: the Director targets listed it.
    QString role = isRoleName(check.role, files) ? check.role : u"targets"_s;
    // A metadata file's bytes failed the length or hashes listed for it: the listing is in
    // snapshot (timestamp for the snapshot itself), TUF 5.5.2 / 5.6.2.
    const bool listed = check.error
        && (check.error->code == ErrorCode::HashMismatch || check.error->code == ErrorCode::LengthMismatch);
    if (listed && isRoleName(check.role, files) && role != u"timestamp")
        role = role == u"snapshot" ? u"timestamp"_s : u"snapshot"_s;
    const QString repository = isRoleName(check.role, files) ? repositoryOfCheck(checks, index)
                                                             : u"director"_s;
    QString fallback;
    for (const QString &file : files) {
        if (roleOfFile(file) != role)
            continue;
        const QString fileRepository = repositoryOfFile(file);
        if (fileRepository.isEmpty() || fileRepository == repository)
            return file;
        if (fallback.isEmpty())
            fallback = file;
    }
    return fallback;
}

} // namespace Uptane::Widgets
