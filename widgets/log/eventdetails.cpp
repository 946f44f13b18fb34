#include "widgets/log/eventdetails.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringDecoder>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Uptane::Widgets::EventLogPanel)
};

// Text worth showing as text: valid UTF-8 without control characters other than layout.
std::optional<QString> asText(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    const bool printable = std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return c == u'\n' || c == u'\r' || c == u'\t' || (!c.isNonCharacter() && c.category() != QChar::Other_Control);
    });
    if (!printable)
        return std::nullopt;
    return text;
}

} // namespace

QString hexDump(const QByteArray &bytes)
{
    const qsizetype shown = std::min(bytes.size(), kMaxHexDumpBytes);
    QString out;
    out.reserve(shown / 16 * 78 + 80);
    for (qsizetype offset = 0; offset < shown; offset += 16) {
        out += u"%1 "_s.arg(qint64(offset), 8, 16, QChar(u'0'));
        QString ascii;
        for (qsizetype i = offset; i < offset + 16; ++i) {
            if (i < shown) {
                const auto byte = quint8(bytes.at(i));
                out += u" %1"_s.arg(uint(byte), 2, 16, QChar(u'0'));
                ascii += byte >= 0x20 && byte < 0x7f ? QChar(char16_t(byte)) : QChar(u'.');
            } else {
                out += u"   "_s;
            }
            if (i == offset + 7)
                out += u' ';
        }
        out += u"  "_s + ascii + u'\n';
    }
    return out;
}

QString indentJson(const QString &json)
{
    QString out;
    out.reserve(json.size() * 2);
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    auto newline = [&out, &depth] { out += u'\n' + QString(depth * 2, u' '); };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const QChar c = json.at(i);
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == u'\\')
                escaped = true;
            else if (c == u'"')
                inString = false;
            continue;
        }
        switch (c.unicode()) {
        case u'"':
            inString = true;
            out += c;
            break;
        case u'{':
        case u'[':
            out += c;
            // An empty object or array stays on its line.
            if (i + 1 < json.size() && json.at(i + 1) == (c == u'{' ? u'}' : u']')) {
                out += json.at(++i);
                break;
            }
            ++depth;
            newline();
            break;
        case u'}':
        case u']':
            depth = std::max(0, depth - 1);
            newline();
            out += c;
            break;
        case u',':
            out += c;
            newline();
            break;
        case u':':
            out += u": "_s;
            break;
        case u' ':
        case u'\n':
        case u'\r':
        case u'\t':
            break;  // the layout is ours
        default:
            out += c;
        }
    }
    return out;
}

QString eventDetailsText(const LabEvent &event)
{
    QString text = formatLabEvent(event) + u"\n"_s;
    if (event.error) {
        text += Text::tr("Error: %1").arg(errorCodeName(event.error->code)) + u'\n';
        if (!event.error->detail.isEmpty())
            text += Text::tr("Detail: %1").arg(event.error->detail) + u'\n';
    }
    const qint64 total = std::max<qint64>(event.totalBytes, event.bytes.size());
    if (total == 0)
        return text;
    text += u'\n';
    if (total > event.bytes.size())
        text += Text::tr("%1 bytes, the first %2 kept with the event")
                    .arg(QLocale().toString(total), QLocale().toString(event.bytes.size()))
            + u"\n\n"_s;
    else
        text += Text::tr("%1 bytes").arg(QLocale().toString(total)) + u"\n\n"_s;

    const std::optional<QString> asUtf8 = asText(event.bytes);
    if (asUtf8) {
        const QString trimmed = asUtf8->trimmed();
        const bool json = trimmed.startsWith(u'{') || trimmed.startsWith(u'[');
        return text + (json ? indentJson(trimmed) : *asUtf8);
    }
    text += hexDump(event.bytes);
    if (event.bytes.size() > kMaxHexDumpBytes)
        text += Text::tr("… %1 more bytes").arg(QLocale().toString(event.bytes.size() - kMaxHexDumpBytes)) + u'\n';
    return text;
}

} // namespace Uptane::Widgets
