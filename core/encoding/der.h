#pragma once

// DER (ITU-T X.690 Distinguished Encoding Rules) for the types of our ASN.1 module,
// resources/asn1/uptane.asn, through libtasn1. This header exposes no libtasn1 type, so
// core/metadata can use it without including libtasn1.h (a layering test enforces that).
//
// Element is one value of a module type held as a libtasn1 tree. Fields are addressed by
// libtasn1 names relative to the element: "signed.root.version", "keys.?3.keyid" (the third
// element of a SEQUENCE OF; elements count from 1), "signed" for a CHOICE.
//
// Decoding is strict, because signatures are checked over bytes and an ambiguous encoding
// would let two different byte strings carry one signed value:
//   1. a structural pass over the TLVs (definite lengths only, minimal length octets,
//      children exactly filling their parent, bounded depth, nothing after the top-level
//      element): MalformedDer naming the byte offset;
//   2. libtasn1 with ASN1_DECODE_FLAG_STRICT_DER against the type (tags, order, presence);
//      the consumed length must equal the input size;
//   3. re-encoding the decoded tree must give back the input byte for byte (catches what
//      libtasn1 tolerates, e.g. a BOOLEAN TRUE that is not 0xFF).
// Readers add the per-value rules libtasn1 does not check: minimal INTEGER content and
// well-formed UTF-8 in UTF8String (MalformedDer). libtasn1 does not enforce SIZE or value
// range constraints; callers (core/metadata/dercodec.cpp) do.
//
// Errors carry the field name or byte offset in the detail. Element is move-only and not
// thread-safe; distinct Elements may be used on distinct threads.

#include "common/error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

namespace Uptane::Der {

// The header of one TLV.
struct Header
{
    enum class Class { Universal, Application, Context, Private };
    Class tagClass = Class::Universal;
    bool constructed = false;
    quint32 tag = 0;
    qsizetype headerLength = 0;  // identifier + length octets
    qsizetype length = 0;        // content octets
};

// Reads the TLV header at offset. MalformedDer for truncation, an indefinite length, a
// length in non-minimal form, or content running past the end of der.
Result<Header> readHeader(QByteArrayView der, qsizetype offset = 0);

struct DecodeLimits
{
    qsizetype maxBytes = 16 * 1024 * 1024;  // larger input: TooLarge
    int maxDepth = 32;                      // deeper TLV nesting: TooDeep
    qsizetype maxElements = 1 << 20;        // more TLVs: TooLarge (bounds libtasn1's memory)
    // More children in one constructed element: TooLarge. libtasn1 appends each decoded
    // SEQUENCE OF element by walking the list whenever elements hold lists themselves, so a
    // list costs time quadratic in its length; this caps it before libtasn1 runs.
    qsizetype maxChildren = 4096;
};

// Step 1 of decoding on its own: the input is exactly one well-formed DER TLV tree.
Result<void> checkStructure(QByteArrayView der, const DecodeLimits &limits = {});

class Element
{
public:
    // An empty value of a module type, e.g. create("Metadata"). InvalidArgument for a type
    // the module does not define.
    static Result<Element> create(const char *typeName);
    // Decodes der as a value of typeName with the strict rules above. The input is copied;
    // decodedBytes() returns slices of that copy.
    static Result<Element> decode(const char *typeName, QByteArrayView der,
                                  const DecodeLimits &limits = {});

    Element(Element &&other) noexcept;
    Element &operator=(Element &&other) noexcept;
    ~Element();

    // DER of the whole element (empty name) or of one field. InvalidArgument if a required
    // field was never written (the detail names it).
    Result<QByteArray> encode(const QByteArray &name = {}) const;
    // Decoded elements only: the exact input bytes of a field (tag and length included).
    Result<QByteArray> decodedBytes(const QByteArray &name) const;

    // Writing. Every failure is InvalidArgument naming the field (a bug in the caller).
    Result<void> writeInteger(const QByteArray &name, qint64 value);
    Result<void> writeBool(const QByteArray &name, bool value);
    Result<void> writeOctets(const QByteArray &name, QByteArrayView value);
    Result<void> writeString(const QByteArray &name, const QString &value);  // as UTF-8
    Result<void> writeEnum(const QByteArray &name, const char *symbol);     // e.g. "rsa"
    Result<void> choose(const QByteArray &name, const char *alternative);   // CHOICE
    Result<void> omit(const QByteArray &name);                              // OPTIONAL
    // Appends an element to a SEQUENCE OF and returns its name ("keys.?N").
    Result<QByteArray> append(const QByteArray &name);

    // Reading. MalformedDer for content that is not DER; SchemaViolation for an INTEGER
    // outside qint64; NotFound for an absent field.
    Result<qint64> readInteger(const QByteArray &name) const;   // INTEGER or ENUMERATED
    Result<bool> readBool(const QByteArray &name) const;
    Result<QByteArray> readOctets(const QByteArray &name) const;
    Result<QString> readString(const QByteArray &name) const;  // strict UTF-8
    Result<QByteArray> chosen(const QByteArray &name) const;   // alternative of a CHOICE
    Result<int> count(const QByteArray &name) const;           // elements of a SEQUENCE OF
    bool has(const QByteArray &name) const;                    // OPTIONAL field present

private:
    struct Impl;
    explicit Element(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace Uptane::Der
