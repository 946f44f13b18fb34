#pragma once

// The shared frame of the operator dialogs (issue 6, "Operator dialogs"): a form above a
// message line, a busy indicator and OK / Cancel. OK stays disabled, with the reason in the
// message line, while the form is not valid; once pressed the dialog performs its operation
// through the Lab (asynchronously: the GUI thread never waits), shows progress, and then
// either closes (accept(), done(true)) or shows the error (ErrorCode name + detail) and stays
// open so the operator can correct the input (done(false)).
//
// Object names (tests): "dialogMessage" (QLabel), "dialogProgress" (QProgressBar, busy),
// "dialogOk" and "dialogCancel" (QPushButton).

#include "common/error.h"

#include <QDialog>

#include <functional>

class QDialogButtonBox;
class QFormLayout;
class QLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace Uptane::Widgets {

// Gives a widget its object name (for tests and the main window) and accessible name.
template <typename W>
W *named(W *widget, const QString &objectName, const QString &accessibleName)
{
    widget->setObjectName(objectName);
    widget->setAccessibleName(accessibleName);
    return widget;
}

class OperationDialog : public QDialog
{
    Q_OBJECT
public:
    // The outcome of the last operation (InvalidArgument "not performed" before the first).
    Result<void> lastResult() const { return m_lastResult; }
    bool isPerforming() const { return m_performing; }

    void accept() override;  // validates, then performs: closes only on success
    void reject() override;  // ignored while an operation is in flight (it cannot be undone)

Q_SIGNALS:
    // The operation finished: ok == lastResult().has_value().
    void done(bool ok);

protected:
    explicit OperationDialog(QWidget *parent = nullptr);

    // The form the subclass fills (rows of label + field).
    QFormLayout *form() const { return m_form; }
    // Adds a row: the field gets its object name and accessible name (label may be empty).
    template <typename Field>
    Field *addField(const QString &label, Field *field, const QString &objectName, const QString &accessibleName)
    {
        addFormRow(label, named(field, objectName, accessibleName));
        return field;
    }
    // A row holding several widgets; the label's mnemonic focuses buddy.
    void addLayoutRow(const QString &label, QLayout *row, QWidget *buddy);
    QPushButton *okButton() const { return m_ok; }
    void setOkText(const QString &text);

    // Why the input cannot be used yet (translated, one line), or empty when it can.
    virtual QString validate() const = 0;
    // Starts the operation; finish(result) must be called exactly once, on the GUI thread.
    virtual void perform(std::function<void(Result<void>)> finish) = 0;

    // Re-runs validate() and updates OK and the message line; subclasses connect their
    // fields' change signals to it.
    void revalidate();
    // Shown instead of the validation message (e.g. "Loading the fleet…"), OK disabled.
    void setPending(const QString &message);
    // The error of an operation or of a read, for the message line.
    static QString describe(const Error &error);

private:
    void addFormRow(const QString &label, QWidget *field);
    void finished(Result<void> result);
    void revalidateKeepingFailure();
    void setFormEnabled(bool enabled);

    QFormLayout *m_form = nullptr;
    QLabel *m_message = nullptr;
    QProgressBar *m_progress = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_ok = nullptr;
    QPushButton *m_cancel = nullptr;
    QWidget *m_formHolder = nullptr;
    QString m_pending;
    QString m_failure;  // the last operation's error, until the input changes
    bool m_performing = false;
    Result<void> m_lastResult;
};

} // namespace Uptane::Widgets
