// The two JSON writers: canonical() for bytes that get signed and hashed, pretty() for files
// people open.

#include "encoding/json.h"

#include <QStringEncoder>

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
// gives. Without any code unit from 0xD800 up both orders agree, and the map's order is used.
struct Member
{
    const QString *name;
    const Value *value;
};

std::vector<Member> sortedMembers(const Object &object)
{
    std::vector<Member> members;
    members.reserve(size_t(object.size()));
    bool mapOrderDiffers = false;
    for (auto it = object.cbegin(); it != object.cend(); ++it) {
        members.push_back({&it.key(), &it.value()});
        for (const QChar c : it.key())
            mapOrderDiffers = mapOrderDiffers || c.unicode() >= 0xD800;
    }
    if (mapOrderDiffers) {
        std::vector<std::pair<QByteArray, Member>> keyed;
        keyed.reserve(members.size());
        for (const Member &m : members)
            keyed.emplace_back(m.name->toUtf8(), m);
        std::stable_sort(keyed.begin(), keyed.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        for (size_t i = 0; i < keyed.size(); ++i)
            members[i] = keyed[i].second;
    }
    return members;
}

// Appends s as UTF-8 with JSON string escapes: always for '"' and '\\', and for control
// characters too when controls is set. Encodes straight into out, and only rewrites the run
// when it finds something to escape (rare in metadata).
void appendEscaped(QByteArray &out, QStringView s, bool controls)
{
    QStringEncoder encoder(QStringEncoder::Utf8, QStringEncoder::Flag::Stateless);  // cheap; per call for thread safety
    const qsizetype start = out.size();
    out.resize(start + encoder.requiredSpace(s.size()));
    char *end = encoder.appendToBuffer(out.data() + start, s);
    out.resize(end - out.constData());

    const auto needsEscape = [controls](char c) {
        return c == '"' || c == '\\' || (controls && uchar(c) < 0x20);
    };
    const char *begin = out.constData() + start;
    const char *stop = out.constData() + out.size();
    if (std::none_of(begin, stop, needsEscape))
        return;
    const QByteArray raw(begin, stop - begin);
    out.truncate(start);
    static const char hex[] = "0123456789abcdef";
    for (const char c : raw) {
        if (!needsEscape(c)) {
            out += c;
            continue;
        }
        out += '\\';
        switch (c) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '\n': out += 'n'; break;
        case '\r': out += 'r'; break;
        case '\t': out += 't'; break;
        case '\b': out += 'b'; break;
        case '\f': out += 'f'; break;
        default:
            out += "u00";
            out += hex[uchar(c) >> 4];
            out += hex[uchar(c) & 0xF];
        }
    }
}

// ---- canonical ----------------------------------------------------------------------------

class CanonicalWriter
{
public:
    Result<void> write(const Value &value);
    QByteArray take() { return std::move(m_out); }

private:
    Result<void> writeString(const QString &s);
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

Result<void> CanonicalWriter::writeString(const QString &s)
{
    // A lone surrogate has no UTF-8 form; securesystemslib cannot encode it either.
    if (!QStringView(s).isValidUtf16())
        return notCanonical(u"string with a lone surrogate"_s);
    m_out += '"';
    appendEscaped(m_out, s, false);  // OLPC: only '"' and '\\' are escaped
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
    case Value::Type::String:
        return writeString(value.toString());
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
            if (auto ok = writeString(*m.name); !ok)
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

void prettyString(QByteArray &out, const QString &s)
{
    out += '"';
    appendEscaped(out, s, true);
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
        out.append(level * 2, ' ');
    };
    switch (value.type()) {
    case Value::Type::Null: out += "null"; return;
    case Value::Type::Bool: out += value.toBool() ? "true" : "false"; return;
    case Value::Type::Integer: out += QByteArray::number(value.toInteger()); return;
    case Value::Type::Double: prettyDouble(out, value.toDouble()); return;
    case Value::Type::String: prettyString(out, value.toString()); return;
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
            prettyString(out, *m.name);
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
