#pragma once

// Adds a Secondary ECU to a vehicle (issue 6, "Operator dialogs"): its serial, hardware id
// and whether it verifies fully or partially (Uptane Standard §5.4.4). Lab::addSecondary
// registers it with the Director's inventory, provisions it and reopens the vehicle; the Lab
// refuses a taken serial and a vehicle in the middle of a cycle (the error is shown and the
// dialog stays open). The vehicles offered are Lab::vins().
//
// Object names: "addSecondaryDialog"; "secondaryVehicle" (QComboBox, item data: VIN),
// "secondarySerial", "secondaryHardwareId" (QLineEdit), "secondaryVerification" (QComboBox,
// item data: Vehicle::Verification as int); see OperationDialog for message and buttons.

#include "lab/snapshot.h"
#include "widgets/dialogs/operationdialog.h"

class QComboBox;
class QLineEdit;

namespace Uptane::Lab {
class Lab;
}

namespace Uptane::Widgets {

class AddSecondaryDialog : public OperationDialog
{
    Q_OBJECT
public:
    AddSecondaryDialog(Lab::Lab &lab, QWidget *parent = nullptr);

    void preselect(const QString &vin);
    // The VIN and Secondary as entered.
    QString vin() const;
    Lab::SecondarySpec spec() const;

protected:
    QString validate() const override;
    void perform(std::function<void(Result<void>)> finish) override;

private:
    Lab::Lab &m_lab;
    QComboBox *m_vehicle = nullptr;
    QLineEdit *m_serial = nullptr;
    QLineEdit *m_hardwareId = nullptr;
    QComboBox *m_verification = nullptr;
};

} // namespace Uptane::Widgets
