#pragma once

// Adds a vehicle to the fleet (issue 6, "Operator dialogs"): its VIN, its Primary (serial,
// hardware id) and any number of Secondaries (serial, hardware id, full or partial
// verification, Uptane Standard §5.4.4). Lab::addVehicle registers it with the Director's
// inventory, provisions every ECU (keys, roots, Time Server key) under vehicles/<vin>/ and
// opens it; the Lab decides whether the VIN or a serial is taken (the error is shown and the
// dialog stays open).
//
// Object names: "addVehicleDialog"; "vehicleVin", "vehiclePrimarySerial",
// "vehiclePrimaryHardwareId" (QLineEdit; the serial follows the VIN as "INFO<vin>" until
// edited), "vehicleSecondaries" (QTableWidget: serial, hardware id, then a QComboBox cell
// widget "Full"/"Partial" with Vehicle::Verification as item data), "addSecondaryRow",
// "removeSecondaryRow" (QPushButton); see OperationDialog for message and buttons.

#include "lab/snapshot.h"
#include "widgets/dialogs/operationdialog.h"

class QComboBox;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace Uptane::Lab {
class Lab;
}

namespace Uptane::Widgets {

class AddVehicleDialog : public OperationDialog
{
    Q_OBJECT
public:
    AddVehicleDialog(Lab::Lab &lab, QWidget *parent = nullptr);

    // The vehicle as entered (what OK hands to Lab::addVehicle).
    Lab::VehicleSpec spec() const;
    // Appends a Secondary row (the "Add Secondary" button calls it with defaults).
    void addSecondaryRow(const QString &serial = {}, const QString &hardwareId = {},
                         Vehicle::Verification verification = Vehicle::Verification::Full);

protected:
    QString validate() const override;
    void perform(std::function<void(Result<void>)> finish) override;

private:
    void vinEdited(const QString &vin);
    void removeSecondaryRow();

    Lab::Lab &m_lab;
    QLineEdit *m_vin = nullptr;
    QLineEdit *m_primarySerial = nullptr;
    QLineEdit *m_primaryHardwareId = nullptr;
    QTableWidget *m_secondaries = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QString m_suggestedSerial;  // what the serial holds while it follows the VIN
};

// A combo box with "Full" and "Partial" verification (item data: Vehicle::Verification as
// int), shared by the vehicle and Secondary dialogs.
QComboBox *createVerificationCombo(QWidget *parent);

} // namespace Uptane::Widgets
