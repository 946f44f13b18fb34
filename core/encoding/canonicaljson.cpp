// The two JSON writers: canonical() for bytes that get signed and hashed, pretty() for files
// people open.

#include "encoding/json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <variant>
#include <vector>

using namespace Qt::StringLiterals;

namespace Uptane::Json {

namespace {

// Members of an object in Unicode code point order. QMap<QString> orders by UTF-16 code
// unit, which puts astral characters (surrogates, 0xD800..) before U+E000..U+FFFF; UTF-8
// byte order is code point order, which is what securesystemslib's sorted() over Python str
// gives.
struct Member
{
    QByteArray key;  // UTF-8
    const QString *name;
    const Value *value;
};

std::vector<Member> sortedMembers(const Object &object)
{
    std::vector<Member> members;
    members.reserve(size_t(object.size()));
    for (auto it = object.cbegin(); it != object.cend(); ++it)
        members.push_back({it.key().toUtf8(), &it.key(), &it.value()});
    std::sort(members.begin(), members.end(),
              [](const Member &a, const Member &b) { return a.key < b.key; });
    return members;
}

// ---- canonical ----------------------------------------------------------------------------

class CanonicalWriter
{
public:
    Result<void> write(const Value &value);
    QByteArray take() { return std::move(m_out); }

private:
    Result<void> writeString(const QString &s, const QByteArray &utf8);
    std::unexpected<Error> notCanonical(const QString &what) const;

    // Where the writer is, formatted only when an error needs it.
    std::vector<std::variant<const QString *, qsizetype>> m_where;
    QByteArray m_out;
};

std::unexpected<Error> CanonicalWriter::notCanonical(const QString &what) const
{
    QString path;
    for (const auto &step : m_where) {
        if (const QString *const *key = std::get_if<const QString *>(&step))
            path = memberPath(path, **key);
        else
            path = elementPath(path, std::get<qsizetype>(step));
    }
    return fail(ErrorCode::NotCanonical, path.isEmpty() ? what : path + u": "_s + what);
}

Result<void> CanonicalWriter::writeString(const QString &s, const QByteArray &utf8)
{
    // A lone surrogate has no UTF-8 form; securesystemslib cannot encode it either.
    if (!QStringView(s).isValidUtf16())
        return notCanonical(u"string with a lone surrogate"_s);
    m_out += '"';
    qsizetype run = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8[i];
        if (c == '"' || c == '\\') {
            m_out.append(utf8.constData() + run, i - run);
            m_out += '\\';
            run = i;  // the quote or backslash itself goes out with the next run
        }
    }
    m_out.append(utf8.constData() + run, utf8.size() - run);
    m_out += '"';
    return {};
}

Result<void> CanonicalWriter::write(const Value &value)
{
    switch (value.type()) {
    case Value::Type::Null:
        m_out += "null";
        return {};
    case Value::Type::Bool:
        m_out += value.toBool() ? "true" : "false";
        return {};
    case Value::Type::Integer:
        m_out += QByteArray::number(value.toInteger());
        return {};
    case Value::Type::Double:
        // OLPC canonical JSON has no floats (and TUF signs nothing with one).
        return notCanonical(u"non-integer number %1"_s.arg(value.toDouble()));
    case Value::Type::String: {
        const QString s = value.toString();
        return writeString(s, s.toUtf8());
    }
    case Value::Type::Array: {
        const Array array = value.toArray();
        m_out += '[';
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                m_out += ',';
            m_where.emplace_back(i);
            if (auto ok = write(array.at(i)); !ok)
                return ok;
            m_where.pop_back();
        }
        m_out += ']';
        return {};
    }
    case Value::Type::Object: {
        const Object object = value.toObject();
        m_out += '{';
        bool first = true;
        for (const Member &m : sortedMembers(object)) {
            if (!first)
                m_out += ',';
            first = false;
            m_where.emplace_back(m.name);
            if (auto ok = writeString(*m.name, m.key); !ok)
                return ok;
            m_out += ':';
            if (auto ok = write(*m.value); !ok)
                return ok;
            m_where.pop_back();
        }
        m_out += '}';
        return {};
    }
    }
    return notCanonical(u"unknown value type"_s);
}

// ---- pretty -------------------------------------------------------------------------------

void prettyString(QByteArray &out, const QByteArray &utf8)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    for (const char c : utf8) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (uchar(c) < 0x20) {
                out += "\\u00";
                out += hex[uchar(c) >> 4];
                out += hex[uchar(c) & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void prettyDouble(QByteArray &out, double d)
{
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
    Q_ASSERT(ec == std::errc());
    const QByteArrayView text(buffer, end - buffer);
    out += text;
    // Keep it a Double on the way back in: "100" would read as Integer.
    if (!text.contains('.') && !text.contains('e'))
        out += ".0";
}

void prettyValue(QByteArray &out, const Value &value, int indent)
{
    const auto newline = [&](int level) {
        out += '\n';
        out += QByteArray(level * 2, ' ');
    };
    switch (value.type()) {
    case Value::Type::Null: out += "null"; return;
    case Value::Type::Bool: out += value.toBool() ? "true" : "false"; return;
    case Value::Type::Integer: out += QByteArray::number(value.toInteger()); return;
    case Value::Type::Double: prettyDouble(out, value.toDouble()); return;
    case Value::Type::String: prettyString(out, value.toString().toUtf8()); return;
    case Value::Type::Array: {
        const Array array = value.toArray();
        if (array.isEmpty()) {
            out += "[]";
            return;
        }
        out += '[';
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out += ',';
            newline(indent + 1);
            prettyValue(out, array.at(i), indent + 1);
        }
        newline(indent);
        out += ']';
        return;
    }
    case Value::Type::Object: {
        const Object object = value.toObject();
        if (object.isEmpty()) {
            out += "{}";
            return;
        }
        out += '{';
        bool first = true;
        for (const Member &m : sortedMembers(object)) {
            if (!first)
                out += ',';
            first = false;
            newline(indent + 1);
            prettyString(out, m.key);
            out += ": ";
            prettyValue(out, *m.value, indent + 1);
        }
        newline(indent);
        out += '}';
        return;
    }
    }
}

} // namespace

Result<QByteArray> canonical(const Value &value)
{
    CanonicalWriter writer;
    if (auto ok = writer.write(value); !ok)
        return std::unexpected(ok.error());
    return writer.take();
}

QByteArray pretty(const Value &value)
{
    QByteArray out;
    prettyValue(out, value, 0);
    out += '\n';
    return out;
}

} // namespace Uptane::Json
