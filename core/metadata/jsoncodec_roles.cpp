// The "signed" bodies of the four TUF roles in JSON (TUF 1.0 §4.3-4.6), with the strictness
// of python-tuf's Metadata API wherever the specification leaves room, so both clients accept
// and refuse the same files.

#include "metadata/jsoncodec_p.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace Uptane::Metadata::detail::json {

namespace {

const QStringList &topLevelRoles()
{
    static const QStringList roles{u"root"_s, u"snapshot"_s, u"targets"_s, u"timestamp"_s};
    return roles;
}

// ---- root (TUF §4.3)

Result<RoleKeys> readRoleKeys(const Json::Reader &roleObject)
{
    METADATA_CHECK(roleObject.asObject());
    RoleKeys role;
    METADATA_TRY(keyids, readKeyids(roleObject));
    METADATA_TRY(threshold, roleObject.integer(u"threshold"_s, 1));
    role.keyids = keyids;
    role.threshold = threshold;
    role.unknown = roleObject.unknownMembers({u"keyids"_s, u"threshold"_s});
    return role;
}

// ---- delegations (TUF §4.5 "delegations")

Result<DelegatedRole> readDelegatedRole(const Json::Reader &roleObject)
{
    METADATA_CHECK(roleObject.asObject());
    DelegatedRole role;
    METADATA_TRY(name, roleObject.string(u"name"_s));
    // python-tuf: "Delegated roles cannot be empty or use top-level role names" — a
    // delegation named "snapshot" would otherwise share a file name with that role.
    if (name.isEmpty() || topLevelRoles().contains(name)) {
        return std::unexpected(roleObject.error(
            u"name"_s, u"\"%1\" cannot name a delegated role"_s.arg(name)));
    }
    role.name = name;
    METADATA_TRY(keyids, readKeyids(roleObject));
    METADATA_TRY(threshold, roleObject.integer(u"threshold"_s, 1));
    METADATA_TRY(terminating, roleObject.boolean(u"terminating"_s));
    role.keyids = keyids;
    role.threshold = threshold;
    role.terminating = terminating;

    // Exactly one of paths / path_hash_prefixes, as python-tuf's DelegatedRole requires.
    const bool hasPaths = roleObject.has(u"paths"_s);
    const bool hasPrefixes = roleObject.has(u"path_hash_prefixes"_s);
    if (hasPaths == hasPrefixes) {
        return std::unexpected(roleObject.error(
            hasPaths ? u"both \"paths\" and \"path_hash_prefixes\" set"_s
                     : u"one of \"paths\" and \"path_hash_prefixes\" must be set"_s));
    }
    if (hasPaths) {
        METADATA_TRY(pathsArray, roleObject.array(u"paths"_s));
        METADATA_TRY(paths, readStrings(pathsArray));
        role.paths = paths;
    } else {
        METADATA_TRY(prefixesArray, roleObject.array(u"path_hash_prefixes"_s));
        METADATA_TRY(prefixes, readStrings(prefixesArray));
        role.pathHashPrefixes = prefixes;
    }
    if (roleObject.has(u"hardware_ids"_s)) {
        // Uptane: the hardware ids this supplier may sign images for. An empty list means
        // "any", the same as an absent one, and is written back as absent.
        METADATA_TRY(idsArray, roleObject.array(u"hardware_ids"_s));
        METADATA_TRY(ids, readStrings(idsArray));
        role.hardwareIds = ids;
    }
    role.unknown = roleObject.unknownMembers({u"name"_s, u"keyids"_s, u"threshold"_s,
                                              u"terminating"_s, u"paths"_s,
                                              u"path_hash_prefixes"_s, u"hardware_ids"_s});
    return role;
}

Result<Delegations> readDelegations(const Json::Reader &delegationsObject)
{
    METADATA_CHECK(delegationsObject.asObject());
    Delegations delegations;
    METADATA_TRY(keysObject, delegationsObject.object(u"keys"_s));
    METADATA_TRY(keys, readKeys(keysObject));
    delegations.keys = keys;
    if (delegationsObject.has(u"succinct_roles"_s)) {
        // TAP 15 hash-bin delegation: not in TUF 1.0 and not implemented here.
        return std::unexpected(errorAt(delegationsObject.child(u"succinct_roles"_s),
                                       ErrorCode::Unsupported,
                                       u"succinct_roles (TAP 15) is not supported"_s));
    }
    METADATA_TRY(rolesArray, delegationsObject.array(u"roles"_s));
    QSet<QString> names;
    METADATA_TRY(roles, readList<DelegatedRole>(rolesArray, [&names](const Json::Reader &entry)
                                                    -> Result<DelegatedRole> {
        METADATA_TRY(role, readDelegatedRole(entry));
        if (names.contains(role.name)) {
            return std::unexpected(errorAt(entry, ErrorCode::DuplicateRoleName,
                                           u"role \"%1\" delegated twice"_s.arg(role.name)));
        }
        names.insert(role.name);
        return role;
    }));
    delegations.roles = roles;
    delegations.unknown = delegationsObject.unknownMembers({u"keys"_s, u"roles"_s});
    return delegations;
}

Result<Json::Object> writeDelegations(const Delegations &delegations)
{
    METADATA_TRY(keys, writeKeys(delegations.keys));
    Json::Array roles;
    for (const DelegatedRole &role : delegations.roles) {
        Json::Object object = role.unknown;
        object.insert(u"name"_s, role.name);
        object.insert(u"keyids"_s, writeStrings(role.keyids));
        object.insert(u"threshold"_s, role.threshold);
        object.insert(u"terminating"_s, role.terminating);
        // Written as set, even when invalid, so tests can build malformed delegations.
        if (role.paths)
            object.insert(u"paths"_s, writeStrings(*role.paths));
        if (role.pathHashPrefixes)
            object.insert(u"path_hash_prefixes"_s, writeStrings(*role.pathHashPrefixes));
        if (!role.hardwareIds.isEmpty())
            object.insert(u"hardware_ids"_s, writeStrings(role.hardwareIds));
        roles.append(object);
    }
    Json::Object object = delegations.unknown;
    object.insert(u"keys"_s, keys);
    object.insert(u"roles"_s, roles);
    return object;
}

} // namespace

