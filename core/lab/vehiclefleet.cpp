#include "lab/vehiclefleet.h"

#include "services/oemservices.h"
#include "vehicle/vehicle.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Uptane::Lab {

namespace {

Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return fail(ErrorCode::NotFound, u"%1 does not exist"_s.arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::IoError, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    return file.readAll();
}

} // namespace

Result<void> provisionDemoVehicle(Services::OemServices &services, const QDateTime &now)
{
    namespace Demo = Services::DemoFleet;
    const Services::Workspace &workspace = services.workspace();
    const QString vin = Demo::vin();
    const QString ext = workspace.extension();
    Services::Inventory &inventory = services.director().inventory();
    if (auto vehicle = inventory.vehicle(vin); !vehicle) {
        return vehicle.error().code == ErrorCode::NotFound
                   ? fail(ErrorCode::UnknownVehicle, u"the Director does not know %1"_s.arg(vin))
                   : fail(vehicle.error());
    }

    auto directorDir = services.director().metadataDir(vin);
    if (!directorDir)
        return fail(directorDir.error());
    auto directorRoot = readFile(*directorDir + u"/root."_s + ext);
    if (!directorRoot)
        return fail(directorRoot.error());
    auto imageRoot = readFile(workspace.imageRepoMetadataDir() + u"/root."_s + ext);
    if (!imageRoot)
        return fail(imageRoot.error());
    auto assignments = inventory.assignments(vin);
    if (!assignments)
        return fail(assignments.error());

    for (const QString &serial : QStringList{Demo::primarySerial()} + Demo::secondarySerials()) {
        auto dir = workspace.vehicleDir(vin, serial);
        if (!dir)
            return fail(dir.error());
        if (QFileInfo::exists(QDir(*dir).filePath(u"ecu.json"_s)))
            continue;  // provisioned before: its store is the truth now

        const bool primary = serial == Demo::primarySerial();
        Vehicle::EcuProvisioning ecu;
        ecu.config.vin = vin;
        ecu.config.serial = serial;
        ecu.config.hardwareId = primary ? Demo::primaryHardwareId() : Demo::secondaryHardwareId();
        ecu.config.primary = primary;
        ecu.config.verification = serial == Demo::partialSerial() ? Vehicle::Verification::Partial
                                                                  : Vehicle::Verification::Full;
        ecu.config.encoding = workspace.encoding();
        ecu.config.timeServerKey = services.timeServer().publicKey();
        Services::KeyRing ring(*dir);
        auto key = ring.load(Demo::ecuKeyName());
        if (!key)
            return fail(key.error().context(u"key of %1"_s.arg(serial)));
        ecu.key = *key;
        ecu.directorRoot = *directorRoot;
        ecu.imageRoot = *imageRoot;
        ecu.factoryTime = now;
        for (const Services::AssignmentRecord &assignment : std::as_const(*assignments)) {
            if (assignment.ecuSerial != serial)
                continue;
            auto path = services.images().imageFilePath(assignment.target.path);
            if (!path)
                return fail(path.error());
            auto bytes = readFile(*path);
            if (!bytes)
                return fail(bytes.error());
            ecu.factoryImage = assignment.target;
            ecu.factoryImageBytes = *bytes;
        }
        if (auto provisioned = Vehicle::provisionEcu(*dir, ecu); !provisioned)
            return fail(provisioned.error().context(serial));
    }
    return {};
}

} // namespace Uptane::Lab
