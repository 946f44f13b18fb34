#pragma once

// Typed field access on a parsed JSON tree that names the failing field's path. Metadata
// readers use it so that every schema error reads like
//   SchemaViolation: signed.roles.timestamp.threshold: expected integer >= 1, got string

#include "encoding/json.h"

#include <limits>

namespace Uptane::Json {

class Reader
{
public:
    // path: where value sits, "" for the document root.
    Reader(const Value &value, QString path = {});

    const Value &value() const { return m_value; }
    const QString &path() const { return m_path; }

    // Member access; each fails with SchemaViolation naming path + key.
    Result<Reader> member(const QString &key) const;            // must exist (any type)
    bool has(const QString &key) const;
    Result<QString> string(const QString &key) const;
    Result<qint64> integer(const QString &key, qint64 min = std::numeric_limits<qint64>::min()) const;
    Result<bool> boolean(const QString &key) const;
    Result<Reader> object(const QString &key) const;             // must be an object
    Result<Reader> array(const QString &key) const;              // must be an array

    // The value itself, type-checked.
    Result<Object> asObject() const;
    Result<Array> asArray() const;
    Result<QString> asString() const;
    Result<qint64> asInteger(qint64 min = std::numeric_limits<qint64>::min()) const;

    // Child readers for iteration (element i -> "path[i]", member k -> "path.k", or
    // path["k"] for keys that are not plain words; see memberPath() in json.h). An absent
    // element or member gives a reader on null, so the next typed access names it.
    Reader at(qsizetype index) const;
    Reader child(const QString &key) const;

    // Object keys not in known, for preserving unknown fields.
    Object unknownMembers(std::initializer_list<QString> known) const;

    // SchemaViolation error at this path (or path.key).
    Error error(const QString &what) const;
    Error error(const QString &key, const QString &what) const;

private:
    Value m_value;
    QString m_path;
};

} // namespace Uptane::Json
