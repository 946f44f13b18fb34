#pragma once

// A generic view of DER bytes for inspectors: every TLV (X.690 §8.1) as a node with its tag,
// its place in the input and its children, plus the field names of our ASN.1 module
// (resources/asn1/uptane.asn) laid over it. Unlike Der::Element (der.h), which decodes values
// of one known type through libtasn1, this walks any DER and keeps byte offsets, so a viewer
// can highlight the exact bytes of a field.
//
// The walk is strict, in the same way as Der::checkStructure: definite lengths in minimal
// form, children exactly filling their parent, nothing after the top-level element, bounded
// depth. Failures are MalformedDer with the byte offset in the detail (the error catalogue's
// code for "not DER"); TooDeep past the depth limit; TooLarge past the node limit.

#include "common/error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace Uptane::Der {

struct DerNode
{
    enum class TagClass { Universal, Application, Context, Private };
    TagClass tagClass = TagClass::Universal;
    bool constructed = false;
    quint32 tag = 0;
    qsizetype offset = 0;        // of the identifier octet, from the start of the input
    qsizetype headerLength = 0;  // identifier + length octets
    qsizetype length = 0;        // content octets
    QByteArray value;            // content octets (empty for constructed nodes)
    QList<DerNode> children;     // constructed nodes only

    // Filled by nameDerTree(): the module's field name ("expires", "signatures"), for an
    // element of a SEQUENCE OF its index ("[2]"); the module type ("Targets", "Hash"); and
    // for list elements a label taken from the element (a target's path, a keyid ...).
    QString name;
    QString typeName;
    QString label;

    qsizetype totalLength() const { return headerLength + length; }
    qsizetype end() const { return offset + headerLength + length; }
};

struct DerTreeLimits
{
    int maxDepth = 32;
    qsizetype maxNodes = 1 << 20;
};

// Decodes der as exactly one TLV tree (see above for the failures).
Result<DerNode> decodeDerTree(QByteArrayView der, const DerTreeLimits &limits = {});

// "[UNIVERSAL 16]" style tag text, with the universal types named ("SEQUENCE", "INTEGER",
// "UTF8String" ...) and context tags as "[1]".
QString derTagName(const DerNode &node);

// The value of a primitive node as text: INTEGER/ENUMERATED in decimal (hex past 64 bits),
// BOOLEAN as true/false, UTF8String quoted, OCTET STRING in hex (first 64 bytes, then "…").
// Empty for constructed nodes.
QString derValueText(const DerNode &node);

// Names the tree as a value of our module: a Metadata file (the `signed` CHOICE tag picks
// Root, Targets ... and the nodes are named after their fields) or a BusMessage. Returns
// false, leaving the names empty, when the shape matches neither (the tree is still fine to
// show generically). Enumerated values get their symbol in `label` ("ed25519", "image").
bool nameDerTree(DerNode &root);

// The first node, breadth first, whose name is `name` (nullptr when none): "expires",
// "signatures" ... Breadth first, so the role's own fields win over nested ones.
const DerNode *findDerField(const DerNode &root, const QString &name);

} // namespace Uptane::Der
