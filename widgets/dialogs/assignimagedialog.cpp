#include "widgets/dialogs/assignimagedialog.h"

#include "lab/lab.h"
#include "services/oemservices.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPointer>

#include <memory>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

namespace {

struct FleetRead
{
    QList<AssignImageDialog::Vehicle> vehicles;
    QList<AssignImageDialog::Image> images;
};

// Runs on the services thread: the Director's inventory and the Image Repository's list.
Result<void> readFleet(Services::OemServices &services, FleetRead &out)
{
    Services::Inventory &inventory = services.director().inventory();
    auto vehicles = inventory.vehicles();
    if (!vehicles)
        return fail(vehicles.error());
    for (const Services::VehicleRecord &record : *vehicles) {
        auto ecus = inventory.ecus(record.vin);
        if (!ecus)
            return fail(ecus.error());
        auto assignments = inventory.assignments(record.vin);
        if (!assignments)
            return fail(assignments.error());
        AssignImageDialog::Vehicle vehicle{record.vin, {}};
        for (const Services::EcuRecord &ecu : *ecus) {
            AssignImageDialog::Ecu row{ecu.serial, ecu.hardwareId, ecu.isPrimary, {}};
            for (const Services::AssignmentRecord &assignment : *assignments) {
                if (assignment.ecuSerial == ecu.serial)
                    row.assigned = assignment.target.path;
            }
            // Primary first, as everywhere in the lab.
            if (row.primary)
                vehicle.ecus.prepend(row);
            else
                vehicle.ecus.append(row);
        }
        out.vehicles.append(vehicle);
    }
    const auto images = services.images().images();
    for (auto it = images.cbegin(); it != images.cend(); ++it) {
        out.images.append({it.key(), it->hardwareId.value_or(QString()), it->releaseCounter.value_or(0),
                           it->length});
    }
    return {};
}

} // namespace

AssignImageDialog::AssignImageDialog(Lab::Lab &lab, QWidget *parent)
    : OperationDialog(parent), m_lab(lab)
{
    setObjectName(u"assignImageDialog"_s);
    setWindowTitle(tr("Assign an Image to an ECU"));
    setOkText(tr("&Assign"));

    m_vehicle = addField(tr("&Vehicle:"), new QComboBox(this), u"assignVehicle"_s, tr("Vehicle"));

    m_ecu = addField(tr("&ECU:"), new QComboBox(this), u"assignEcu"_s, tr("ECU"));

    m_current = new QLabel(this);
    m_current->setObjectName(u"assignCurrent"_s);
    m_current->setWordWrap(true);
    form()->addRow(tr("Assigned now:"), m_current);

    m_image = addField(tr("&Image:"), new QComboBox(this), u"assignImage"_s, tr("Image"));
    for (QComboBox *combo : {m_vehicle, m_ecu, m_image})
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_showAll = addField(QString(), new QCheckBox(tr("&Show images for other hardware too (the Director refuses them)"), this), u"assignShowAll"_s, tr("Show images for other hardware"));

    connect(m_vehicle, &QComboBox::currentIndexChanged, this, &AssignImageDialog::fillEcus);
    connect(m_ecu, &QComboBox::currentIndexChanged, this, &AssignImageDialog::fillImages);
    connect(m_image, &QComboBox::currentIndexChanged, this, &AssignImageDialog::revalidate);
    connect(m_showAll, &QCheckBox::toggled, this, &AssignImageDialog::fillImages);
    load();
}

void AssignImageDialog::preselect(const QString &vin, const QString &serial)
{
    m_preselectVin = vin;
    m_preselectSerial = serial;
    if (!m_loaded)
        return;
    if (const int row = m_vehicle->findData(vin); row >= 0)
        m_vehicle->setCurrentIndex(row);
    if (const int row = m_ecu->findData(serial); row >= 0)
        m_ecu->setCurrentIndex(row);
}

void AssignImageDialog::load()
{
    setPending(tr("Reading the fleet and the images…"));
    auto read = std::make_shared<FleetRead>();
    QPointer<AssignImageDialog> self(this);
    m_lab.runOnServices([read](Services::OemServices &services) { return readFleet(services, *read); },
                        [self, read](Result<void> done) {
                            if (!self)
                                return;
                            if (!done) {
                                self->setPending(tr("Could not read the fleet. %1").arg(describe(done.error())));
                                Q_EMIT self->fleetLoaded(false);
                                return;
                            }
                            self->loaded(read->vehicles, read->images);
                        });
}

