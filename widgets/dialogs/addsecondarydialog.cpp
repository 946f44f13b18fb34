#include "widgets/dialogs/addsecondarydialog.h"

#include "lab/lab.h"
#include "services/oemservices.h"
#include "services/workspace.h"
#include "widgets/dialogs/addvehicledialog.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

AddSecondaryDialog::AddSecondaryDialog(Lab::Lab &lab, QWidget *parent)
    : OperationDialog(parent), m_lab(lab)
{
    setObjectName(u"addSecondaryDialog"_s);
    setWindowTitle(tr("Add a Secondary ECU"));
    setOkText(tr("&Add Secondary"));

    m_vehicle = addField(tr("&Vehicle:"), new QComboBox(this), u"secondaryVehicle"_s, tr("Vehicle"));
    for (const QString &vin : lab.vins())
        m_vehicle->addItem(vin, vin);

    m_serial = addField(tr("&Serial:"), new QLineEdit(this), u"secondarySerial"_s, tr("Serial"));
    m_serial->setPlaceholderText(u"BRAKEdemocar"_s);

    m_hardwareId = addField(tr("&Hardware id:"), new QLineEdit(Services::DemoFleet::secondaryHardwareId(), this), u"secondaryHardwareId"_s, tr("Hardware id"));

    m_verification = createVerificationCombo(this);
    m_verification->setObjectName(u"secondaryVerification"_s);
    m_verification->setToolTip(tr("Full verification checks both repositories' metadata; partial verification "
                                  "checks only the Director's Targets (Uptane Standard §5.4.4)."));
    form()->addRow(tr("V&erification:"), m_verification);

    connect(m_vehicle, &QComboBox::currentIndexChanged, this, &AddSecondaryDialog::revalidate);
    connect(m_serial, &QLineEdit::textChanged, this, &AddSecondaryDialog::revalidate);
    connect(m_hardwareId, &QLineEdit::textChanged, this, &AddSecondaryDialog::revalidate);
    revalidate();
}

void AddSecondaryDialog::preselect(const QString &vin)
{
    if (const int row = m_vehicle->findData(vin); row >= 0)
        m_vehicle->setCurrentIndex(row);
}

QString AddSecondaryDialog::vin() const
{
    return m_vehicle->currentData().toString();
}

Lab::SecondarySpec AddSecondaryDialog::spec() const
{
    Lab::SecondarySpec spec;
    spec.serial = m_serial->text().trimmed();
    spec.hardwareId = m_hardwareId->text().trimmed();
    spec.verification = Vehicle::Verification(m_verification->currentData().toInt());
    return spec;
}

QString AddSecondaryDialog::validate() const
{
    if (vin().isEmpty())
        return tr("The lab has no vehicle yet.");
    const Lab::SecondarySpec secondary = spec();
    if (secondary.serial.isEmpty())
        return tr("Enter the Secondary's serial.");
    if (!Services::Workspace::isSafeName(secondary.serial))
        return tr("A serial uses only letters, digits, '.', '_' and '-' (at most 128).");
    if (!Services::Workspace::isSafeName(secondary.hardwareId))
        return tr("Enter the hardware id (letters, digits, '.', '_' and '-').");
    return {};
}

void AddSecondaryDialog::perform(std::function<void(Result<void>)> finish)
{
    m_lab.addSecondary(vin(), spec(), std::move(finish));
}

} // namespace Uptane::Widgets
