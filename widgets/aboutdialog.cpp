#include "aboutdialog.h"

#include "lab/versions.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Uptane::Widgets {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Uptane Lab"));

    auto *title = new QLabel(tr("<h2>Uptane Lab %1</h2>").arg(QStringLiteral(UPTANE_VERSION)), this);
    title->setObjectName(QStringLiteral("aboutTitle"));
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *summary = new QLabel(
        tr("A classroom demonstrator of Uptane secure over-the-air updates for vehicles: it "
           "delivers updates to simulated ECUs, runs the attacks of the Uptane threat model and "
           "shows how each one is defended."),
        this);
    summary->setObjectName(QStringLiteral("aboutSummary"));
    summary->setWordWrap(true);

    auto *specifications = new QLabel(
        tr("Implements the Uptane Standard %1 and the TUF specification %2.")
            .arg(Lab::uptaneStandardVersion(), Lab::tufSpecificationVersion()),
        this);
    specifications->setObjectName(QStringLiteral("aboutSpecifications"));
    specifications->setWordWrap(true);

    const QList<Lab::LibraryVersion> libraries = Lab::libraryVersions();
    auto *table = new QTableWidget(int(libraries.size()), 2, this);
    table->setObjectName(QStringLiteral("libraryVersions"));
    table->setAccessibleName(tr("Library versions"));
    table->setHorizontalHeaderLabels({tr("Library"), tr("Version")});
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setTabKeyNavigation(false); // Tab leaves the table for the Close button
    for (int row = 0; row < libraries.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(libraries.at(row).name));
        table->setItem(row, 1, new QTableWidgetItem(libraries.at(row).version));
    }
    table->resizeColumnsToContents();

    auto *caption = new QLabel(tr("&Libraries in use:"), this);
    caption->setBuddy(table);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *close = buttons->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("aboutCloseButton"));
    close->setAccessibleName(tr("Close the About box"));
    close->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(summary);
    layout->addWidget(specifications);
    layout->addWidget(caption);
    layout->addWidget(table);
    layout->addWidget(buttons);

    setAccessibleName(tr("About Uptane Lab"));
    close->setFocus();
    resize(480, 440);
}

} // namespace Uptane::Widgets
