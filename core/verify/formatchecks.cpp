#include "verify/formatchecks.h"
#include "verify/metachecks.h"
#include "verify/trustedrepository.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace Uptane::Verify {

using namespace Metadata;

namespace {

// Format rules of TUF §4 every role shares and the codec may not enforce on its own.
Result<void> validateCommon(const Common &common)
{
    if (common.version < 1)
        return fail(ErrorCode::SchemaViolation, u"version %1 is not a positive integer"_s.arg(common.version));
    if (!common.expires.isValid())
        return fail(ErrorCode::SchemaViolation, u"expires is not a valid time"_s);
    return {};
}

Result<void> validateMetaFile(const QString &name, const MetaFile &meta)
{
    if (meta.version < 1)
        return fail(ErrorCode::SchemaViolation, u"%1 listed with version %2"_s.arg(name).arg(meta.version));
    if (meta.length && *meta.length < 0)
        return fail(ErrorCode::SchemaViolation, u"%1 listed with length %2"_s.arg(name).arg(*meta.length));
    return {};
}

} // namespace

// TUF §4 "root.json": all four top-level roles, thresholds >= 1, keyids unique per role.
Result<void> validateFormat(const Root &root)
{
    if (auto ok = validateCommon(root); !ok)
        return ok;
    for (const QString &name : {kRootRole, kTimestampRole, kSnapshotRole, kTargetsRole}) {
        const auto role = root.roles.constFind(name);
        if (role == root.roles.constEnd())
            return fail(ErrorCode::MissingRole, u"root does not list the %1 role"_s.arg(name));
        if (role->threshold < 1) {
            return fail(ErrorCode::SchemaViolation,
                        u"%1 threshold %2 is below 1"_s.arg(name).arg(role->threshold));
        }
        if (QSet<QString>(role->keyids.cbegin(), role->keyids.cend()).size() != role->keyids.size())
            return fail(ErrorCode::DuplicateKey, u"%1 lists a keyid twice"_s.arg(name));
    }
    return {};
}

// TUF §4 "targets.json": role names unique within a delegations object; paths and
// path_hash_prefixes mutually exclusive; thresholds >= 1; keyids unique per role.
Result<void> validateFormat(const Targets &targets)
{
    if (auto ok = validateCommon(targets); !ok)
        return ok;
    if (!targets.delegations)
        return {};
    QSet<QString> names;
    for (const DelegatedRole &role : targets.delegations->roles) {
        if (names.contains(role.name))
            return fail(ErrorCode::DuplicateRoleName, u"delegated role \"%1\" listed twice"_s.arg(role.name));
        names.insert(role.name);
        if (role.paths && role.pathHashPrefixes) {
            return fail(ErrorCode::SchemaViolation,
                        u"delegated role \"%1\" sets both paths and path_hash_prefixes"_s.arg(role.name));
        }
        if (role.threshold < 1) {
            return fail(ErrorCode::SchemaViolation,
                        u"delegated role \"%1\" threshold %2 is below 1"_s.arg(role.name).arg(role.threshold));
        }
        if (QSet<QString>(role.keyids.cbegin(), role.keyids.cend()).size() != role.keyids.size())
            return fail(ErrorCode::DuplicateKey, u"delegated role \"%1\" lists a keyid twice"_s.arg(role.name));
    }
    return {};
}

Result<void> validateFormat(const Timestamp &timestamp)
{
    if (auto ok = validateCommon(timestamp); !ok)
        return ok;
    return validateMetaFile(timestamp.snapshotName, timestamp.snapshot);
}

Result<void> validateFormat(const Snapshot &snapshot)
{
    if (auto ok = validateCommon(snapshot); !ok)
        return ok;
    for (auto it = snapshot.meta.cbegin(); it != snapshot.meta.cend(); ++it) {
        if (auto ok = validateMetaFile(it.key(), it.value()); !ok)
            return ok;
    }
    return {};
}

bool rotatesKeys(const Root &from, const Root &to, const QString &role)
{
    const RoleKeys oldRole = from.roles.value(role);
    const RoleKeys newRole = to.roles.value(role);
    if (oldRole.threshold != newRole.threshold)
        return true;
    if (QSet<QString>(oldRole.keyids.cbegin(), oldRole.keyids.cend())
        != QSet<QString>(newRole.keyids.cbegin(), newRole.keyids.cend())) {
        return true;
    }
    for (const QString &keyid : newRole.keyids) {
        if (!(from.keys.value(keyid).key == to.keys.value(keyid).key))
            return true;
    }
    return false;
}

} // namespace Uptane::Verify
