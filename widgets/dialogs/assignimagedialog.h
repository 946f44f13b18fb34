#pragma once

// Assigns an Image Repository image to one ECU of a vehicle (issue 6, "Operator dialogs";
// Uptane Standard §5.3.2: the Director decides what each ECU installs). The vehicles, their
// ECUs with their current assignments and the images come from one read on the services
// thread: the Director's inventory is what assign() checks against (UnknownEcu), and the
// Image Repository's list is what it must find (TargetNotFound). Images whose hardware id is
// not the ECU's are hidden unless "show all" is checked (then the Director refuses them with
// HardwareIdMismatch, which is worth showing a class). Performed through
// Lab::runOnServices (DirectorRepository::assign, which publishes the vehicle's metadata);
// the next update cycle of the vehicle delivers it.
//
// Object names: "assignImageDialog"; "assignVehicle", "assignEcu", "assignImage" (QComboBox;
// item data: VIN, serial, image path), "assignCurrent" (QLabel: the ECU's current
// assignment), "assignShowAll" (QCheckBox); see OperationDialog for message and buttons.

#include "widgets/dialogs/operationdialog.h"

#include <QList>
#include <QString>

class QCheckBox;
class QComboBox;
class QLabel;

namespace Uptane::Lab {
class Lab;
}

namespace Uptane::Widgets {

class AssignImageDialog : public OperationDialog
{
    Q_OBJECT
public:
    AssignImageDialog(Lab::Lab &lab, QWidget *parent = nullptr);

    // Selects this vehicle and ECU (now, or once the fleet is read).
    void preselect(const QString &vin, const QString &serial);
    // The fleet has been read (fleetLoaded() also says whether that worked).
    bool isLoaded() const { return m_loaded; }

    // What the dialog offers, read on the services thread.
    struct Ecu
    {
        QString serial;
        QString hardwareId;
        bool primary = false;
        QString assigned;  // the image path the Director assigns it now, or empty
    };
    struct Vehicle
    {
        QString vin;
        QList<Ecu> ecus;
    };
    struct Image
    {
        QString path;
        QString hardwareId;
        qint64 releaseCounter = 0;
        qint64 length = 0;
    };

Q_SIGNALS:
    void fleetLoaded(bool ok);

protected:
    QString validate() const override;
    void perform(std::function<void(Result<void>)> finish) override;

private:
    void load();
    void loaded(const QList<Vehicle> &vehicles, const QList<Image> &images);
    void fillEcus();
    void fillImages();
    const Vehicle *currentVehicle() const;
    const Ecu *currentEcu() const;

    Lab::Lab &m_lab;
    QComboBox *m_vehicle = nullptr;
    QComboBox *m_ecu = nullptr;
    QComboBox *m_image = nullptr;
    QLabel *m_current = nullptr;
    QCheckBox *m_showAll = nullptr;
    QList<Vehicle> m_vehicles;
    QList<Image> m_images;
    QString m_preselectVin;
    QString m_preselectSerial;
    bool m_loaded = false;
};

} // namespace Uptane::Widgets
