#pragma once

// The Hex tab: the exact bytes of a document as offset / hex / ASCII lines, 16 bytes a line,
// with one byte range highlighted (the DER field selected in the Tree tab). Read-only text,
// so it can be selected and copied; the font is the system's fixed font at the widget's
// point size, so presentation mode enlarges it with everything else.

#include <QByteArray>
#include <QPlainTextEdit>

namespace Uptane::Widgets {

class HexView : public QPlainTextEdit
{
    Q_OBJECT
public:
    static constexpr int kBytesPerLine = 16;
    // Larger documents show their first kMaxShownBytes (events carry at most 64 KiB anyway).
    static constexpr qsizetype kMaxShownBytes = 1024 * 1024;

    explicit HexView(QWidget *parent = nullptr);

    void setBytes(const QByteArray &bytes);
    const QByteArray &bytes() const { return m_bytes; }
    // Highlights [offset, offset + length) and scrolls it into view; length 0 clears.
    void setHighlight(qsizetype offset, qsizetype length);
    qsizetype highlightOffset() const { return m_highlightOffset; }
    qsizetype highlightLength() const { return m_highlightLength; }

    // One line of the dump, e.g. "00000010  30 82 01 0a ...  |0...|" (exposed for tests).
    static QString formatLine(const QByteArray &bytes, qsizetype lineOffset);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyFont();
    QByteArray m_bytes;
    qsizetype m_highlightOffset = 0;
    qsizetype m_highlightLength = 0;
};

} // namespace Uptane::Widgets