void AssignImageDialog::loaded(const QList<Vehicle> &vehicles, const QList<Image> &images)
{
    m_vehicles = vehicles;
    m_images = images;
    m_loaded = true;
    {
        const QSignalBlocker blocker(m_vehicle);
        m_vehicle->clear();
        for (const Vehicle &vehicle : std::as_const(m_vehicles))
            m_vehicle->addItem(vehicle.vin, vehicle.vin);
    }
    setPending({});
    fillEcus();
    if (!m_preselectVin.isEmpty())
        preselect(m_preselectVin, m_preselectSerial);
    Q_EMIT fleetLoaded(true);
}

const AssignImageDialog::Vehicle *AssignImageDialog::currentVehicle() const
{
    const int row = m_vehicle->currentIndex();
    return row >= 0 && row < m_vehicles.size() ? &m_vehicles.at(row) : nullptr;
}

const AssignImageDialog::Ecu *AssignImageDialog::currentEcu() const
{
    const Vehicle *vehicle = currentVehicle();
    const int row = m_ecu->currentIndex();
    return vehicle && row >= 0 && row < vehicle->ecus.size() ? &vehicle->ecus.at(row) : nullptr;
}

void AssignImageDialog::fillEcus()
{
    {
        const QSignalBlocker blocker(m_ecu);
        m_ecu->clear();
        if (const Vehicle *vehicle = currentVehicle()) {
            for (const Ecu &ecu : vehicle->ecus) {
                const QString label = ecu.primary ? tr("%1 (Primary, %2)").arg(ecu.serial, ecu.hardwareId)
                                                  : tr("%1 (Secondary, %2)").arg(ecu.serial, ecu.hardwareId);
                m_ecu->addItem(label, ecu.serial);
            }
        }
    }
    fillImages();
}

void AssignImageDialog::fillImages()
{
    const Ecu *ecu = currentEcu();
    m_current->setText(!ecu ? QString() : ecu->assigned.isEmpty() ? tr("nothing") : ecu->assigned);
    const QString keep = m_image->currentData().toString();
    {
        const QSignalBlocker blocker(m_image);
        m_image->clear();
        if (ecu) {
            const QLocale locale;
            for (const Image &image : std::as_const(m_images)) {
                if (!m_showAll->isChecked() && image.hardwareId != ecu->hardwareId)
                    continue;
                m_image->addItem(tr("%1 (%2, release %3, %4)")
                                     .arg(image.path, image.hardwareId)
                                     .arg(image.releaseCounter)
                                     .arg(locale.formattedDataSize(image.length)),
                                 image.path);
            }
            // Offer something new: the assigned image only when nothing else fits.
            int row = m_image->findData(keep);
            if (row < 0) {
                for (int i = 0; i < m_image->count() && row < 0; ++i) {
                    if (m_image->itemData(i).toString() != ecu->assigned)
                        row = i;
                }
            }
            m_image->setCurrentIndex(row >= 0 ? row : 0);
        }
    }
    revalidate();
}

QString AssignImageDialog::validate() const
{
    if (!m_loaded)
        return tr("Reading the fleet and the images…");
    if (!currentVehicle())
        return tr("The Director knows no vehicle.");
    const Ecu *ecu = currentEcu();
    if (!ecu)
        return tr("Choose an ECU.");
    if (m_image->currentIndex() < 0)
        return tr("The Image Repository lists no image for hardware id %1: add firmware first.").arg(ecu->hardwareId);
    return {};
}

void AssignImageDialog::perform(std::function<void(Result<void>)> finish)
{
    const QString vin = m_vehicle->currentData().toString();
    const QString serial = m_ecu->currentData().toString();
    const QString path = m_image->currentData().toString();
    m_lab.runOnServices(
        [vin, serial, path](Services::OemServices &services) -> Result<void> {
            auto assigned = services.director().assign(vin, serial, path);
            if (!assigned)
                return fail(assigned.error());
            return {};
        },
        std::move(finish));
}

} // namespace Uptane::Widgets
