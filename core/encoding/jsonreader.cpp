#include "encoding/jsonreader.h"

using namespace Qt::StringLiterals;

namespace Uptane::Json {

namespace {

QString got(const Value &value)
{
    return u", got "_s + Value::typeName(value.type());
}

QString expectedInteger(qint64 min)
{
    return min == std::numeric_limits<qint64>::min() ? u"expected integer"_s
                                                     : u"expected integer >= %1"_s.arg(min);
}

} // namespace

Reader::Reader(const Value &value, QString path)
    : m_value(value), m_path(std::move(path))
{
}

Error Reader::error(const QString &what) const
{
    return Error{ErrorCode::SchemaViolation, m_path.isEmpty() ? what : m_path + u": "_s + what};
}

Error Reader::error(const QString &key, const QString &what) const
{
    return Error{ErrorCode::SchemaViolation, memberPath(m_path, key) + u": "_s + what};
}

Result<Reader> Reader::member(const QString &key) const
{
    if (!m_value.isObject())
        return std::unexpected(error(u"expected object"_s + got(m_value)));
    const Object object = m_value.toObject();
    const auto it = object.constFind(key);
    if (it == object.cend())
        return std::unexpected(error(key, u"missing required member"_s));
    return Reader(*it, memberPath(m_path, key));
}

bool Reader::has(const QString &key) const
{
    return m_value.isObject() && m_value.toObject().contains(key);
}

// (libstdc++ 12 has no std::expected::and_then yet, hence the explicit early returns.)
Result<QString> Reader::string(const QString &key) const
{
    const Result<Reader> r = member(key);
    if (!r)
        return std::unexpected(r.error());
    return r->asString();
}

Result<qint64> Reader::integer(const QString &key, qint64 min) const
{
    const Result<Reader> r = member(key);
    if (!r)
        return std::unexpected(r.error());
    return r->asInteger(min);
}

Result<bool> Reader::boolean(const QString &key) const
{
    const Result<Reader> r = member(key);
    if (!r)
        return std::unexpected(r.error());
    if (!r->value().isBool())
        return std::unexpected(r->error(u"expected boolean"_s + got(r->value())));
    return r->value().toBool();
}

Result<Reader> Reader::object(const QString &key) const
{
    Result<Reader> r = member(key);
    if (r && !r->value().isObject())
        return std::unexpected(r->error(u"expected object"_s + got(r->value())));
    return r;
}

Result<Reader> Reader::array(const QString &key) const
{
    Result<Reader> r = member(key);
    if (r && !r->value().isArray())
        return std::unexpected(r->error(u"expected array"_s + got(r->value())));
    return r;
}

Result<Object> Reader::asObject() const
{
    if (!m_value.isObject())
        return std::unexpected(error(u"expected object"_s + got(m_value)));
    return m_value.toObject();
}

Result<Array> Reader::asArray() const
{
    if (!m_value.isArray())
        return std::unexpected(error(u"expected array"_s + got(m_value)));
    return m_value.toArray();
}

Result<QString> Reader::asString() const
{
    if (!m_value.isString())
        return std::unexpected(error(u"expected string"_s + got(m_value)));
    return m_value.toString();
}

Result<qint64> Reader::asInteger(qint64 min) const
{
    if (!m_value.isInteger())
        return std::unexpected(error(expectedInteger(min) + got(m_value)));
    if (m_value.toInteger() < min)
        return std::unexpected(error(expectedInteger(min) + u", got "_s
                                     + QString::number(m_value.toInteger())));
    return m_value.toInteger();
}

Reader Reader::at(qsizetype index) const
{
    const Array array = m_value.toArray();
    const Value element = index >= 0 && index < array.size() ? array.at(index) : Value();
    return Reader(element, elementPath(m_path, index));
}

Reader Reader::child(const QString &key) const
{
    return Reader(m_value[key], memberPath(m_path, key));
}

Object Reader::unknownMembers(std::initializer_list<QString> known) const
{
    Object unknown = m_value.toObject();
    for (const QString &key : known)
        unknown.remove(key);
    return unknown;
}

} // namespace Uptane::Json
