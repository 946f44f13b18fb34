#include "encoding/dertree.h"

#include "encoding/der.h"

#include <QDateTime>
#include <QHash>
#include <QQueue>


using namespace Qt::StringLiterals;

namespace Uptane::Der {

namespace {

struct Walk
{
    const DerTreeLimits &limits;
    qsizetype nodes = 0;
};

// One TLV at offset inside der (der ends where the parent's content ends, so a child that
// runs past its parent is "past the end" for readHeader).
Result<DerNode> walk(QByteArrayView der, qsizetype offset, int depth, Walk &state)
{
    if (depth > state.limits.maxDepth)
        return fail(ErrorCode::TooDeep, u"at byte %1: nesting deeper than %2"_s.arg(offset).arg(state.limits.maxDepth));
    if (++state.nodes > state.limits.maxNodes)
        return fail(ErrorCode::TooLarge, u"at byte %1: more than %2 elements"_s.arg(offset).arg(state.limits.maxNodes));
    auto header = readHeader(der, offset);
    if (!header)
        return fail(header.error());
    DerNode node;
    node.tagClass = static_cast<DerNode::TagClass>(header->tagClass);
    node.constructed = header->constructed;
    node.tag = header->tag;
    node.offset = offset;
    node.headerLength = header->headerLength;
    node.length = header->length;
    const qsizetype contentStart = offset + node.headerLength;
    if (!node.constructed) {
        node.value = der.sliced(contentStart, node.length).toByteArray();
        return node;
    }
    // Children exactly fill the content (X.690 §8.1.1): the view ends at the parent's end.
    const QByteArrayView content = der.first(node.end());
    for (qsizetype at = contentStart; at < node.end();) {
        auto child = walk(content, at, depth + 1, state);
        if (!child)
            return child;
        at = child->end();
        node.children.append(std::move(*child));
    }
    return node;
}

// ---------------------------------------------------------------- the module's shape

enum class Kind { Sequence, SequenceOf, Choice, Enumerated, UnixTime, Primitive };

struct Field
{
    const char *name;
    const char *type;
    int context = -1;  // IMPLICIT [n] tag, -1 when the field keeps its universal tag
};

struct TypeSpec
{
    Kind kind = Kind::Primitive;
    QList<Field> fields;       // Sequence: fields; SequenceOf: one (element type, label field)
    QStringList symbols;       // Enumerated
};

// resources/asn1/uptane.asn, type by type (keep in step with it). A SEQUENCE OF's one field
// names the element type, and as name the element field whose value labels each element.
const QHash<QString, TypeSpec> &module()
{
    static const QHash<QString, TypeSpec> types = [] {
        QHash<QString, TypeSpec> t;
        const auto seq = [&t](const char *name, QList<Field> fields) {
            t.insert(QString::fromLatin1(name), TypeSpec{Kind::Sequence, std::move(fields), {}});
        };
        const auto list = [&t](const char *name, const char *element, const char *labelField) {
            t.insert(QString::fromLatin1(name),
                     TypeSpec{Kind::SequenceOf, {Field{labelField, element}}, {}});
        };
        const auto prim = [&t](const char *name, Kind kind = Kind::Primitive) {
            t.insert(QString::fromLatin1(name), TypeSpec{kind, {}, {}});
        };
        prim("Identifier");
        prim("Natural");
        prim("Positive");
        prim("Int64");
        prim("Text");
        prim("Boolean");
        prim("Octets");
        prim("UnixTime", Kind::UnixTime);
        t.insert(u"KeyType"_s, TypeSpec{Kind::Enumerated, {}, {u"ed25519"_s, u"rsa"_s, u"ecdsa"_s,
                                                                u"ecdsa-sha2-nistp256"_s}});
        t.insert(u"BusMessageKind"_s,
                 TypeSpec{Kind::Enumerated, {}, {u"nonceRequest"_s, u"nonce"_s, u"attestation"_s,
                                                 u"metadataBundle"_s, u"directorTargets"_s, u"image"_s,
                                                 u"manifestRequest"_s, u"ecuManifest"_s, u"ack"_s}});
        t.insert(u"Signed"_s, TypeSpec{Kind::Choice,
                                      {{"root", "Root", 0}, {"targets", "Targets", 1},
                                       {"snapshot", "Snapshot", 2}, {"timestamp", "Timestamp", 3},
                                       {"ecuManifest", "EcuManifest", 4},
                                       {"vehicleManifest", "VehicleManifest", 5},
                                       {"timeAttestation", "TimeAttestation", 6}},
                                      {}});

        list("Identifiers", "Identifier", nullptr);
        list("Int64s", "Int64", nullptr);
        seq("Hash", {{"function", "Identifier"}, {"digest", "Octets"}});
        list("Hashes", "Hash", "function");
        seq("PublicKey", {{"keyid", "Identifier"}, {"keyType", "KeyType"}, {"value", "Octets"}});
        list("PublicKeys", "PublicKey", "keyid");
        seq("Signature", {{"keyid", "Identifier"}, {"value", "Octets"}});
        list("Signatures", "Signature", "keyid");
        seq("RoleKeys", {{"role", "Identifier"}, {"keyids", "Identifiers"}, {"threshold", "Positive"}});
        list("RoleKeysList", "RoleKeys", "role");
        seq("Root", {{"specVersion", "Identifier"}, {"version", "Positive"}, {"expires", "UnixTime"},
                     {"consistentSnapshot", "Boolean"}, {"keys", "PublicKeys"},
                     {"roles", "RoleKeysList"}});
        seq("Custom", {{"ecuSerial", "Identifier", 0}, {"hardwareId", "Identifier", 1},
                       {"releaseCounter", "Natural", 2}, {"ecuSerials", "Identifiers", 3}});
        seq("Target", {{"path", "Identifier"}, {"length", "Natural"}, {"hashes", "Hashes"},
                       {"custom", "Custom", 0}});
        list("TargetList", "Target", "path");
        seq("DelegatedRole", {{"name", "Identifier"}, {"keyids", "Identifiers"}, {"threshold", "Positive"},
                              {"terminating", "Boolean"}, {"paths", "Identifiers", 0},
                              {"pathHashPrefixes", "Identifiers", 1}, {"hardwareIds", "Identifiers"}});
        list("DelegatedRoles", "DelegatedRole", "name");
        seq("Delegations", {{"keys", "PublicKeys"}, {"roles", "DelegatedRoles"}});
        seq("Targets", {{"specVersion", "Identifier"}, {"version", "Positive"}, {"expires", "UnixTime"},
                        {"targets", "TargetList"}, {"delegations", "Delegations", 0},
                        {"vehicleId", "Identifier", 1}});
        seq("MetaFile", {{"filename", "Identifier"}, {"version", "Positive"}, {"length", "Natural", 0},
                         {"hashes", "Hashes"}});
        list("MetaFiles", "MetaFile", "filename");
        seq("Snapshot", {{"specVersion", "Identifier"}, {"version", "Positive"}, {"expires", "UnixTime"},
                         {"meta", "MetaFiles"}});
        seq("Timestamp", {{"specVersion", "Identifier"}, {"version", "Positive"}, {"expires", "UnixTime"},
                          {"snapshot", "MetaFile"}});
        seq("EcuManifest", {{"ecuSerial", "Identifier"}, {"installedImage", "Target"},
                            {"timeserverTime", "UnixTime"}, {"previousTimeserverTime", "UnixTime"},
                            {"attacksDetected", "Text"}, {"nonce", "Int64"}});
        seq("SignedEcuManifest", {{"signed", "EcuManifest", 4}, {"signatures", "Signatures"}});
        list("SignedEcuManifests", "SignedEcuManifest", nullptr);
        seq("EcuManifests", {{"ecuSerial", "Identifier"}, {"manifests", "SignedEcuManifests"}});
        list("EcuManifestsList", "EcuManifests", "ecuSerial");
        seq("VehicleManifest", {{"vin", "Identifier"}, {"primaryEcuSerial", "Identifier"},
                                {"ecuManifests", "EcuManifestsList"}, {"attacksDetected", "Text"}});
        seq("TimeAttestation", {{"time", "UnixTime"}, {"nonces", "Int64s"}});
        seq("BusMessage", {{"kind", "BusMessageKind"}, {"sender", "Identifier"}, {"receiver", "Identifier"},
                           {"cycle", "Natural"}, {"nonce", "Int64", 0}, {"name", "Identifier", 1},
                           {"errorCode", "Identifier", 2}, {"detail", "Text", 3},
                           {"payload", "Octets"}});
        seq("Metadata", {{"signed", "Signed"}, {"signatures", "Signatures"}});
        return t;
    }();
    return types;
}

std::optional<qint64> integerValue(const DerNode &node)
{
    if (node.value.isEmpty() || node.value.size() > 8)
        return std::nullopt;
    qint64 value = qint8(node.value[0]);  // sign from the first octet (two's complement)
    for (qsizetype i = 1; i < node.value.size(); ++i)
        value = qint64(quint64(value) << 8) | quint8(node.value[i]);
    return value;
}

QString plainValue(const DerNode &node)
{
    // The label of a list element: a string without quotes.
    if (node.tagClass == DerNode::TagClass::Universal && node.tag == 12)
        return QString::fromUtf8(node.value);
    return derValueText(node);
}

bool nameAs(DerNode &node, const QString &typeName);

// Names the children of a SEQUENCE: context-tagged children pick their field by tag, the
// others take the next untagged field, in order (the module has no untagged OPTIONAL).
bool nameSequence(DerNode &node, const TypeSpec &spec)
{
    qsizetype next = 0;
    bool ok = true;
    for (DerNode &child : node.children) {
        const Field *field = nullptr;
        if (child.tagClass == DerNode::TagClass::Context) {
            for (const Field &candidate : spec.fields) {
                if (candidate.context == int(child.tag))
                    field = &candidate;
            }
        }
        while (!field && next < spec.fields.size() && spec.fields[next].context >= 0)
            ++next;
        // An untagged CHOICE field (Metadata.signed) arrives under its alternative's tag.
        if (!field && next < spec.fields.size()
            && (child.tagClass != DerNode::TagClass::Context
                || module().value(QString::fromLatin1(spec.fields[next].type)).kind == Kind::Choice)) {
            field = &spec.fields[next++];
        }
        if (!field) {
            ok = false;
            continue;
        }
        child.name = QString::fromLatin1(field->name);
        ok = nameAs(child, QString::fromLatin1(field->type)) && ok;
    }
    return ok;
}

bool nameAs(DerNode &node, const QString &typeName)
{
    const auto it = module().constFind(typeName);
    if (it == module().constEnd())
        return false;
    const TypeSpec &spec = *it;
    node.typeName = typeName;
    switch (spec.kind) {
    case Kind::Primitive:
        return !node.constructed;
    case Kind::UnixTime:
        if (const auto seconds = integerValue(node)) {
            node.label = QDateTime::fromSecsSinceEpoch(*seconds, Qt::UTC).toString(Qt::ISODate);
        }
        return !node.constructed;
    case Kind::Enumerated: {
        const auto value = integerValue(node);
        if (value && *value >= 0 && *value < spec.symbols.size())
            node.label = spec.symbols[*value];
        return !node.constructed;
    }
    case Kind::Choice:
        // IMPLICIT tags: the alternative's [n] replaces its SEQUENCE tag, so this very node
        // is the alternative.
        for (const Field &alternative : spec.fields) {
            if (node.tagClass == DerNode::TagClass::Context && alternative.context == int(node.tag)) {
                const bool ok = nameAs(node, QString::fromLatin1(alternative.type));
                node.label = QString::fromLatin1(alternative.name);
                return ok;
            }
        }
        return false;
    case Kind::Sequence:
        return node.constructed && nameSequence(node, spec);
    case Kind::SequenceOf: {
        if (!node.constructed)
            return false;
        const Field &element = spec.fields.first();
        const QString labelField = element.name ? QString::fromLatin1(element.name) : QString();
        bool ok = true;
        for (qsizetype i = 0; i < node.children.size(); ++i) {
            DerNode &child = node.children[i];
            child.name = u"[%1]"_s.arg(i);
            ok = nameAs(child, QString::fromLatin1(element.type)) && ok;
            for (const DerNode &field : std::as_const(child.children)) {
                if (!labelField.isEmpty() && field.name == labelField)
                    child.label = plainValue(field);
            }
        }
        return ok;
    }
    }
    return false;
}

QString hexPreview(const QByteArray &bytes)
{
    constexpr qsizetype kShown = 64;
    QString text = QString::fromLatin1(bytes.first(std::min(bytes.size(), kShown)).toHex());
    if (bytes.size() > kShown)
        text += u'\u2026';
    return text;
}

} // namespace

Result<DerNode> decodeDerTree(QByteArrayView der, const DerTreeLimits &limits)
{
    Walk state{limits};
    auto root = walk(der, 0, 1, state);
    if (!root)
        return root;
    if (root->end() != der.size()) {
        return fail(ErrorCode::MalformedDer,
                    u"at byte %1: %2 bytes after the top-level element"_s.arg(root->end())
                        .arg(der.size() - root->end()));
    }
    return root;
}

QString derTagName(const DerNode &node)
{
    switch (node.tagClass) {
    case DerNode::TagClass::Context:
        return u"[%1]"_s.arg(node.tag);
    case DerNode::TagClass::Application:
        return u"[APPLICATION %1]"_s.arg(node.tag);
    case DerNode::TagClass::Private:
        return u"[PRIVATE %1]"_s.arg(node.tag);
    case DerNode::TagClass::Universal:
        break;
    }
    switch (node.tag) {
    case 1: return u"BOOLEAN"_s;
    case 2: return u"INTEGER"_s;
    case 3: return u"BIT STRING"_s;
    case 4: return u"OCTET STRING"_s;
    case 5: return u"NULL"_s;
    case 6: return u"OBJECT IDENTIFIER"_s;
    case 10: return u"ENUMERATED"_s;
    case 12: return u"UTF8String"_s;
    case 16: return u"SEQUENCE"_s;
    case 17: return u"SET"_s;
    case 19: return u"PrintableString"_s;
    case 22: return u"IA5String"_s;
    case 23: return u"UTCTime"_s;
    case 24: return u"GeneralizedTime"_s;
    default: return u"[UNIVERSAL %1]"_s.arg(node.tag);
    }
}

QString derValueText(const DerNode &node)
{
    if (node.constructed)
        return {};
    const bool universal = node.tagClass == DerNode::TagClass::Universal;
    // Context-tagged primitives carry the type their field names: show them as the module
    // types them (INTEGER for counters and nonces, UTF8String for identifiers), decided by
    // the name when known, else as hex.
    const QString &type = node.typeName;
    const bool isInteger = (universal && (node.tag == 2 || node.tag == 10))
        || type == u"Natural" || type == u"Positive" || type == u"Int64" || type == u"UnixTime";
    const bool isString = (universal && node.tag == 12) || type == u"Identifier" || type == u"Text";
    if (universal && node.tag == 1)
        return node.value == QByteArray(1, '\0') ? u"false"_s : u"true"_s;
    if (universal && node.tag == 5)
        return u"NULL"_s;
    if (isInteger) {
        if (const auto value = integerValue(node))
            return QString::number(*value);
        return u"0x"_s + hexPreview(node.value);
    }
    if (isString)
        return u'"' + QString::fromUtf8(node.value) + u'"';
    return hexPreview(node.value);
}

bool nameDerTree(DerNode &root)
{
    if (!root.constructed || root.children.isEmpty())
        return false;
    const DerNode &first = root.children.first();
    QString type;
    if (first.tagClass == DerNode::TagClass::Context && first.constructed)
        type = u"Metadata"_s;
    else if (first.tagClass == DerNode::TagClass::Universal && first.tag == 10)
        type = u"BusMessage"_s;
    else
        return false;
    if (nameAs(root, type))
        return true;
    // A shape that half fits: leave no misleading names behind.
    const auto clear = [](auto &self, DerNode &node) -> void {
        node.name.clear();
        node.typeName.clear();
        node.label.clear();
        for (DerNode &child : node.children)
            self(self, child);
    };
    clear(clear, root);
    return false;
}

const DerNode *findDerField(const DerNode &root, const QString &name)
{
    QQueue<const DerNode *> queue;
    queue.enqueue(&root);
    while (!queue.isEmpty()) {
        const DerNode *node = queue.dequeue();
        if (node->name == name)
            return node;
        for (const DerNode &child : node->children)
            queue.enqueue(&child);
    }
    return nullptr;
}

} // namespace Uptane::Der
