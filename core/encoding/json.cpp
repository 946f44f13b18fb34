#include "encoding/json.h"

#include <QStringDecoder>

#include <charconv>
#include <limits>
#include <vector>

using namespace Qt::StringLiterals;

namespace Uptane::Json {

// ---- Value ------------------------------------------------------------------------------

bool Value::toBool() const
{
    const bool *b = std::get_if<bool>(&m_data);
    return b ? *b : false;
}

qint64 Value::toInteger() const
{
    const qint64 *i = std::get_if<qint64>(&m_data);
    return i ? *i : 0;
}

double Value::toDouble() const
{
    if (const double *d = std::get_if<double>(&m_data))
        return *d;
    if (const qint64 *i = std::get_if<qint64>(&m_data))
        return double(*i);
    return 0.0;
}

QString Value::toString() const
{
    const QString *s = std::get_if<QString>(&m_data);
    return s ? *s : QString();
}

Array Value::toArray() const
{
    const Array *a = std::get_if<Array>(&m_data);
    return a ? *a : Array();
}

Object Value::toObject() const
{
    const Object *o = std::get_if<Object>(&m_data);
    return o ? *o : Object();
}

Value Value::operator[](const QString &key) const
{
    const Object *o = std::get_if<Object>(&m_data);
    return o ? o->value(key) : Value();
}

QString Value::typeName(Type type)
{
    switch (type) {
    case Type::Null: return u"null"_s;
    case Type::Bool: return u"boolean"_s;
    case Type::Integer: return u"integer"_s;
    case Type::Double: return u"non-integer number"_s;
    case Type::String: return u"string"_s;
    case Type::Array: return u"array"_s;
    case Type::Object: return u"object"_s;
    }
    return u"unknown"_s;
}

// ---- Paths ------------------------------------------------------------------------------

namespace {

bool isPlainKey(const QString &key)
{
    if (key.isEmpty())
        return false;
    for (const QChar c : key) {
        const char16_t u = c.unicode();
        const bool plain = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z')
                || (u >= u'0' && u <= u'9') || u == u'_' || u == u'-';
        if (!plain)
            return false;
    }
    return true;
}

} // namespace

QString memberPath(const QString &path, const QString &key)
{
    if (isPlainKey(key))
        return path.isEmpty() ? key : path + u'.' + key;
    QString quoted = path + u"[\""_s;
    for (const QChar c : key) {
        if (c == u'"' || c == u'\\')
            quoted += u'\\';
        if (c.unicode() < 0x20)
            quoted += u"\\u%1"_s.arg(uint(c.unicode()), 4, 16, QLatin1Char('0'));
        else
            quoted += c;
    }
    return quoted + u"\"]"_s;
}

QString elementPath(const QString &path, qsizetype index)
{
    return path + u'[' + QString::number(index) + u']';
}

// ---- Parser -----------------------------------------------------------------------------
//
// Iterative: open containers live on an explicit stack, so nesting costs heap, not C++ stack,
// and the depth cap is a policy (ParseOptions::maxDepth), not a crash guard. Strings are
// validated as UTF-8 in place and converted from the byte slice in one call; only strings
// with escapes go through a scratch buffer.

namespace {

struct Frame
{
    bool isObject = false;
    bool inChild = false;  // a member's or element's value is being parsed
    QString key;           // the member whose value is being parsed
    Array array;
    Object object;
};

// Length of the well-formed UTF-8 sequence at s (RFC 3629 §4: no overlongs, no surrogates,
// nothing above U+10FFFF), or 0 if it is not one.
qsizetype utf8SequenceLength(const uchar *s, qsizetype available)
{
    const auto cont = [&](qsizetype i, uchar lo = 0x80, uchar hi = 0xBF) {
        return i < available && s[i] >= lo && s[i] <= hi;
    };
    const uchar c = s[0];
    if (c < 0xC2)
        return 0;
    if (c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c <= 0xEF) {
        const uchar lo = c == 0xE0 ? 0xA0 : 0x80;
        const uchar hi = c == 0xED ? 0x9F : 0xBF;
        return cont(1, lo, hi) && cont(2) ? 3 : 0;
    }
    if (c <= 0xF4) {
        const uchar lo = c == 0xF0 ? 0x90 : 0x80;
        const uchar hi = c == 0xF4 ? 0x8F : 0xBF;
        return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
}

void appendUtf8(QByteArray &out, char32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// QString::fromUtf8 drops a leading U+FEFF as a byte order mark; inside a JSON string it is
// content, and dropping it would change what canonical() signs.
QString fromValidUtf8(QByteArrayView utf8)
{
    if (!utf8.startsWith("\xEF\xBB\xBF"))
        return QString::fromUtf8(utf8);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless
                                                         | QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(utf8);
}

class Parser
{
public:
    Parser(QByteArrayView bytes, const ParseOptions &options)
        : m_p(bytes.data()), m_size(bytes.size()), m_options(options) {}

    Result<Value> run();

private:
    QString path() const;
    std::unexpected<Error> error(const QString &what, qsizetype at,
                                 ErrorCode code = ErrorCode::MalformedJson) const;
    std::unexpected<Error> unexpectedHere(qsizetype at) const;
    void skipWhitespace();
    Result<void> beginMember();
    Result<Value> scalar();
    Result<QString> string();
    Result<void> escape(QByteArray &decoded);
    Result<char32_t> hex4();
    Result<Value> number();

    const char *m_p;
    qsizetype m_size;
    qsizetype m_pos = 0;
    ParseOptions m_options;
    std::vector<Frame> m_stack;
};

QString Parser::path() const
{
    QString p;
    for (const Frame &f : m_stack) {
        if (!f.inChild)
            break;
        p = f.isObject ? memberPath(p, f.key) : elementPath(p, f.array.size());
    }
    return p;
}

std::unexpected<Error> Parser::error(const QString &what, qsizetype at, ErrorCode code) const
{
    const QString where = path();
    const QString message = what + u" at byte "_s + QString::number(at);
    return fail(code, where.isEmpty() ? message : where + u": "_s + message);
}

std::unexpected<Error> Parser::unexpectedHere(qsizetype at) const
{
    if (at >= m_size)
        return error(u"unexpected end of input"_s, at);
    const uchar c = uchar(m_p[at]);
    if (c >= 0x20 && c < 0x7F)
        return error(u"unexpected character '%1'"_s.arg(QLatin1Char(char(c))), at);
    return error(u"unexpected byte 0x%1"_s.arg(uint(c), 2, 16, QLatin1Char('0')), at);
}

void Parser::skipWhitespace()
{
    // RFC 8259 §2: exactly these four; no BOM, no comments.
    while (m_pos < m_size) {
        const char c = m_p[m_pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        ++m_pos;
    }
}

Result<Value> Parser::run()
{
    if (m_size > m_options.maxBytes)
        return fail(ErrorCode::TooLarge, u"JSON input of %1 bytes exceeds the limit of %2"_s
                                                 .arg(m_size).arg(m_options.maxBytes));
    Value current;
    for (;;) {
        // A value starts here: open a container or read a scalar.
        skipWhitespace();
        const char c = m_pos < m_size ? m_p[m_pos] : '\0';
        if (c == '{' || c == '[') {
            if (qsizetype(m_stack.size()) >= m_options.maxDepth)
                return error(u"nesting deeper than %1"_s.arg(m_options.maxDepth), m_pos,
                             ErrorCode::TooDeep);
            ++m_pos;
            m_stack.emplace_back().isObject = c == '{';
            skipWhitespace();
            const char close = c == '{' ? '}' : ']';
            if (m_pos < m_size && m_p[m_pos] == close) {
                ++m_pos;
                current = c == '{' ? Value(Object()) : Value(Array());
                m_stack.pop_back();
            } else if (c == '{') {
                if (auto ok = beginMember(); !ok)
                    return std::unexpected(ok.error());
                continue;
            } else {
                m_stack.back().inChild = true;
                continue;
            }
        } else {
            Result<Value> v = scalar();
            if (!v)
                return v;
            current = std::move(*v);
        }

        // A value ended: hand it to its container, closing every container that ends too.
        for (;;) {
            if (m_stack.empty()) {
                skipWhitespace();
                if (m_pos != m_size)
                    return error(u"trailing data after the document"_s, m_pos);
                return current;
            }
            Frame &f = m_stack.back();
            if (f.isObject)
                f.object.insert(f.key, std::move(current));
            else
                f.array.append(std::move(current));
            f.inChild = false;
            skipWhitespace();
            const char close = f.isObject ? '}' : ']';
            if (m_pos < m_size && m_p[m_pos] == ',') {
                ++m_pos;
                if (f.isObject) {
                    if (auto ok = beginMember(); !ok)
                        return std::unexpected(ok.error());
                } else {
                    f.inChild = true;
                }
                break;
            }
            if (m_pos < m_size && m_p[m_pos] == close) {
                ++m_pos;
                current = f.isObject ? Value(f.object) : Value(f.array);
                m_stack.pop_back();
                continue;
            }
            return unexpectedHere(m_pos);
        }
    }
}

Result<void> Parser::beginMember()
{
    skipWhitespace();
    if (m_pos >= m_size || m_p[m_pos] != '"')
        return unexpectedHere(m_pos);
    const qsizetype keyAt = m_pos;
    Result<QString> key = string();
    if (!key)
        return std::unexpected(key.error());
    Frame &f = m_stack.back();
    // RFC 8259 §4 leaves duplicate names to the implementation; TUF metadata must have one
    // meaning only, so a second "threshold" is an attack, not a choice.
    if (f.object.contains(*key))
        return error(u"duplicate key \"%1\""_s.arg(*key), keyAt);
    skipWhitespace();
    if (m_pos >= m_size || m_p[m_pos] != ':')
        return unexpectedHere(m_pos);
    ++m_pos;
    f.key = std::move(*key);
    f.inChild = true;
    return {};
}

Result<Value> Parser::scalar()
{
    if (m_pos >= m_size)
        return unexpectedHere(m_pos);
    const auto literal = [&](QByteArrayView word) {
        if (QByteArrayView(m_p + m_pos, qMin(word.size(), m_size - m_pos)) != word)
            return false;
        m_pos += word.size();
        return true;
    };
    const char c = m_p[m_pos];
    if (c == '"') {
        Result<QString> s = string();
        if (!s)
            return std::unexpected(s.error());
        return Value(*s);
    }
    if (c == '-' || isDigit(c))
        return number();
    if (literal("true"))
        return Value(true);
    if (literal("false"))
        return Value(false);
    if (literal("null"))
        return Value(nullptr);
    return unexpectedHere(m_pos);
}

Result<QString> Parser::string()
{
    const qsizetype open = m_pos++;
    const auto *u = reinterpret_cast<const uchar *>(m_p);
    qsizetype runStart = m_pos;
    QByteArray decoded;
    bool escaped = false;
    for (;;) {
        if (m_pos >= m_size)
            return error(u"unterminated string starting"_s, open);
        const uchar c = u[m_pos];
        if (c == '"')
            break;
        if (c < 0x20)
            return error(u"raw control character 0x%1 in string"_s.arg(uint(c), 2, 16, QLatin1Char('0')), m_pos);
        if (c == '\\') {
            escaped = true;
            decoded.append(m_p + runStart, m_pos - runStart);
            if (auto ok = escape(decoded); !ok)
                return std::unexpected(ok.error());
            runStart = m_pos;
        } else if (c < 0x80) {
            ++m_pos;
        } else {
            const qsizetype n = utf8SequenceLength(u + m_pos, m_size - m_pos);
            if (n == 0)
                return error(u"invalid UTF-8"_s, m_pos);
            m_pos += n;
        }
    }
    QString out;
    if (escaped) {
        decoded.append(m_p + runStart, m_pos - runStart);
        out = fromValidUtf8(decoded);
    } else {
        out = fromValidUtf8(QByteArrayView(m_p + runStart, m_pos - runStart));
    }
    ++m_pos;
    return out;
}

Result<void> Parser::escape(QByteArray &decoded)
{
    const qsizetype at = m_pos;
    if (m_pos + 1 >= m_size)
        return error(u"unterminated escape"_s, at);
    const char e = m_p[m_pos + 1];
    m_pos += 2;
    switch (e) {
    case '"': decoded += '"'; return {};
    case '\\': decoded += '\\'; return {};
    case '/': decoded += '/'; return {};
    case 'b': decoded += '\b'; return {};
    case 'f': decoded += '\f'; return {};
    case 'n': decoded += '\n'; return {};
    case 'r': decoded += '\r'; return {};
    case 't': decoded += '\t'; return {};
    case 'u': break;
    default: return error(u"invalid escape"_s, at);
    }
    Result<char32_t> cp = hex4();
    if (!cp)
        return std::unexpected(cp.error());
    if (*cp >= 0xDC00 && *cp <= 0xDFFF)
        return error(u"lone low surrogate in \\u escape"_s, at);
    if (*cp >= 0xD800 && *cp <= 0xDBFF) {
        // RFC 8259 §7: astral characters escape as a surrogate pair; half a pair is no
        // character at all.
        if (m_pos + 1 >= m_size || m_p[m_pos] != '\\' || m_p[m_pos + 1] != 'u')
            return error(u"lone high surrogate in \\u escape"_s, at);
        m_pos += 2;
        Result<char32_t> low = hex4();
        if (!low)
            return std::unexpected(low.error());
        if (*low < 0xDC00 || *low > 0xDFFF)
            return error(u"lone high surrogate in \\u escape"_s, at);
        *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
    }
    appendUtf8(decoded, *cp);
    return {};
}

Result<char32_t> Parser::hex4()
{
    char32_t value = 0;
    for (int i = 0; i < 4; ++i, ++m_pos) {
        const char h = m_pos < m_size ? m_p[m_pos] : '\0';
        int digit;
        if (h >= '0' && h <= '9')
            digit = h - '0';
        else if (h >= 'a' && h <= 'f')
            digit = h - 'a' + 10;
        else if (h >= 'A' && h <= 'F')
            digit = h - 'A' + 10;
        else
            return error(u"invalid \\u escape"_s, m_pos);
        value = value * 16 + char32_t(digit);
    }
    return value;
}

Result<Value> Parser::number()
{
    // RFC 8259 §6: -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?
    const qsizetype start = m_pos;
    const auto digits = [&] {
        const qsizetype from = m_pos;
        while (m_pos < m_size && isDigit(m_p[m_pos]))
            ++m_pos;
        return m_pos - from;
    };
    if (m_p[m_pos] == '-')
        ++m_pos;
    const qsizetype intStart = m_pos;
    const qsizetype intDigits = digits();
    if (intDigits == 0)
        return error(u"invalid number"_s, start);
    if (intDigits > 1 && m_p[intStart] == '0')
        return error(u"leading zero in number"_s, start);
    bool integral = true;
    qsizetype firstFraction = -1;
    if (m_pos < m_size && m_p[m_pos] == '.') {
        ++m_pos;
        integral = false;
        firstFraction = m_pos;
        if (digits() == 0)
            return error(u"invalid number: no digits after '.'"_s, start);
    }
    qsizetype expStart = -1;
    if (m_pos < m_size && (m_p[m_pos] == 'e' || m_p[m_pos] == 'E')) {
        ++m_pos;
        integral = false;
        if (m_pos < m_size && (m_p[m_pos] == '+' || m_p[m_pos] == '-'))
            ++m_pos;
        expStart = m_pos;
        if (digits() == 0)
            return error(u"invalid number: no digits in exponent"_s, start);
    }
    const char *first = m_p + start;
    const char *last = m_p + m_pos;
    if (integral) {
        qint64 i = 0;
        if (std::from_chars(first, last, i).ec == std::errc())
            return Value(i);
        // Beyond qint64: kept as a Double so that canonical() refuses it rather than
        // silently writing a rounded value.
    }
    double d = 0.0;
    const auto [ptr, ec] = std::from_chars(first, last, d);
    if (ec == std::errc::result_out_of_range) {
        // Decimal magnitude decides overflow (rejected) from underflow (zero).
        qint64 magnitude = m_p[intStart] != '0' ? intDigits - 1 : 0;
        if (m_p[intStart] == '0' && firstFraction >= 0) {
            qsizetype k = firstFraction;
            while (k < m_size && m_p[k] == '0')
                ++k;
            magnitude = -(k - firstFraction + 1);
        }
        if (expStart >= 0) {
            qint64 exp = 0;
            for (qsizetype k = expStart; k < m_pos && exp < 1'000'000'000; ++k)
                exp = exp * 10 + (m_p[k] - '0');
            magnitude += m_p[expStart - 1] == '-' ? -exp : exp;
        }
        if (magnitude > 0)
            return error(u"number out of range"_s, start);
        d = m_p[start] == '-' ? -0.0 : 0.0;
    } else if (ec != std::errc() || ptr != last) {
        return error(u"invalid number"_s, start);
    }
    return Value(d);
}

} // namespace

Result<Value> parse(QByteArrayView bytes, const ParseOptions &options)
{
    return Parser(bytes, options).run();
}

} // namespace Uptane::Json
