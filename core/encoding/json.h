#pragma once

// A JSON value that keeps what metadata needs and QJsonValue loses: 64-bit integers kept
// exact and told apart from non-integer numbers, and a strict reader. Objects are sorted
// maps (keys unique by construction); canonical JSON sorts by Unicode code point itself.

#include "common/error.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <variant>

namespace Uptane::Json {

class Value;
using Array = QList<Value>;
using Object = QMap<QString, Value>;

class Value
{
public:
    enum class Type { Null, Bool, Integer, Double, String, Array, Object };

    Value() = default;                    // null
    Value(std::nullptr_t) {}
    Value(bool b) : m_data(b) {}
    Value(int i) : m_data(qint64(i)) {}
    Value(qint64 i) : m_data(i) {}
    Value(double d) : m_data(d) {}        // a non-integer number (canonical JSON rejects it)
    Value(const QString &s) : m_data(s) {}
    Value(const char16_t *s) : m_data(QString::fromUtf16(s)) {}
    Value(const Array &a) : m_data(a) {}
    Value(const Object &o) : m_data(o) {}

    Type type() const { return static_cast<Type>(m_data.index()); }
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isInteger() const { return type() == Type::Integer; }
    bool isDouble() const { return type() == Type::Double; }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }

    // Accessors return a default when the type differs; check the type first.
    bool toBool() const;
    qint64 toInteger() const;
    double toDouble() const;  // integers convert too
    QString toString() const;
    Array toArray() const;
    Object toObject() const;
    // Member lookup on objects; null Value when absent or not an object.
    Value operator[](const QString &key) const;

    // Human name of the type for error messages: "integer", "string", ...
    static QString typeName(Type type);

    bool operator==(const Value &other) const = default;

private:
    std::variant<std::nullptr_t, bool, qint64, double, QString, Array, Object> m_data;
};

struct ParseOptions
{
    qsizetype maxBytes = 16 * 1024 * 1024;  // larger input: TooLarge
    int maxDepth = 64;                        // deeper nesting: TooDeep
    // The parser itself never recurses, but canonical(), pretty(), operator== and ~Value do,
    // once per level: keep maxDepth modest (thousands, not millions).
};

// Strict RFC 8259 reader. Rejects: invalid UTF-8, lone surrogates in \u escapes, duplicate
// object keys, leading zeros, trailing bytes other than whitespace, NaN/Infinity, comments,
// control characters in strings; and input beyond the options' size or depth.
// Integers (no fraction, no exponent) that fit in qint64 become Integer, all other numbers
// Double. Errors: MalformedJson (with byte offset and the path of the enclosing member,
// e.g. "signed.roles.root: duplicate key \"threshold\" at byte 312"), TooLarge, TooDeep.
Result<Value> parse(QByteArrayView bytes, const ParseOptions &options = {});

// Canonical JSON in the OLPC dialect as securesystemslib.formats.encode_canonical writes it:
// objects with keys sorted by code point, no whitespace, strings escaping only '"' and '\'
// (every other character, control characters and non-ASCII included, written raw as UTF-8),
// integers only. NotCanonical for a Double anywhere (the path says where).
Result<QByteArray> canonical(const Value &value);

// Readable (indented, sorted) JSON for files people open; parse() reads it back identically.
// Keys sorted by code point, two-space indent, a final newline. A Double prints in its
// shortest round-trip form with a '.' or exponent (so it reads back as Double); an infinite
// or NaN Double, which JSON cannot express, prints as null.
QByteArray pretty(const Value &value);

// Paths name a place in a document the same way in parse errors, Reader errors and
// NotCanonical errors: members join with '.', "signed.roles.root.threshold"; a key that is
// not a plain word ([A-Za-z0-9_-]+) is quoted in brackets with JSON escapes,
// signed.targets["a/b.img"].length; array elements are indexed, signatures[2].sig.
// The document root is the empty path.
QString memberPath(const QString &path, const QString &key);
QString elementPath(const QString &path, qsizetype index);

} // namespace Uptane::Json
