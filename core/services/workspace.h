#pragma once

// The workspace directory every OEM service and simulated vehicle lives in (layout fixed in
// ARCHITECTURE.md "Workspace on disk"), so a person can open it and read it:
//
//   <root>/workspace.json            {"format": 1, "encoding": "json"|"der"}
//   <root>/keys/                     role keys: <name>.pem (private, 0600) and <name>.pub
//   <root>/keys/offline/             keys used only to sign root
//   <root>/keys/revoked/             keys taken out of service (kept for attack scenarios)
//   <root>/imagerepo/metadata/       Image Repository metadata
//   <root>/imagerepo/targets/        Image Repository images
//   <root>/director/<vin>/metadata/  Director metadata, one repository per vehicle
//   <root>/director/inventory.sqlite Director inventory
//   <root>/vehicles/<vin>/<ecu>/     one ECU's trusted metadata, installed image, key
//
// A workspace uses one metadata encoding for its whole life; it is recorded on creation, and
// opening it with another encoding is an error rather than a silent mix of .json and .der.

#include "common/error.h"
#include "metadata/types.h"

#include <QString>

namespace Uptane::Services {

class Workspace
{
public:
    // Opens the workspace at root, creating the directories and workspace.json when absent.
    // InvalidArgument when it records another encoding than `encoding`; SchemaViolation /
    // MalformedJson for an unreadable workspace.json; IoError when directories cannot be made.
    static Result<Workspace> open(const QString &root, Metadata::Encoding encoding);
    // Opens an existing workspace in the encoding it records. NotFound without workspace.json.
    static Result<Workspace> openExisting(const QString &root);

    QString root() const { return m_root; }
    Metadata::Encoding encoding() const { return m_encoding; }
    QString extension() const;  // "json" / "der", no dot

    QString configPath() const;            // workspace.json
    QString keysDir() const;               // keys
    QString offlineKeysDir() const;        // keys/offline
    QString revokedKeysDir() const;        // keys/revoked
    QString imageRepoDir() const;          // imagerepo
    QString imageRepoMetadataDir() const;  // imagerepo/metadata
    QString imageRepoTargetsDir() const;   // imagerepo/targets
    QString directorDir() const;           // director
    QString inventoryPath() const;         // director/inventory.sqlite
    QString vehiclesDir() const;           // vehicles

    // director/<vin>/metadata and vehicles/<vin>/<ecu>: InvalidArgument unless every
    // component isSafeName() (they come from HTTP routes and manifests). Nothing is created.
    Result<QString> directorMetadataDir(const QString &vin) const;
    Result<QString> vehicleDir(const QString &vin, const QString &ecu) const;

    // A name usable as one path component and in URLs without quoting: 1 to 128 characters of
    // [A-Za-z0-9._-], not starting with '.' (so never "." or ".."). Key names, role names,
    // VINs and ECU serials of the lab all follow it.
    static bool isSafeName(const QString &name);
    // InvalidArgument naming `what` when !isSafeName(name).
    static Result<void> checkSafeName(const QString &name, const QString &what);

private:
    Workspace(QString root, Metadata::Encoding encoding);
    QString path(const QString &relative) const;

    QString m_root;  // absolute, clean
    Metadata::Encoding m_encoding = Metadata::Encoding::Json;
};

} // namespace Uptane::Services
