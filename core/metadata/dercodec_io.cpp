// The DER codec's Writer and Reader (dercodec_p.h): field access with the first error kept,
// the size and range rules of uptane.asn that libtasn1 leaves to its callers, and times as
// UNIX seconds.

#include "metadata/dercodec_p.h"

using namespace Qt::StringLiterals;

namespace Uptane::Metadata::detail::der {

namespace {

constexpr qint64 kMinTime = -62135596800;  // 0001-01-01T00:00:00Z
constexpr qint64 kMaxTime = 253402300799;  // 9999-12-31T23:59:59Z

QString where(const Name &name)
{
    return QString::fromLatin1(name);
}

// ASN.1 SIZE of a UTF8String counts characters, not UTF-16 units or bytes.
qsizetype characters(const QString &text)
{
    qsizetype count = 0;
    for (const QChar c : text)
        count += c.isLowSurrogate() ? 0 : 1;
    return count;
}

} // namespace

// ---- Writer

void Writer::setError(Error error)
{
    if (!m_error)
        m_error = std::move(error);
}

template <typename R>
void Writer::check(const R &result)
{
    if (!result)
        setError(result.error());
}

void Writer::integer(const Name &name, qint64 value)
{
    if (!m_error)
        check(m_element.writeInteger(name, value));
}

void Writer::boolean(const Name &name, bool value)
{
    if (!m_error)
        check(m_element.writeBool(name, value));
}

void Writer::string(const Name &name, const QString &value)
{
    if (!m_error)
        check(m_element.writeString(name, value));
}

void Writer::octets(const Name &name, const QByteArray &value)
{
    if (!m_error)
        check(m_element.writeOctets(name, value));
}

void Writer::enumeration(const Name &name, const char *symbol)
{
    if (!m_error)
        check(m_element.writeEnum(name, symbol));
}

void Writer::choose(const Name &name, const char *alternative)
{
    if (!m_error)
        check(m_element.choose(name, alternative));
}

void Writer::omit(const Name &name)
{
    if (!m_error)
        check(m_element.omit(name));
}

void Writer::time(const Name &name, const QDateTime &value)
{
    if (m_error)
        return;
    if (!value.isValid()) {
        setError(Error{ErrorCode::InvalidArgument, where(name) + u": time not set"_s});
        return;
    }
    const qint64 seconds = value.toSecsSinceEpoch();
    if (seconds < kMinTime || seconds > kMaxTime) {
        setError(Error{ErrorCode::InvalidArgument,
                       where(name) + u": %1 is outside the years 1..9999"_s.arg(seconds)});
        return;
    }
    integer(name, seconds);
}

void Writer::strings(const Name &name, const QStringList &values)
{
    for (const QString &value : values)
        string(append(name), value);
}

void Writer::optional(const Name &name, const std::optional<QString> &value)
{
    value ? string(name, *value) : omit(name);
}

void Writer::optional(const Name &name, const std::optional<qint64> &value)
{
    value ? integer(name, *value) : omit(name);
}

void Writer::optional(const Name &name, const std::optional<QStringList> &values)
{
    values ? strings(name, *values) : omit(name);
}

Name Writer::append(const Name &name)
{
    if (m_error)
        return {};
    auto slot = m_element.append(name);
    check(slot);
    return slot ? *slot : Name();
}

void Writer::jsonOnly(const Name &name, const Json::Object &members, const char *what)
{
    if (m_error || members.isEmpty())
        return;
    setError(Error{ErrorCode::Unsupported,
                   u"%1: JSON-only %2 (%3) cannot be carried in DER"_s.arg(
                       where(name), QLatin1StringView(what), members.keys().join(u", "_s))});
}

// ---- Reader

void Reader::setError(Error error)
{
    if (!m_error)
        m_error = std::move(error);
}

void Reader::violation(const Name &name, const QString &what, ErrorCode code)
{
    setError(Error{code, where(name) + u": "_s + what});
}

template <typename R>
bool Reader::check(const R &result)
{
    if (!result)
        setError(result.error());
    return result && !m_error;
}

qint64 Reader::integer(const Name &name, qint64 min, qint64 max)
{
    if (m_error)
        return 0;
    auto value = m_element.readInteger(name);
    if (!check(value))
        return 0;
    if (*value < min) {
        violation(name, u"%1 is below the minimum %2"_s.arg(*value).arg(min));
        return 0;
    }
    if (*value > max) {
        violation(name, u"%1 is above the maximum %2"_s.arg(*value).arg(max));
        return 0;
    }
    return *value;
}

bool Reader::boolean(const Name &name)
{
    if (m_error)
        return false;
    auto value = m_element.readBool(name);
    return check(value) && *value;
}

QString Reader::string(const Name &name, qsizetype maxCharacters)
{
    if (m_error)
        return {};
    auto value = m_element.readString(name);
    if (!check(value))
        return {};
    if (characters(*value) > maxCharacters) {
        violation(name, u"longer than %1 characters"_s.arg(maxCharacters));
        return {};
    }
    return *value;
}

QByteArray Reader::octets(const Name &name, qsizetype minBytes, qsizetype maxBytes)
{
    if (m_error)
        return {};
    auto value = m_element.readOctets(name);
    if (!check(value))
        return {};
    if (value->size() < minBytes || value->size() > maxBytes) {
        violation(name, u"%1 bytes, expected %2..%3"_s.arg(value->size()).arg(minBytes).arg(maxBytes));
        return {};
    }
    return *value;
}

QDateTime Reader::time(const Name &name)
{
    const qint64 seconds = integer(name, kMinTime, kMaxTime);
    return m_error ? QDateTime() : QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

int Reader::count(const Name &name, qsizetype max)
{
    if (m_error)
        return 0;
    auto elements = m_element.count(name);
    if (!check(elements))
        return 0;
    if (*elements > max) {
        violation(name, u"%1 elements, at most %2 allowed"_s.arg(*elements).arg(max));
        return 0;
    }
    return *elements;
}

QStringList Reader::strings(const Name &name, qsizetype maxCount, qsizetype maxCharacters)
{
    QStringList values;
    const int n = count(name, maxCount);
    for (int i = 1; i <= n && !m_error; ++i)
        values.append(string(at(name, i), maxCharacters));
    return values;
}

bool Reader::has(const Name &name) const
{
    return !m_error && m_element.has(name);
}

QByteArray Reader::bytes(const Name &name)
{
    if (m_error)
        return {};
    auto value = m_element.decodedBytes(name);
    return check(value) ? *value : QByteArray();
}

void Reader::ascending(const Name &name, const QString &previous, const QString &key)
{
    if (!m_error && !(previous < key))
        violation(name, u"\"%1\" is a duplicate or out of order (entries sort by key)"_s.arg(key));
}

} // namespace Uptane::Metadata::detail::der
