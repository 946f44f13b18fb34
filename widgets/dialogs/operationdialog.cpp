#include "widgets/dialogs/operationdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

namespace {

// An error red that reads on the palette's window colour, light or dark.
QString errorColour(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? u"#ef5350"_s : u"#c62828"_s;
}

} // namespace

OperationDialog::OperationDialog(QWidget *parent)
    : QDialog(parent), m_lastResult(fail(ErrorCode::InvalidArgument, u"not performed"_s))
{
    m_formHolder = new QWidget(this);
    m_form = new QFormLayout(m_formHolder);
    m_form->setContentsMargins(0, 0, 0, 0);
    // Long (German) labels wrap instead of pushing the fields out of the dialog.
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_message = new QLabel(this);
    m_message->setObjectName(u"dialogMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleName(tr("Status"));

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"dialogProgress"_s);
    m_progress->setRange(0, 0);  // busy: the Lab reports no fraction, only the end
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Operation in progress"));
    m_progress->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = m_buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(u"dialogOk"_s);
    m_ok->setAccessibleName(tr("OK"));
    m_cancel = m_buttons->button(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(u"dialogCancel"_s);
    m_cancel->setText(tr("&Cancel"));
    m_cancel->setAccessibleName(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &OperationDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &OperationDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_formHolder);
    layout->addStretch(1);
    layout->addWidget(m_message);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
}

void OperationDialog::setOkText(const QString &text)
{
    m_ok->setText(text);
    QString plain = text;
    m_ok->setAccessibleName(plain.remove(u'&'));
}

void OperationDialog::addFormRow(const QString &label, QWidget *field)
{
    m_form->addRow(label, field);
}

void OperationDialog::addLayoutRow(const QString &label, QLayout *row, QWidget *buddy)
{
    m_form->addRow(label, row);
    if (auto *text = qobject_cast<QLabel *>(m_form->labelForField(row)))
        text->setBuddy(buddy);
}

void OperationDialog::accept()
{
    if (m_performing || !validate().isEmpty() || !m_pending.isEmpty())
        return;
    m_performing = true;
    m_failure.clear();
    setFormEnabled(false);
    m_progress->show();
    m_message->setStyleSheet({});
    m_message->setText(tr("Working…"));
    // The dialog may be closed by its owner before the Lab answers.
    QPointer<OperationDialog> self(this);
    perform([self](Result<void> result) {
        if (self)
            self->finished(std::move(result));
    });
}

void OperationDialog::reject()
{
    if (m_performing)
        return;
    QDialog::reject();
}

void OperationDialog::finished(Result<void> result)
{
    m_performing = false;
    m_progress->hide();
    setFormEnabled(true);
    m_lastResult = result;
    if (result) {
        m_message->clear();
        Q_EMIT done(true);
        QDialog::accept();
        return;
    }
    m_failure = describe(result.error());
    revalidateKeepingFailure();
    Q_EMIT done(false);
}

void OperationDialog::revalidate()
{
    m_failure.clear();
    revalidateKeepingFailure();
}

void OperationDialog::revalidateKeepingFailure()
{
    if (m_performing)
        return;
    const QString problem = m_pending.isEmpty() ? validate() : m_pending;
    m_ok->setEnabled(problem.isEmpty());
    if (!m_failure.isEmpty()) {
        m_message->setStyleSheet(u"color: %1;"_s.arg(errorColour(palette())));
        // Paths in error details are long words: let them wrap after each '/'.
        QString wrappable = m_failure;
        m_message->setText(wrappable.replace(u'/', u"/\u200b"_s));
        m_message->setToolTip(m_failure);
    } else {
        m_message->setStyleSheet({});
        m_message->setText(problem);
        m_message->setToolTip({});
    }
    // A wrapped message needs more lines at this width: grow the dialog (never shrink it).
    m_message->setMinimumHeight(0);
    if (isVisible() && !m_message->text().isEmpty()) {
        m_message->setMinimumHeight(m_message->heightForWidth(m_message->width()));
        layout()->activate();
        resize(size().expandedTo(minimumSizeHint()));
    }
}

void OperationDialog::setPending(const QString &message)
{
    m_pending = message;
    if (!m_performing)
        m_progress->setVisible(!message.isEmpty());
    revalidateKeepingFailure();
}

QString OperationDialog::describe(const Error &error)
{
    return tr("Failed with %1: %2").arg(errorCodeName(error.code), error.detail);
}

void OperationDialog::setFormEnabled(bool enabled)
{
    m_formHolder->setEnabled(enabled);
    m_ok->setEnabled(enabled);
    m_cancel->setEnabled(enabled);
}

} // namespace Uptane::Widgets
