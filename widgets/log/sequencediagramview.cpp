#include "widgets/log/sequencediagramview.h"

#include "widgets/log/sequencecanvas.h"
#include "widgets/log/sequencepainter.h"

#include <QBuffer>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QIcon>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QSvgGenerator>
#include <QVBoxLayout>

#include <functional>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

namespace {

// QImage's own ceiling is 2^31 bytes; stay well under it (and under what image viewers load).
constexpr qint64 kMaxPngBytes = 256LL * 1024 * 1024;
constexpr int kMaxPngSide = 32767;
// The events between two cycles worth showing before the next one (an operator's release and
// assignment take a handful; a fresh lab's set-up a few dozen).
constexpr qsizetype kMaxPrelude = 60;

Result<void> saveAtomically(const QString &path, const std::function<bool(QIODevice &)> &write)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(ErrorCode::IoError, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    if (!write(file)) {
        file.cancelWriting();
        return fail(ErrorCode::IoError, u"cannot encode %1"_s.arg(path));
    }
    if (!file.commit())
        return fail(ErrorCode::IoError, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    return {};
}

} // namespace

SequenceDiagramView::SequenceDiagramView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"sequenceDiagram"_s);
    m_canvas = new SequenceCanvas(m_layout, this);
    m_canvas->setObjectName(u"sequenceCanvas"_s);
    m_canvas->setAccessibleName(tr("Sequence diagram of the last update cycle"));

    m_status = new QLabel(this);
    m_status->setObjectName(u"sequenceStatus"_s);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_exportPng = new QPushButton(QIcon(u":/icons/log/export-png.svg"_s), tr("Export &PNG…"), this);
    m_exportPng->setObjectName(u"exportPng"_s);
    m_exportPng->setAccessibleName(tr("Export the sequence diagram as PNG"));
    m_exportSvg = new QPushButton(QIcon(u":/icons/log/export-svg.svg"_s), tr("Export S&VG…"), this);
    m_exportSvg->setObjectName(u"exportSvg"_s);
    m_exportSvg->setAccessibleName(tr("Export the sequence diagram as SVG"));
    connect(m_exportPng, &QPushButton::clicked, this, [this] { chooseExportFile(false); });
    connect(m_exportSvg, &QPushButton::clicked, this, [this] { chooseExportFile(true); });

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(m_exportPng);
    bar->addWidget(m_exportSvg);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_canvas, 1);
    setTabOrder(m_canvas, m_exportPng);
    setTabOrder(m_exportPng, m_exportSvg);

    connect(m_canvas, &SequenceCanvas::rowActivated, this, [this](int row) {
        Q_EMIT eventActivated(m_layout.events().at(m_layout.rows().at(row).event));
    });
    updateStatus();
}

SequenceDiagramView::~SequenceDiagramView() = default;

void SequenceDiagramView::setEvents(const QList<LabEvent> &events)
{
    m_layout.clear();
    m_prelude.clear();
    for (const LabEvent &event : events)
        m_layout.append(event);
    m_canvas->setCurrentRow(-1);
    rebuilt();
}

void SequenceDiagramView::addEvent(const LabEvent &event)
{
    if (SequenceLayout::isCycleStart(event) && !m_layout.hasOpenCycle()) {
        // A new cycle: the diagram restarts with what happened since the last one ended.
        m_layout.clear();
        for (const LabEvent &earlier : std::as_const(m_prelude))
            m_layout.append(earlier);
        m_prelude.clear();
        m_layout.append(event);
        m_canvas->setCurrentRow(-1);
        rebuilt();
        return;
    }
    m_layout.append(event);
    if (!m_layout.hasOpenCycle() && !(event.kind == LabEvent::Kind::Verdict && m_layout.hasCycle())) {
        m_prelude.append(event);
        if (m_prelude.size() > kMaxPrelude)
            m_prelude.removeFirst();
    }
    // Follow the newest row while the reader is at the bottom: a live cycle scrolls by itself.
    m_canvas->layoutChanged(true);
    updateStatus();
}