Result<void> readBody(const Json::Reader &signedObject, Root &out)
{
    METADATA_CHECK(readCommon(signedObject, roleTypeName(RoleType::Root), out));
    // Required here (python-tuf treats it as optional): a root without it could not be written
    // back with the same signed bytes, and every real repository lists it (fuzzing found this).
    METADATA_TRY(consistent, signedObject.boolean(u"consistent_snapshot"_s));
    out.consistentSnapshot = consistent;
    METADATA_TRY(keysObject, signedObject.object(u"keys"_s));
    METADATA_TRY(keys, readKeys(keysObject));
    out.keys = keys;

    METADATA_TRY(rolesObject, signedObject.object(u"roles"_s));
    METADATA_TRY(roles, readMap<RoleKeys>(rolesObject, [](const Json::Reader &role, const QString &) {
        return readRoleKeys(role);
    }));
    out.roles = roles;
    for (const QString &name : topLevelRoles()) {
        if (!out.roles.contains(name)) {
            return std::unexpected(errorAt(rolesObject, ErrorCode::MissingRole,
                                           u"role \"%1\" missing"_s.arg(name)));
        }
    }
    // python-tuf: "Role names must be the top-level metadata roles".
    for (auto it = out.roles.cbegin(); it != out.roles.cend(); ++it) {
        if (!topLevelRoles().contains(it.key()))
            return std::unexpected(rolesObject.error(it.key(), u"not a top-level role"_s));
    }
    out.unknown = signedObject.unknownMembers({u"_type"_s, u"spec_version"_s, u"version"_s,
                                               u"expires"_s, u"consistent_snapshot"_s,
                                               u"keys"_s, u"roles"_s});
    return {};
}

Result<Json::Object> writeBody(const Root &body)
{
    METADATA_TRY(object, writeCommon(body, roleTypeName(RoleType::Root)));
    METADATA_TRY(keys, writeKeys(body.keys));
    const Json::Object roles = writeMap(body.roles, [](const RoleKeys &keys) {
        Json::Object role = keys.unknown;
        role.insert(u"keyids"_s, writeStrings(keys.keyids));
        role.insert(u"threshold"_s, keys.threshold);
        return role;
    });
    object.insert(u"consistent_snapshot"_s, body.consistentSnapshot);
    object.insert(u"keys"_s, keys);
    object.insert(u"roles"_s, roles);
    return object;
}

