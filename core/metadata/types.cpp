#include "metadata/types.h"

#include "crypto/hash.h"

using namespace Qt::StringLiterals;

namespace Uptane::Metadata {

QString encodingName(Encoding encoding)
{
    switch (encoding) {
    case Encoding::Json: return u"json"_s;
    case Encoding::Der: return u"der"_s;
    }
    Q_UNREACHABLE();
    return {};
}

Result<Encoding> encodingFromName(const QString &name)
{
    // Exact, lowercase: the names appear in file extensions and on the command line, and
    // one spelling per encoding keeps workspaces unambiguous.
    if (name == u"json")
        return Encoding::Json;
    if (name == u"der")
        return Encoding::Der;
    return fail(ErrorCode::InvalidArgument,
                u"unknown metadata encoding \"%1\" (expected json or der)"_s.arg(name));
}

QString fileExtension(Encoding encoding)
{
    return encodingName(encoding);
}

QString roleTypeName(RoleType type)
{
    switch (type) {
    case RoleType::Root: return u"root"_s;
    case RoleType::Targets: return u"targets"_s;
    case RoleType::Snapshot: return u"snapshot"_s;
    case RoleType::Timestamp: return u"timestamp"_s;
    }
    Q_UNREACHABLE();
    return {};
}

// TUF 1.0 §4.2: KEYID is the hex SHA-256 of the canonical JSON of the key object. We hash
// exactly {"keytype", "keyval": {"public"}, "scheme"}, the key as the securesystemslib signer
// API writes it without extra members. (Legacy securesystemslib _get_keyid also hashed a
// "keyid_hash_algorithms" member, and tools such as tuf-on-ci pick ids their own way, which
// is why keyids read from foreign metadata are treated as opaque.)
QString computeKeyId(const Crypto::PublicKey &key)
{
    if (key.isNull())
        return {};
    const Json::Object keyval{{u"public"_s, key.publicValue()}};
    const Json::Object object{
        {u"keytype"_s, key.keyTypeName()},
        {u"keyval"_s, keyval},
        {u"scheme"_s, key.schemeName()},
    };
    // Only strings: canonical() cannot fail on this tree.
    const auto bytes = Json::canonical(object);
    if (!bytes)
        return {};
    return QString::fromLatin1(Crypto::sha256(*bytes).toHex());
}

} // namespace Uptane::Metadata
