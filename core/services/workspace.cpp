#include "services/workspace.h"

#include "common/safename.h"
#include "encoding/json.h"
#include "encoding/jsonreader.h"
#include "services/fileutil.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Uptane::Services {

namespace {

constexpr qint64 kFormat = 1;

} // namespace

Workspace::Workspace(QString root, Metadata::Encoding encoding)
    : m_root(std::move(root)), m_encoding(encoding)
{
}

Result<Workspace> Workspace::open(const QString &root, Metadata::Encoding encoding)
{
    if (root.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"workspace: empty directory name"_s);
    const QString absolute = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    Workspace workspace(absolute, encoding);
    if (QFileInfo::exists(workspace.configPath())) {
        auto existing = openExisting(absolute);
        if (!existing)
            return existing;
        if (existing->encoding() != encoding)
            return fail(ErrorCode::InvalidArgument,
                        u"workspace %1 uses the %2 encoding, not %3"_s.arg(
                            absolute, Metadata::encodingName(existing->encoding()),
                            Metadata::encodingName(encoding)));
        return existing;
    }
    for (const QString &dir : {workspace.keysDir(), workspace.offlineKeysDir(),
                               workspace.imageRepoMetadataDir(), workspace.imageRepoTargetsDir(),
                               workspace.directorDir(), workspace.vehiclesDir()}) {
        if (!QDir().mkpath(dir))
            return fail(ErrorCode::IoError, u"cannot create directory %1"_s.arg(dir));
    }
    // Private keys live under keys/: keep the directories to the owner as well.
    QFile::setPermissions(workspace.keysDir(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QFile::setPermissions(workspace.offlineKeysDir(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const Json::Object config{{u"format"_s, kFormat},
                              {u"encoding"_s, Metadata::encodingName(encoding)}};
    if (auto written = writeFileAtomically(workspace.configPath(), Json::pretty(config)); !written)
        return fail(written.error());
    return workspace;
}

Result<Workspace> Workspace::openExisting(const QString &root)
{
    const QString absolute = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    Workspace workspace(absolute, Metadata::Encoding::Json);
    auto bytes = readWholeFile(workspace.configPath(), 64 * 1024);
    if (!bytes)
        return fail(bytes.error().context(u"workspace"_s));
    auto value = Json::parse(*bytes);
    if (!value)
        return fail(value.error().context(workspace.configPath()));
    const Json::Reader reader(*value);
    auto format = reader.integer(u"format"_s);
    if (!format)
        return fail(format.error().context(workspace.configPath()));
    if (*format != kFormat)
        return fail(ErrorCode::Unsupported, u"%1: workspace format %2 (this program knows %3)"_s.arg(
                                                workspace.configPath()).arg(*format).arg(kFormat));
    auto name = reader.string(u"encoding"_s);
    if (!name)
        return fail(name.error().context(workspace.configPath()));
    auto encoding = Metadata::encodingFromName(*name);
    if (!encoding)
        return fail(ErrorCode::SchemaViolation, u"%1: encoding: %2"_s.arg(workspace.configPath(), encoding.error().detail));
    workspace.m_encoding = *encoding;
    return workspace;
}

QString Workspace::extension() const { return Metadata::fileExtension(m_encoding); }
QString Workspace::path(const QString &relative) const { return m_root + u'/' + relative; }
QString Workspace::configPath() const { return path(u"workspace.json"_s); }
QString Workspace::keysDir() const { return path(u"keys"_s); }
QString Workspace::offlineKeysDir() const { return path(u"keys/offline"_s); }
QString Workspace::revokedKeysDir() const { return path(u"keys/revoked"_s); }
QString Workspace::imageRepoDir() const { return path(u"imagerepo"_s); }
QString Workspace::imageRepoMetadataDir() const { return path(u"imagerepo/metadata"_s); }
QString Workspace::imageRepoTargetsDir() const { return path(u"imagerepo/targets"_s); }
QString Workspace::directorDir() const { return path(u"director"_s); }
QString Workspace::inventoryPath() const { return path(u"director/inventory.sqlite"_s); }
QString Workspace::vehiclesDir() const { return path(u"vehicles"_s); }

Result<QString> Workspace::directorMetadataDir(const QString &vin) const
{
    if (auto ok = checkSafeName(vin, u"VIN"_s); !ok)
        return fail(ok.error());
    return path(u"director/"_s + vin + u"/metadata"_s);
}

Result<QString> Workspace::vehicleDir(const QString &vin, const QString &ecu) const
{
    if (auto ok = checkSafeName(vin, u"VIN"_s); !ok)
        return fail(ok.error());
    if (auto ok = checkSafeName(ecu, u"ECU serial"_s); !ok)
        return fail(ok.error());
    return path(u"vehicles/"_s + vin + u'/' + ecu);
}

bool Workspace::isSafeName(const QString &name)
{
    return Uptane::isSafeName(name);  // one rule for every name that becomes a path segment
}

Result<void> Workspace::checkSafeName(const QString &name, const QString &what)
{
    if (isSafeName(name))
        return {};
    return fail(ErrorCode::InvalidArgument,
                u"%1 \"%2\" is not a safe name (1-128 of A-Z a-z 0-9 . _ -, not starting with '.')"_s
                    .arg(what, name));
}

} // namespace Uptane::Services
