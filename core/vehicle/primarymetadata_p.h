#pragma once

// Private to core/vehicle: the Primary's trusted metadata of both repositories during a
// cycle, as its two Verify::Updaters see it, and the files it hands its Secondaries.
//
// The Primary keeps one map of metadata by EcuStore name ("director/root",
// "imagerepo/timestamp", "imagerepo/supplier-acme", ...). Each Updater sees its repository's
// part through a RepositoryStore. Every root an Updater accepts is also archived under its
// version ("director/3.root"), because a Secondary doing full verification replays the root
// chain from the bundle (TUF 5.3.3) and needs every version after the one it trusts.

#include "verify/metadatastore.h"
#include "metadata/types.h"

#include <QMap>

namespace Uptane::Vehicle::detail {

inline const QString kDirectorRepository = QStringLiteral("director");
inline const QString kImageRepository = QStringLiteral("imagerepo");

// "<repository>/<version>.root": where a root version is archived in the ECU store.
QString archivedRootName(const QString &repository, qint64 version);

// The version of a root file (the codec's errors).
Result<qint64> rootVersion(QByteArrayView bytes, Metadata::Encoding encoding);

// One repository's view of the working copy. store("root", ...) also writes the archive
// entry; names that the EcuStore would refuse are refused here already (InvalidArgument),
// so a repository with unusable role names fails its refresh, not the commit after it.
class RepositoryStore final : public Verify::MetadataStore
{
public:
    RepositoryStore(QMap<QString, QByteArray> &files, const QString &repository, Metadata::Encoding encoding);

    Result<std::optional<QByteArray>> load(const QString &role) override;
    Result<void> store(const QString &role, const QByteArray &bytes) override;
    Result<void> remove(const QString &role) override;

private:
    QMap<QString, QByteArray> &m_files;
    QString m_prefix;  // "director/"
    QString m_repository;
    Metadata::Encoding m_encoding;
};

enum class BundleContent {
    Full,     // every archived root, timestamp, snapshot, targets and delegated roles
    Partial,  // every archived root and the top-level targets (Uptane 5.4.4.1)
};

// The files of one repository from the working copy, named as its server names them
// ("director/2.root.der", "director/timestamp.der", "director/7.snapshot.der",
// "director/7.targets.der"; versioned names only when the trusted root says
// consistent_snapshot). NotFound without a trusted root; the codec's errors for a stored
// file that does not parse (it was verified when it arrived, so that is damage).
Result<QMap<QString, QByteArray>> repositoryFiles(const QMap<QString, QByteArray> &files,
                                                  const QString &repository, Metadata::Encoding encoding,
                                                  BundleContent content);

} // namespace Uptane::Vehicle::detail