Result<void> readBody(const Json::Reader &signedObject, Targets &out)
{
    METADATA_CHECK(readCommon(signedObject, roleTypeName(RoleType::Targets), out));
    METADATA_TRY(targetsObject, signedObject.object(u"targets"_s));
    METADATA_TRY(targets, readMap<TargetFile>(targetsObject, [](const Json::Reader &file,
                                                                 const QString &path) {
        return readTargetFile(file, path, false);
    }));
    out.targets = targets;
    out.delegations.reset();
    if (signedObject.has(u"delegations"_s)) {
        METADATA_TRY(delegationsObject, signedObject.object(u"delegations"_s));
        METADATA_TRY(delegations, readDelegations(delegationsObject));
        out.delegations = delegations;
    }
    out.vehicleId.reset();
    if (signedObject.has(u"vehicle_id"_s)) {
        METADATA_TRY(vehicleId, signedObject.string(u"vehicle_id"_s));
        out.vehicleId = vehicleId;
    }
    out.unknown = signedObject.unknownMembers({u"_type"_s, u"spec_version"_s, u"version"_s,
                                               u"expires"_s, u"targets"_s, u"delegations"_s,
                                               u"vehicle_id"_s});
    return {};
}

Result<Json::Object> writeBody(const Targets &body)
{
    METADATA_TRY(object, writeCommon(body, roleTypeName(RoleType::Targets)));
    object.insert(u"targets"_s, writeMap(body.targets, writeTargetFile));
    if (body.delegations) {
        METADATA_TRY(delegations, writeDelegations(*body.delegations));
        object.insert(u"delegations"_s, delegations);
    }
    if (body.vehicleId)
        object.insert(u"vehicle_id"_s, *body.vehicleId);
    return object;
}

Result<void> readBody(const Json::Reader &signedObject, Snapshot &out)
{
    METADATA_CHECK(readCommon(signedObject, roleTypeName(RoleType::Snapshot), out));
    METADATA_TRY(metaObject, signedObject.object(u"meta"_s));
    METADATA_TRY(meta, readMap<MetaFile>(metaObject, [](const Json::Reader &file, const QString &) {
        return readMetaFile(file);
    }));
    out.meta = meta;
    out.unknown = signedObject.unknownMembers(
        {u"_type"_s, u"spec_version"_s, u"version"_s, u"expires"_s, u"meta"_s});
    return {};
}

Result<Json::Object> writeBody(const Snapshot &body)
{
    METADATA_TRY(object, writeCommon(body, roleTypeName(RoleType::Snapshot)));
    object.insert(u"meta"_s, writeMap(body.meta, writeMetaFile));
    return object;
}

Result<void> readBody(const Json::Reader &signedObject, Timestamp &out)
{
    METADATA_CHECK(readCommon(signedObject, roleTypeName(RoleType::Timestamp), out));
    METADATA_TRY(metaObject, signedObject.object(u"meta"_s));
    METADATA_TRY(members, metaObject.asObject());
    // TUF §4.6: timestamp lists the snapshot file and nothing else. The name is recorded
    // rather than imposed; the verifier decides whether it is the one it expects.
    if (members.size() != 1) {
        return std::unexpected(metaObject.error(
            u"expected exactly one entry (snapshot.json), got %1"_s.arg(members.size())));
    }
    const QString name = members.firstKey();
    METADATA_TRY(snapshot, readMetaFile(metaObject.child(name)));
    out.snapshot = snapshot;
    out.snapshotName = name;
    out.unknown = signedObject.unknownMembers(
        {u"_type"_s, u"spec_version"_s, u"version"_s, u"expires"_s, u"meta"_s});
    return {};
}

Result<Json::Object> writeBody(const Timestamp &body)
{
    METADATA_TRY(object, writeCommon(body, roleTypeName(RoleType::Timestamp)));
    object.insert(u"meta"_s, Json::Object{{body.snapshotName, writeMetaFile(body.snapshot)}});
    return object;
}

} // namespace Uptane::Metadata::detail::json