void SequenceDiagramView::clear()
{
    setEvents({});
}

void SequenceDiagramView::rebuilt()
{
    m_canvas->layoutChanged(false);
    updateStatus();
}

QList<LabEvent> SequenceDiagramView::events() const
{
    return m_layout.events();
}

QStringList SequenceDiagramView::lanes() const
{
    return m_layout.laneIds();
}

int SequenceDiagramView::arrowCount() const
{
    return m_layout.arrowCount();
}

QSize SequenceDiagramView::diagramSize() const
{
    return SequencePainter(m_layout, m_canvas->font(), m_canvas->palette()).size();
}

void SequenceDiagramView::updateStatus()
{
    const bool empty = m_layout.events().isEmpty();
    m_status->setText(empty ? tr("No events yet: run an update cycle.")
                            : tr("Events: %1 · arrows: %2 · lanes: %3")
                                  .arg(m_layout.events().size())
                                  .arg(m_layout.arrowCount())
                                  .arg(m_layout.lanes().size()));
    m_exportPng->setEnabled(!empty);
    m_exportSvg->setEnabled(!empty);
}

Result<void> SequenceDiagramView::exportPng(const QString &path) const
{
    const SequencePainter painter(m_layout, m_canvas->font(), m_canvas->palette());
    const QSize size = painter.size();
    if (size.width() > kMaxPngSide || size.height() > kMaxPngSide
        || qint64(size.width()) * size.height() * 4 > kMaxPngBytes)
        return fail(ErrorCode::TooLarge, u"a diagram of %1 x %2 pixels is too large for PNG; export SVG"_s
                                             .arg(size.width())
                                             .arg(size.height()));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return fail(ErrorCode::TooLarge, u"no memory for a %1 x %2 image"_s.arg(size.width()).arg(size.height()));
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        painter.paintAll(p);
    }
    return saveAtomically(path, [&image](QIODevice &device) { return image.save(&device, "PNG"); });
}

Result<void> SequenceDiagramView::exportSvg(const QString &path) const
{
    const SequencePainter painter(m_layout, m_canvas->font(), m_canvas->palette());
    const QSize size = painter.size();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(tr("Uptane Lab: sequence diagram"));
    generator.setDescription(tr("Lanes: %1").arg(m_layout.laneIds().join(u", "_s)));
    {
        QPainter p(&generator);
        p.setRenderHint(QPainter::Antialiasing);
        painter.paintAll(p);
    }
    const QByteArray svg = buffer.data();
    return saveAtomically(path, [&svg](QIODevice &device) { return device.write(svg) == svg.size(); });
}

void SequenceDiagramView::chooseExportFile(bool svg)
{
    // Non-native and opened without exec(): the GUI keeps running while it is up, and tests
    // can find it ("sequenceExportDialog").
    auto *dialog = new QFileDialog(this, svg ? tr("Export the sequence diagram as SVG")
                                             : tr("Export the sequence diagram as PNG"));
    dialog->setObjectName(u"sequenceExportDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setOption(QFileDialog::DontUseNativeDialog);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilter(svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)"));
    dialog->setDefaultSuffix(svg ? u"svg"_s : u"png"_s);
    const QString pictures = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    dialog->setDirectory(pictures.isEmpty() ? QDir::homePath() : pictures);
    dialog->selectFile(svg ? u"sequence.svg"_s : u"sequence.png"_s);
    connect(dialog, &QFileDialog::fileSelected, this, [this, svg](const QString &path) {
        const Result<void> written = svg ? exportSvg(path) : exportPng(path);
        // Widgets map codes to sentences; the path is the user's own.
        if (written)
            m_status->setText(tr("Exported to %1").arg(QDir::toNativeSeparators(path)));
        else if (written.error().code == ErrorCode::TooLarge)
            m_status->setText(tr("The diagram is too large for a PNG image: export it as SVG."));
        else
            m_status->setText(tr("Could not write %1.").arg(QDir::toNativeSeparators(path)));
    });
    dialog->open();
}

} // namespace Uptane::Widgets
