#include "encoding/der.h"

#include <QHash>
#include <QStringDecoder>
#include <QVarLengthArray>

#include <libtasn1.h>

using namespace Qt::StringLiterals;

// The module compiled by asn1Parser at build time (core/encoding/CMakeLists.txt).
extern "C" const asn1_static_node uptane_asn1_tab[];

namespace Uptane::Der {

namespace {

constexpr const char *kModule = "UptaneLab.";

// The parsed module, built once and shared read-only by every Element (libtasn1 only reads
// the definitions when creating elements). Deliberately never freed.
asn1_node_const definitions()
{
    static const asn1_node tree = [] {
        asn1_node node = nullptr;
        char description[ASN1_MAX_ERROR_DESCRIPTION_SIZE] = {};
        if (asn1_array2tree(uptane_asn1_tab, &node, description) != ASN1_SUCCESS)
            return asn1_node(nullptr);
        return node;
    }();
    return tree;
}

QString libraryError(int code, const char *description = nullptr)
{
    QString text = QString::fromLatin1(asn1_strerror(code));
    if (description && *description)
        text += u" ("_s + QString::fromLatin1(description).trimmed() + u')';
    return text;
}

QString fieldName(const QByteArray &name)
{
    return name.isEmpty() ? u"(element)"_s : QString::fromLatin1(name);
}

QString hexByte(quint8 byte)
{
    return u"0x"_s + QString::number(byte, 16).rightJustified(2, u'0');
}

// Minimal big-endian two's complement, as X.690 §8.3.2 requires of INTEGER contents.
QByteArray twosComplement(qint64 value)
{
    QByteArray bytes(8, Qt::Uninitialized);
    for (int i = 7; i >= 0; --i) {
        bytes[i] = char(quint64(value) & 0xff);
        value >>= 8;  // arithmetic shift keeps the sign
    }
    int skip = 0;
    while (skip < 7) {
        const auto first = quint8(bytes[skip]);
        const auto next = quint8(bytes[skip + 1]);
        if ((first == 0x00 && next < 0x80) || (first == 0xff && next >= 0x80))
            ++skip;
        else
            break;
    }
    return bytes.mid(skip);
}

} // namespace

Result<Header> readHeader(QByteArrayView der, qsizetype offset)
{
    const auto at = [offset](const QString &what) {
        return fail(ErrorCode::MalformedDer, u"at byte %1: %2"_s.arg(offset).arg(what));
    };
    const qsizetype size = der.size();
    qsizetype pos = offset;
    if (pos >= size)
        return at(u"truncated: missing tag"_s);

    Header header;
    const auto identifier = quint8(der[pos++]);
    header.tagClass = static_cast<Header::Class>(identifier >> 6);
    header.constructed = identifier & 0x20;
    header.tag = identifier & 0x1f;
    if (header.tag == 0x1f) {
        // High tag number form (X.690 §8.1.2.4): base 128, no leading 0x80, at least 31.
        header.tag = 0;
        for (int i = 0;; ++i) {
            if (pos >= size)
                return at(u"truncated tag"_s);
            const auto byte = quint8(der[pos++]);
            if (i == 0 && byte == 0x80)
                return at(u"tag number in non-minimal form"_s);
            if (i == 3)
                return at(u"tag number too large"_s);
            header.tag = (header.tag << 7) | (byte & 0x7f);
            if (!(byte & 0x80))
                break;
        }
        if (header.tag < 0x1f)
            return at(u"tag number %1 in high-tag form"_s.arg(header.tag));
    }

    if (pos >= size)
        return at(u"truncated: missing length"_s);
    const auto first = quint8(der[pos++]);
    quint64 length = first;
    if (first == 0x80) {
        return at(u"indefinite length (BER, not DER)"_s);
    } else if (first == 0xff) {
        return at(u"reserved length octet 0xff"_s);
    } else if (first > 0x80) {
        // Long form (X.690 §10.1): as few octets as possible, so no leading zero and never
        // for a length the short form can hold.
        const int octets = first & 0x7f;
        if (octets > 8)
            return at(u"length in %1 octets"_s.arg(octets));
        if (size - pos < octets)
            return at(u"truncated length"_s);
        length = 0;
        for (int i = 0; i < octets; ++i)
            length = (length << 8) | quint8(der[pos++]);
        if (quint8(der[pos - octets]) == 0 || length < 0x80)
            return at(u"non-minimal length encoding (%1 octets for %2)"_s.arg(octets).arg(length));
    }
    if (length > quint64(size - pos))
        return at(u"length %1 runs past the end (%2 bytes left)"_s.arg(length).arg(size - pos));
    header.headerLength = pos - offset;
    header.length = qsizetype(length);
    return header;
}

Result<void> checkStructure(QByteArrayView der, const DecodeLimits &limits)
{
    if (der.isEmpty())
        return fail(ErrorCode::MalformedDer, u"empty input"_s);
    if (der.size() > limits.maxBytes)
        return fail(ErrorCode::TooLarge,
                    u"%1 bytes, more than the %2 allowed"_s.arg(der.size()).arg(limits.maxBytes));

    // Ends of the constructed elements enclosing pos; each child is read against its
    // parent's end, so a length running past the parent is caught where it occurs.
    QVarLengthArray<qsizetype, 32> ends;
    QVarLengthArray<qsizetype, 32> children;  // read so far in each enclosing element
    qsizetype pos = 0;
    qsizetype elements = 0;
    while (true) {
        while (!ends.isEmpty() && pos == ends.last()) {
            ends.removeLast();
            children.removeLast();
        }
        if (ends.isEmpty() && pos > 0)
            break;
        const qsizetype limit = ends.isEmpty() ? der.size() : ends.last();
        auto header = readHeader(der.first(limit), pos);
        if (!header)
            return fail(header.error());
        if (++elements > limits.maxElements)
            return fail(ErrorCode::TooLarge,
                        u"more than %1 DER elements"_s.arg(limits.maxElements));
        if (!children.isEmpty() && ++children.last() > limits.maxChildren)
            return fail(ErrorCode::TooLarge, u"at byte %1: more than %2 elements in one list"_s
                                                 .arg(pos).arg(limits.maxChildren));
        if (header->constructed) {
            ends.append(pos + header->headerLength + header->length);
            children.append(0);
            if (ends.size() > limits.maxDepth)
                return fail(ErrorCode::TooDeep,
                            u"at byte %1: nesting deeper than %2"_s.arg(pos).arg(limits.maxDepth));
            pos += header->headerLength;
        } else {
            pos += header->headerLength + header->length;
        }
    }
    if (pos != der.size())
        return fail(ErrorCode::MalformedDer,
                    u"at byte %1: %2 trailing byte(s) after the top-level element"_s
                        .arg(pos).arg(der.size() - pos));
    return {};
}

struct Element::Impl
{
    asn1_node node = nullptr;
    QByteArray input;  // decoded elements: the bytes decoded, for decodedBytes()
    // Elements appended so far per SEQUENCE OF: asn1_number_of_elements() walks the whole
    // list, which would make building a long list quadratic twice over.
    QHash<QByteArray, int> appended;

