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

Result<void> provisionEcus(Services::OemServices &services, const QString &vin, const QList<EcuPlan> &plans,
                           const QDateTime &now)
{
    const Services::Workspace &workspace = services.workspace();
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

    for (const EcuPlan &plan : plans) {
        auto dir = workspace.vehicleDir(vin, plan.serial);
        if (!dir)
            return fail(dir.error());
        if (QFileInfo::exists(QDir(*dir).filePath(u"ecu.json"_s)))
            continue;  // provisioned before: its store is the truth now

        Vehicle::EcuProvisioning ecu;
        ecu.config.vin = vin;
        ecu.config.serial = plan.serial;
        ecu.config.hardwareId = plan.hardwareId;
        ecu.config.primary = plan.primary;
        ecu.config.verification = plan.verification;
        ecu.config.encoding = workspace.encoding();
        ecu.config.timeServerKey = services.timeServer().publicKey();
        Services::KeyRing ring(*dir);
        auto key = ring.load(Services::DemoFleet::ecuKeyName());
        if (!key)
            return fail(key.error().context(u"key of %1"_s.arg(plan.serial)));
        ecu.key = *key;
        ecu.directorRoot = *directorRoot;
        ecu.imageRoot = *imageRoot;
        ecu.factoryTime = now;
        for (const Services::AssignmentRecord &assignment : std::as_const(*assignments)) {
            if (assignment.ecuSerial != plan.serial)
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
            return fail(provisioned.error().context(plan.serial));
    }
    return {};
}

Result<void> provisionDemoVehicle(Services::OemServices &services, const QDateTime &now)
{
    namespace Demo = Services::DemoFleet;
    QList<EcuPlan> plans{{Demo::primarySerial(), Demo::primaryHardwareId(), true, Vehicle::Verification::Full}};
    for (const QString &serial : Demo::secondarySerials()) {
        plans.append({serial, Demo::secondaryHardwareId(), false,
                      serial == Demo::partialSerial() ? Vehicle::Verification::Partial
                                                      : Vehicle::Verification::Full});
    }
    return provisionEcus(services, Demo::vin(), plans, now);
}

} // namespace Uptane::Lab
