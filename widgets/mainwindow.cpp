#include "mainwindow.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Uptane::Widgets {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Uptane Lab"));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    auto *title = new QLabel(tr("<h1>Uptane Lab</h1>"), central);
    title->setObjectName(QStringLiteral("titleLabel"));
    auto *body = new QLabel(
        tr("Secure over-the-air updates for cars, shown step by step.\n\n"
           "The trust core (keys, metadata, TUF verification) and the OEM services "
           "(uptane-lab serve) are in place; the vehicles and attack scenarios arrive next.\n"
           "Headless: uptane-lab --help"),
        central);
    body->setObjectName(QStringLiteral("welcomeLabel"));
    body->setWordWrap(true);
    layout->addWidget(title);
    layout->addWidget(body);
    layout->addStretch();
    setCentralWidget(central);
    resize(900, 600);
}

} // namespace Uptane::Widgets