    ~Impl() { asn1_delete_structure(&node); }

    // Reads a value of any type; NotFound when absent.
    Result<QByteArray> read(const QByteArray &name) const
    {
        int length = 0;
        int rc = asn1_read_value(node, name.constData(), nullptr, &length);
        if (rc == ASN1_SUCCESS)
            return QByteArray();
        if (rc == ASN1_MEM_ERROR) {
            QByteArray value(length, Qt::Uninitialized);
            rc = asn1_read_value(node, name.constData(), value.data(), &length);
            if (rc == ASN1_SUCCESS) {
                value.truncate(length);
                return value;
            }
        }
        const ErrorCode code = rc == ASN1_ELEMENT_NOT_FOUND || rc == ASN1_VALUE_NOT_FOUND
                                   ? ErrorCode::NotFound
                                   : ErrorCode::MalformedDer;
        return fail(code, fieldName(name) + u": "_s + libraryError(rc));
    }

    Result<void> write(const QByteArray &name, const void *value, int length)
    {
        const int rc = asn1_write_value(node, name.constData(), value, length);
        if (rc != ASN1_SUCCESS)
            return fail(ErrorCode::InvalidArgument,
                        u"cannot write %1: %2"_s.arg(fieldName(name), libraryError(rc)));
        return {};
    }
};

Element::Element(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Element::Element(Element &&other) noexcept = default;
Element &Element::operator=(Element &&other) noexcept = default;
Element::~Element() = default;

Result<Element> Element::create(const char *typeName)
{
    if (!definitions())
        return fail(ErrorCode::InvalidArgument, u"the ASN.1 module failed to load"_s);
    auto impl = std::make_unique<Impl>();
    const QByteArray qualified = QByteArray(kModule) + typeName;
    const int rc = asn1_create_element(definitions(), qualified.constData(), &impl->node);
    if (rc != ASN1_SUCCESS)
        return fail(ErrorCode::InvalidArgument,
                    u"no ASN.1 type %1: %2"_s.arg(QLatin1StringView(typeName), libraryError(rc)));
    return Element(std::move(impl));
}

Result<Element> Element::decode(const char *typeName, QByteArrayView der,
                                const DecodeLimits &limits)
{
    if (auto structure = checkStructure(der, limits); !structure)
        return fail(structure.error());
    auto element = create(typeName);
    if (!element)
        return element;
    Impl &impl = *element->m_impl;
    impl.input = der.toByteArray();

    char description[ASN1_MAX_ERROR_DESCRIPTION_SIZE] = {};
    int consumed = int(impl.input.size());
    const int rc = asn1_der_decoding2(&impl.node, impl.input.constData(), &consumed,
                                      ASN1_DECODE_FLAG_STRICT_DER, description);
    if (rc != ASN1_SUCCESS)
        return fail(ErrorCode::MalformedDer, u"not a DER %1: %2"_s.arg(
                        QLatin1StringView(typeName), libraryError(rc, description)));
    if (consumed != impl.input.size())
        return fail(ErrorCode::MalformedDer,
                    u"at byte %1: trailing bytes after the %2"_s.arg(consumed).arg(
                        QLatin1StringView(typeName)));

    // DER has one encoding per value: whatever libtasn1 let through must re-encode to the
    // very same bytes, or the input was not DER.
    auto again = element->encode();
    if (!again)
        return fail(ErrorCode::MalformedDer, again.error().detail);
    if (*again != impl.input) {
        qsizetype at = 0;
        while (at < again->size() && at < impl.input.size() && again->at(at) == impl.input.at(at))
            ++at;
        return fail(ErrorCode::MalformedDer,
                    u"at byte %1: not in canonical DER form (%2 expected)"_s.arg(at).arg(
                        at < again->size() ? hexByte(quint8(again->at(at))) : u"end"_s));
    }
    return element;
}

Result<QByteArray> Element::encode(const QByteArray &name) const
{
    char description[ASN1_MAX_ERROR_DESCRIPTION_SIZE] = {};
    int length = 0;
    int rc = asn1_der_coding(m_impl->node, name.constData(), nullptr, &length, description);
    if (rc == ASN1_MEM_ERROR) {
        QByteArray bytes(length, Qt::Uninitialized);
        rc = asn1_der_coding(m_impl->node, name.constData(), bytes.data(), &length, description);
        if (rc == ASN1_SUCCESS) {
            bytes.truncate(length);
            return bytes;
        }
    }
    return fail(ErrorCode::InvalidArgument,
                u"cannot encode %1: %2"_s.arg(fieldName(name), libraryError(rc, description)));
}

Result<QByteArray> Element::decodedBytes(const QByteArray &name) const
{
    if (m_impl->input.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"decodedBytes() on an element never decoded"_s);
    int start = 0;
    int end = 0;
    const int rc = asn1_der_decoding_startEnd(m_impl->node, m_impl->input.constData(),
                                              int(m_impl->input.size()), name.constData(),
                                              &start, &end);
    if (rc != ASN1_SUCCESS)
        return fail(ErrorCode::NotFound, fieldName(name) + u": "_s + libraryError(rc));
    return m_impl->input.mid(start, end - start + 1);  // end is inclusive
}

Result<void> Element::writeInteger(const QByteArray &name, qint64 value)
{
    const QByteArray bytes = twosComplement(value);
    return m_impl->write(name, bytes.constData(), int(bytes.size()));
}

Result<void> Element::writeBool(const QByteArray &name, bool value)
{
    return m_impl->write(name, value ? "TRUE" : "FALSE", 1);
}

Result<void> Element::writeOctets(const QByteArray &name, QByteArrayView value)
{
    // libtasn1 reads a length of 0 as "NUL-terminated": give it an empty string then.
    if (value.isEmpty())
        return m_impl->write(name, "", 0);
    return m_impl->write(name, value.data(), int(value.size()));
}

Result<void> Element::writeString(const QByteArray &name, const QString &value)
{
    if (!value.isValidUtf16())
        return fail(ErrorCode::InvalidArgument,
                    fieldName(name) + u": a lone surrogate has no UTF-8 form"_s);
    return writeOctets(name, value.toUtf8());
}

Result<void> Element::writeEnum(const QByteArray &name, const char *symbol)
{
    return m_impl->write(name, symbol, 0);
}

Result<void> Element::choose(const QByteArray &name, const char *alternative)
{
    return m_impl->write(name, alternative, 1);
}

Result<void> Element::omit(const QByteArray &name)
{
    return m_impl->write(name, nullptr, 0);
}

Result<QByteArray> Element::append(const QByteArray &name)
{
    auto known = m_impl->appended.find(name);
    if (known == m_impl->appended.end()) {
        auto elements = count(name);
        if (!elements)
            return fail(elements.error());
        known = m_impl->appended.insert(name, *elements);
    }
    if (auto written = m_impl->write(name, "NEW", 1); !written)
        return fail(written.error());
    return name + ".?" + QByteArray::number(++*known);
}

Result<qint64> Element::readInteger(const QByteArray &name) const
{
    auto bytes = m_impl->read(name);
    if (!bytes)
        return fail(bytes.error());
    if (bytes->isEmpty())
        return fail(ErrorCode::MalformedDer, fieldName(name) + u": INTEGER without content"_s);
    if (bytes->size() > 1) {
        const auto first = quint8(bytes->at(0));
        const auto next = quint8(bytes->at(1));
        if ((first == 0x00 && next < 0x80) || (first == 0xff && next >= 0x80))
            return fail(ErrorCode::MalformedDer,
                        fieldName(name) + u": INTEGER not in minimal form"_s);
    }
    if (bytes->size() > 8)
        return fail(ErrorCode::SchemaViolation,
                    fieldName(name) + u": integer out of the 64-bit range"_s);
    qint64 value = quint8(bytes->at(0)) >= 0x80 ? -1 : 0;
    for (char byte : std::as_const(*bytes))
        value = qint64((quint64(value) << 8) | quint8(byte));
    return value;
}

Result<bool> Element::readBool(const QByteArray &name) const
{
    auto text = m_impl->read(name);
    if (!text)
        return fail(text.error());
    const QByteArray value(text->constData());  // up to the terminating NUL
    if (value == "TRUE")
        return true;
    if (value == "FALSE")
        return false;
    return fail(ErrorCode::MalformedDer, fieldName(name) + u": not a BOOLEAN"_s);
}

Result<QByteArray> Element::readOctets(const QByteArray &name) const
{
    return m_impl->read(name);
}

Result<QString> Element::readString(const QByteArray &name) const
{
    auto bytes = m_impl->read(name);
    if (!bytes)
        return fail(bytes.error());
    // Keep a leading U+FEFF as a character (the default decoder would drop it as a BOM), and
    // insist on a lossless round trip: invalid, overlong or surrogate sequences are errors.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless
                                                     | QStringDecoder::Flag::ConvertInitialBom);
    QString text = decoder(*bytes);
    if (decoder.hasError() || text.toUtf8() != *bytes)
        return fail(ErrorCode::MalformedDer, fieldName(name) + u": invalid UTF-8"_s);
    return text;
}

Result<QByteArray> Element::chosen(const QByteArray &name) const
{
    auto text = m_impl->read(name);
    if (!text)
        return fail(text.error());
    return QByteArray(text->constData());  // libtasn1 includes the terminating NUL
}

Result<int> Element::count(const QByteArray &name) const
{
    int elements = 0;
    const int rc = asn1_number_of_elements(m_impl->node, name.constData(), &elements);
    if (rc != ASN1_SUCCESS)
        return fail(ErrorCode::NotFound, fieldName(name) + u": "_s + libraryError(rc));
    return elements;
}

bool Element::has(const QByteArray &name) const
{
    return asn1_find_node(m_impl->node, name.constData()) != nullptr;
}

} // namespace Uptane::Der
