#pragma once

// Adds a firmware image to the Image Repository (issue 6, "Operator dialogs"; Uptane
// Standard §5.3: the Image Repository signs what the OEM and its suppliers release). The
// bytes come from a file or are generated (deterministic content of the chosen size, so two
// runs of a demo produce the same image); the operator names the target path, the hardware
// id it is for and its release counter, and may put it under the supplier's delegation
// (TUF §4.5 delegated targets: paths under acme/* are signed by supplier-acme, which may
// only sign for its own hardware ids). Performed on the services thread through
// Lab::runOnServices (ImageRepository::addImage / addImageFile, which publish).
//
// Object names: "addFirmwareDialog"; "firmwareFromFile" / "firmwareGenerated" (QRadioButton),
// "firmwareFile" (QLineEdit), "firmwareBrowse" (QPushButton: a non-native QFileDialog),
// "firmwareSize" (QSpinBox, bytes), "firmwarePath", "firmwareHardwareId" (QLineEdit),
// "firmwareRelease" (QSpinBox), "firmwareSupplier" (QCheckBox); see OperationDialog for the
// message line and buttons.

#include "widgets/dialogs/operationdialog.h"

#include <QByteArray>

class QCheckBox;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace Uptane::Lab {
class Lab;
}

namespace Uptane::Widgets {

class AddFirmwareDialog : public OperationDialog
{
    Q_OBJECT
public:
    AddFirmwareDialog(Lab::Lab &lab, QWidget *parent = nullptr);

    // The generated image for a path and release: a readable header, then bytes from a fixed
    // pseudo-random sequence seeded by the header (the same inputs, the same bytes).
    static QByteArray generatedImage(const QString &path, qint64 releaseCounter, qsizetype size);

protected:
    QString validate() const override;
    void perform(std::function<void(Result<void>)> finish) override;

private:
    void browse();
    void supplierToggled(bool checked);
    void sourceChanged();

    Lab::Lab &m_lab;
    QRadioButton *m_fromFile = nullptr;
    QRadioButton *m_generated = nullptr;
    QLineEdit *m_file = nullptr;
    QPushButton *m_browse = nullptr;
    QSpinBox *m_size = nullptr;
    QLineEdit *m_path = nullptr;
    QLineEdit *m_hardwareId = nullptr;
    QSpinBox *m_release = nullptr;
    QCheckBox *m_supplier = nullptr;
    QString m_supplierPrefix;        // "acme/"
    QStringList m_supplierHardwareIds;
    QString m_supplierName;          // "supplier-acme"
};

} // namespace Uptane::Widgets
