#include "widgets/inspector/hexview.h"

#include <QFontDatabase>
#include <QTextBlock>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

namespace {

// Columns of a line: 8 offset digits, two spaces, "hh " per byte, " |", the ASCII, "|".
constexpr int kHexColumn = 10;
constexpr int kAsciiColumn = kHexColumn + 3 * HexView::kBytesPerLine + 2;

} // namespace

HexView::HexView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    applyFont();
}

QString HexView::formatLine(const QByteArray &bytes, qsizetype lineOffset)
{
    QString line = u"%1  "_s.arg(qlonglong(lineOffset), 8, 16, QChar(u'0'));
    QString ascii;
    for (int i = 0; i < kBytesPerLine; ++i) {
        const qsizetype at = lineOffset + i;
        if (at < bytes.size()) {
            const auto byte = quint8(bytes[at]);
            line += u"%1 "_s.arg(uint(byte), 2, 16, QChar(u'0'));
            ascii += byte >= 0x20 && byte < 0x7f ? QChar(char16_t(byte)) : QChar(u'.');
        } else {
            line += u"   "_s;
        }
    }
    return line + u" |" + ascii + u'|';
}

void HexView::setBytes(const QByteArray &bytes)
{
    m_bytes = bytes;
    m_highlightOffset = 0;
    m_highlightLength = 0;
    const qsizetype shown = std::min(bytes.size(), kMaxShownBytes);
    QStringList lines;
    lines.reserve(shown / kBytesPerLine + 2);
    for (qsizetype at = 0; at < shown; at += kBytesPerLine)
        lines.append(formatLine(bytes.first(shown), at));
    if (shown < bytes.size())
        lines.append(tr("… %n more byte(s) not shown", nullptr, int(bytes.size() - shown)));
    setPlainText(lines.join(u'\n'));
    setExtraSelections({});
}

void HexView::setHighlight(qsizetype offset, qsizetype length)
{
    m_highlightOffset = offset;
    m_highlightLength = length;
    QList<QTextEdit::ExtraSelection> selections;
    const qsizetype end = std::min(offset + length, std::min(m_bytes.size(), kMaxShownBytes));
    QTextCharFormat format;
    format.setBackground(palette().highlight());
    format.setForeground(palette().highlightedText());
    QTextCursor first;
    // One selection per line and column group: the hex cells and the ASCII characters.
    for (qsizetype lineStart = offset - offset % kBytesPerLine; length > 0 && lineStart < end;
         lineStart += kBytesPerLine) {
        const QTextBlock block = document()->findBlockByNumber(int(lineStart / kBytesPerLine));
        if (!block.isValid())
            break;
        const int from = int(std::max(offset, lineStart) - lineStart);
        const int to = int(std::min(end, lineStart + kBytesPerLine) - lineStart);  // exclusive
        const auto select = [&](int startColumn, int endColumn) {
            QTextCursor cursor(block);
            cursor.setPosition(block.position() + startColumn);
            cursor.setPosition(block.position() + endColumn, QTextCursor::KeepAnchor);
            selections.append({cursor, format});
            if (first.isNull())
                first = cursor;
        };
        select(kHexColumn + 3 * from, kHexColumn + 3 * to - 1);
        select(kAsciiColumn + from, kAsciiColumn + to);
    }
    setExtraSelections(selections);
    if (!first.isNull()) {
        QTextCursor cursor(first);
        cursor.clearSelection();
        setTextCursor(cursor);
        ensureCursorVisible();
    }
}

void HexView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange) {
        if (event->type() == QEvent::FontChange)
            applyFont();
        setHighlight(m_highlightOffset, m_highlightLength);
    }
}

void HexView::applyFont()
{
    // The fixed font at the size the widget inherits (presentation mode scales it).
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    fixed.setPointSizeF(QWidget::font().pointSizeF());
    if (document()->defaultFont() != fixed)
        document()->setDefaultFont(fixed);
}

} // namespace Uptane::Widgets
