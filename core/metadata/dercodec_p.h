#pragma once

// Private to core/metadata: the building blocks of the DER codec (codec_p.h's Der half),
// shared by dercodec_io.cpp (Writer, Reader), dercodec_fields.cpp (keys, hashes, target and
// meta files, signatures, the common role fields) and dercodec.cpp (role and message bodies,
// entry points).
//
// The module is resources/asn1/uptane.asn. Fields are addressed by libtasn1 names
// ("signed.root.keys.?2.keyid"), which also serve as the "where" of every error.
//
// Division of labour, as in the JSON codec: writers encode any representable value (tests
// build malformed metadata this way) and refuse only what DER cannot carry (JSON-only
// members: Unsupported; unset times or keys: InvalidArgument). Readers enforce the size
// bounds of the module and the TUF/Uptane rules the JSON reader enforces, with the same
// codes (SchemaViolation, UnsupportedSpecVersion, DuplicateKey, MissingRole,
// DuplicateRoleName), so both encodings accept and refuse the same metadata.

#include "encoding/der.h"
#include "metadata/signed.h"

#include <limits>
#include <optional>

namespace Uptane::Metadata::detail::der {

using Name = QByteArray;

// The i-th element (from 1) of a SEQUENCE OF.
inline Name at(const Name &list, qsizetype i)
{
    return list + ".?" + Name::number(i);
}

// Upper bounds of uptane.asn; libtasn1 does not enforce them, the readers do.
namespace Limit {
inline constexpr qsizetype identifier = 256;
inline constexpr qsizetype specVersion = 32;
inline constexpr qsizetype path = 4096;
inline constexpr qsizetype hashPrefix = 64;
inline constexpr qsizetype text = 8192;
inline constexpr qsizetype hashFunction = 32;
inline constexpr qsizetype digest = 128;
inline constexpr qsizetype keyValue = 4096;
inline constexpr qsizetype signature = 2048;
inline constexpr qsizetype keyids = 1024;
inline constexpr qsizetype hashes = 16;
inline constexpr qsizetype keys = 1024;
inline constexpr qsizetype signatures = 1024;
inline constexpr qsizetype rootRoles = 64;
inline constexpr qsizetype targets = 4096;
inline constexpr qsizetype delegatedRoles = 1024;
inline constexpr qsizetype patterns = 1024;
inline constexpr qsizetype hardwareIds = 1024;
inline constexpr qsizetype meta = 4096;
inline constexpr qsizetype ecus = 1024;
inline constexpr qsizetype manifestsPerEcu = 64;
inline constexpr qsizetype nonces = 1024;
} // namespace Limit

// Writes fields into an Element and keeps the first failure, so that body writers read as a
// plain list of fields; once failed, every further call does nothing.
class Writer
{
public:
    explicit Writer(Der::Element &element) : m_element(element) {}

    const std::optional<Error> &error() const { return m_error; }
    void setError(Error error);

    void integer(const Name &name, qint64 value);
    void boolean(const Name &name, bool value);
    void string(const Name &name, const QString &value);
    void octets(const Name &name, const QByteArray &value);
    void enumeration(const Name &name, const char *symbol);
    void choose(const Name &name, const char *alternative);
    void omit(const Name &name);
    // UNIX seconds; InvalidArgument for an unset time or a year outside 1..9999 (what the
    // JSON form can hold too). Fractions of a second are dropped, as in JSON.
    void time(const Name &name, const QDateTime &value);
    void strings(const Name &name, const QStringList &values);
    // The value, or the OPTIONAL field left out when there is none.
    void optional(const Name &name, const std::optional<QString> &value);
    void optional(const Name &name, const std::optional<qint64> &value);
    void optional(const Name &name, const std::optional<QStringList> &values);
    // Appends to a SEQUENCE OF; returns the element's name (empty once failed).
    Name append(const Name &name);
    // Unsupported when a JSON-only member map is not empty: DER has no room for it.
    void jsonOnly(const Name &name, const Json::Object &members, const char *what = "members");

private:
    template <typename R>
    void check(const R &result);

    Der::Element &m_element;
    std::optional<Error> m_error;
};

// Reads fields from a decoded Element and keeps the first failure; once failed, reads return
// empty values and counts return 0, so loops end and the caller checks error() once.
class Reader
{
public:
    explicit Reader(const Der::Element &element) : m_element(element) {}

    const std::optional<Error> &error() const { return m_error; }
    bool failed() const { return m_error.has_value(); }
    void setError(Error error);
    void violation(const Name &name, const QString &what,
                   ErrorCode code = ErrorCode::SchemaViolation);

    qint64 integer(const Name &name, qint64 min = std::numeric_limits<qint64>::min(),
                   qint64 max = std::numeric_limits<qint64>::max());
    bool boolean(const Name &name);
    QString string(const Name &name, qsizetype maxCharacters);
    QByteArray octets(const Name &name, qsizetype minBytes, qsizetype maxBytes);
    QDateTime time(const Name &name);
    // Elements of a SEQUENCE OF; SchemaViolation above max.
    int count(const Name &name, qsizetype max);
    QStringList strings(const Name &name, qsizetype maxCount, qsizetype maxCharacters);
    bool has(const Name &name) const;
    // The exact input bytes of a field (what signatures over it cover).
    QByteArray bytes(const Name &name);
    // Map entries are sorted strictly ascending by key (one encoding per value).
    void ascending(const Name &name, const QString &previous, const QString &key);

private:
    template <typename R>
    bool check(const R &result);

    const Der::Element &m_element;
    std::optional<Error> m_error;
};

// Reads a map stored as a SEQUENCE OF sorted strictly by a key field (the canonical form of
// uptane.asn): readOne(elementName, key) -> V reads the rest of each element.
template <typename V, typename ReadOne>
QMap<QString, V> readMap(Reader &r, const Name &list, qsizetype maxCount, const char *keyField,
                         qsizetype maxKey, ReadOne readOne)
{
    QMap<QString, V> map;
    const int n = r.count(list, maxCount);
    for (int i = 1; i <= n && !r.failed(); ++i) {
        const Name element = at(list, i);
        const QString key = r.string(element + '.' + keyField, maxKey);
        if (!map.isEmpty())
            r.ascending(element + '.' + keyField, map.lastKey(), key);
        V value = readOne(element, key);
        if (!r.failed())
            map.insert(key, std::move(value));
    }
    return map;
}

// Field types shared by several bodies (dercodec_fields.cpp).
void writeKeys(Writer &w, const Name &name, const QMap<QString, KeyEntry> &keys);
QMap<QString, KeyEntry> readKeys(Reader &r, const Name &name);
// A role's keyids: each at most once (DuplicateKey, TUF §5.3.4).
QStringList readKeyids(Reader &r, const Name &name);
void writeHashes(Writer &w, const Name &name, const Hashes &hashes);
Hashes readHashes(Reader &r, const Name &name, bool allowEmpty);
void writeTarget(Writer &w, const Name &name, const QString &path, const TargetFile &file);
TargetFile readTarget(Reader &r, const Name &name, bool allowEmptyHashes);
void writeMetaFile(Writer &w, const Name &name, const QString &filename, const MetaFile &meta);
MetaFile readMetaFile(Reader &r, const Name &name, QString &filename);
void writeSignatures(Writer &w, const Name &name, const QList<Signature> &signatures);
QList<Signature> readSignatures(Reader &r, const Name &name);
// specVersion, version, expires (and the JSON-only members of "signed").
void writeCommon(Writer &w, const Name &name, const Common &common);
void readCommon(Reader &r, const Name &name, Common &out);

} // namespace Uptane::Metadata::detail::der
