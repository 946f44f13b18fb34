// PLACEHOLDER (lead): the core-lab helper replaces this with the real implementation of
// Lab's snapshots, addVehicle, addSecondary and readRepositoryMetadata.
#include "lab/lab.h"

namespace Uptane::Lab {

QList<VehicleSnapshot> Lab::snapshots() const { return {}; }
std::optional<VehicleSnapshot> Lab::snapshot(const QString &) const { return std::nullopt; }
void Lab::addVehicle(const VehicleSpec &, std::function<void(Result<void>)> done)
{
    if (done)
        done(fail(ErrorCode::InvalidArgument, QStringLiteral("not implemented yet")));
}
void Lab::addSecondary(const QString &, const SecondarySpec &, std::function<void(Result<void>)> done)
{
    if (done)
        done(fail(ErrorCode::InvalidArgument, QStringLiteral("not implemented yet")));
}
void Lab::readRepositoryMetadata(const QString &, std::function<void(Result<QMap<QString, QByteArray>>)> done)
{
    if (done)
        done(fail(ErrorCode::NotFound, QStringLiteral("not implemented yet")));
}

} // namespace Uptane::Lab
