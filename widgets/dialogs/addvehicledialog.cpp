#include "widgets/dialogs/addvehicledialog.h"

#include "lab/lab.h"
#include "services/oemservices.h"
#include "services/workspace.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

namespace {

enum SecondaryColumn { SerialColumn, HardwareIdColumn, VerificationColumn, SecondaryColumnCount };

QString cellText(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

} // namespace

QComboBox *createVerificationCombo(QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->addItem(AddVehicleDialog::tr("Full"),
                   int(Vehicle::Verification::Full));
    combo->addItem(AddVehicleDialog::tr("Partial"),
                   int(Vehicle::Verification::Partial));
    combo->setAccessibleName(AddVehicleDialog::tr("Verification"));
    return combo;
}

AddVehicleDialog::AddVehicleDialog(Lab::Lab &lab, QWidget *parent)
    : OperationDialog(parent), m_lab(lab)
{
    setObjectName(u"addVehicleDialog"_s);
    setWindowTitle(tr("Add a Vehicle"));
    setOkText(tr("&Add Vehicle"));

    m_vin = addField(tr("&VIN:"), new QLineEdit(this), u"vehicleVin"_s, tr("VIN"));
    m_vin->setPlaceholderText(u"testcar"_s);

    m_primarySerial = addField(tr("Primary &serial:"), new QLineEdit(this), u"vehiclePrimarySerial"_s, tr("Primary serial"));

    m_primaryHardwareId = addField(tr("Primary &hardware id:"), new QLineEdit(Services::DemoFleet::primaryHardwareId(), this), u"vehiclePrimaryHardwareId"_s, tr("Primary hardware id"));

    m_secondaries = new QTableWidget(0, SecondaryColumnCount, this);
    m_secondaries->setObjectName(u"vehicleSecondaries"_s);
    m_secondaries->setAccessibleName(tr("Secondaries"));
    m_secondaries->setHorizontalHeaderLabels({tr("Serial"), tr("Hardware id"), tr("Verification")});
    m_secondaries->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_secondaries->verticalHeader()->hide();
    m_secondaries->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_secondaries->setTabKeyNavigation(false);  // Tab leaves the table, arrows move inside

    m_add = named(new QPushButton(tr("Add Secon&dary"), this), u"addSecondaryRow"_s, tr("Add a Secondary"));
    m_remove = named(new QPushButton(tr("&Remove Secondary"), this), u"removeSecondaryRow"_s,
                     tr("Remove the selected Secondary"));
    auto *rowButtons = new QHBoxLayout;
    rowButtons->addWidget(m_add);
    rowButtons->addWidget(m_remove);
    rowButtons->addStretch(1);
    auto *secondaries = new QVBoxLayout;
    secondaries->addWidget(m_secondaries);
    secondaries->addLayout(rowButtons);
    addLayoutRow(tr("Seco&ndaries:"), secondaries, m_secondaries);

    connect(m_vin, &QLineEdit::textChanged, this, &AddVehicleDialog::vinEdited);
    connect(m_primarySerial, &QLineEdit::textChanged, this, &AddVehicleDialog::revalidate);
    connect(m_primaryHardwareId, &QLineEdit::textChanged, this, &AddVehicleDialog::revalidate);
    connect(m_secondaries, &QTableWidget::itemChanged, this, &AddVehicleDialog::revalidate);
    connect(m_add, &QPushButton::clicked, this, [this] { addSecondaryRow(); });
    connect(m_remove, &QPushButton::clicked, this, &AddVehicleDialog::removeSecondaryRow);
    revalidate();
}

void AddVehicleDialog::vinEdited(const QString &vin)
{
    // The Primary's serial follows the VIN ("INFO<vin>", as the demo car's) until edited.
    if (m_primarySerial->text() == m_suggestedSerial) {
        m_suggestedSerial = vin.isEmpty() ? QString() : u"INFO"_s + vin;
        m_primarySerial->setText(m_suggestedSerial);
    }
    revalidate();
}

void AddVehicleDialog::addSecondaryRow(const QString &serial, const QString &hardwareId,
                                       Vehicle::Verification verification)
{
    const int row = m_secondaries->rowCount();
    m_secondaries->insertRow(row);
    m_secondaries->setItem(row, SerialColumn, new QTableWidgetItem(serial));
    m_secondaries->setItem(row, HardwareIdColumn,
                           new QTableWidgetItem(hardwareId.isEmpty() ? Services::DemoFleet::secondaryHardwareId()
                                                                     : hardwareId));
    QComboBox *combo = createVerificationCombo(m_secondaries);
    combo->setCurrentIndex(combo->findData(int(verification)));
    m_secondaries->setCellWidget(row, VerificationColumn, combo);
    m_secondaries->setCurrentCell(row, SerialColumn);
    revalidate();
}

void AddVehicleDialog::removeSecondaryRow()
{
    const int row = m_secondaries->currentRow();
    if (row >= 0)
        m_secondaries->removeRow(row);
    revalidate();
}

Lab::VehicleSpec AddVehicleDialog::spec() const
{
    Lab::VehicleSpec spec;
    spec.vin = m_vin->text().trimmed();
    spec.primarySerial = m_primarySerial->text().trimmed();
    spec.primaryHardwareId = m_primaryHardwareId->text().trimmed();
    for (int row = 0; row < m_secondaries->rowCount(); ++row) {
        Lab::SecondarySpec secondary;
        secondary.serial = cellText(m_secondaries, row, SerialColumn);
        secondary.hardwareId = cellText(m_secondaries, row, HardwareIdColumn);
        if (auto *combo = qobject_cast<QComboBox *>(m_secondaries->cellWidget(row, VerificationColumn)))
            secondary.verification = Vehicle::Verification(combo->currentData().toInt());
        spec.secondaries.append(secondary);
    }
    return spec;
}

QString AddVehicleDialog::validate() const
{
    using Services::Workspace;
    const Lab::VehicleSpec vehicle = spec();
    if (vehicle.vin.isEmpty())
        return tr("Enter the vehicle's VIN.");
    if (!Workspace::isSafeName(vehicle.vin))
        return tr("A VIN uses only letters, digits, '.', '_' and '-' (at most 128).");
    if (!Workspace::isSafeName(vehicle.primarySerial))
        return tr("Enter the Primary's serial (letters, digits, '.', '_' and '-').");
    if (!Workspace::isSafeName(vehicle.primaryHardwareId))
        return tr("Enter the Primary's hardware id (letters, digits, '.', '_' and '-').");
    QSet<QString> serials{vehicle.primarySerial};
    for (qsizetype i = 0; i < vehicle.secondaries.size(); ++i) {
        const Lab::SecondarySpec &secondary = vehicle.secondaries.at(i);
        if (!Workspace::isSafeName(secondary.serial))
            return tr("Secondary %1: enter its serial (letters, digits, '.', '_' and '-').").arg(i + 1);
        if (!Workspace::isSafeName(secondary.hardwareId))
            return tr("Secondary %1: enter its hardware id (letters, digits, '.', '_' and '-').").arg(i + 1);
        if (serials.contains(secondary.serial))
            return tr("The serial %1 is used twice.").arg(secondary.serial);
        serials.insert(secondary.serial);
    }
    return {};
}

void AddVehicleDialog::perform(std::function<void(Result<void>)> finish)
{
    m_lab.addVehicle(spec(), std::move(finish));
}

} // namespace Uptane::Widgets
