#pragma once

// What the operator dialog tests share: a real Lab on a temporary workspace (demo fleet on),
// and small accessors for the OperationDialog frame.

#include "lab/lab.h"
#include "services/oemservices.h"
#include "widgets/dialogs/operationdialog.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace DialogTest {

struct LabFixture
{
    QTemporaryDir dir;
    std::unique_ptr<Uptane::Lab::Lab> lab = std::make_unique<Uptane::Lab::Lab>();

    bool start()
    {
        Uptane::Lab::LabOptions options;
        options.workspace = dir.path() + QStringLiteral("/ws");
        options.demoFleet = true;
        auto started = lab->startAndWait(options);
        if (!started)
            qWarning("lab did not start: %s", qPrintable(started.error().toString()));
        return started.has_value();
    }
};

inline QPushButton *okButton(QWidget *dialog)
{
    return dialog->findChild<QPushButton *>(QStringLiteral("dialogOk"));
}

inline QString message(QWidget *dialog)
{
    auto *label = dialog->findChild<QLabel *>(QStringLiteral("dialogMessage"));
    return label ? label->text() : QString();
}

// Saves a picture of the dialog when UPTANE_GRAB_DIR is set (to look at it).
inline void grab(QWidget &dialog, const QString &name)
{
    if (qEnvironmentVariableIsSet("UPTANE_GRAB_DIR"))
        dialog.grab().save(qEnvironmentVariable("UPTANE_GRAB_DIR") + u'/' + name + QStringLiteral(".png"));
}

enum class Outcome { TimedOut, Failed, Succeeded };

// Clicks OK and waits (spinning the event loop, as QTRY_* does) for the operation's done().
inline Outcome pressOk(Uptane::Widgets::OperationDialog &dialog, int timeoutMs = 30000)
{
    QSignalSpy done(&dialog, &Uptane::Widgets::OperationDialog::done);
    QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
    if (!QTest::qWaitFor([&done] { return !done.isEmpty(); }, timeoutMs))
        return Outcome::TimedOut;
    return done.at(0).at(0).toBool() ? Outcome::Succeeded : Outcome::Failed;
}

} // namespace DialogTest
