#pragma once

// The Uptane Image Repository (Uptane Standard §5.3, "Image repository"): a TUF repository in
// <workspace>/imagerepo/ with offline root keys, online targets/snapshot/timestamp keys and a
// delegated supplier role restricted to its paths and hardware ids, so a stolen supplier key
// affects only that supplier's images. Images are stored under consistent-snapshot names.
//
// Key names in the KeyRing: "imagerepo-<role>-<n>" (root in keys/offline/), delegated roles
// "imagerepo-<role>-<n>" too (e.g. "imagerepo-supplier-acme-1"); rotation takes the next n.
// Not thread-safe: one owner (the services thread). KeyRing and Clock must outlive it.

#include "services/repositorywriter.h"

#include <memory>

namespace Uptane::Services {

class KeyRing;
class Workspace;

// A delegated supplier role (TUF §4.5 delegations, Uptane hardware-id restriction).
struct SupplierRole
{
    QString name = QStringLiteral("supplier-acme");
    QStringList paths{QStringLiteral("acme/*")};
    QStringList hardwareIds{QStringLiteral("acme-ecu")};
    int keyCount = 1;
    qint64 threshold = 1;
};

struct ImageRepositoryOptions
{
    Crypto::KeyType keyType = Crypto::KeyType::Ed25519;
    // Keys per top-level role and thresholds (threshold <= key count).
    QMap<QString, int> keyCounts;        // role -> keys; absent: 1
    QMap<QString, qint64> thresholds;    // role -> threshold; absent: 1
    QList<SupplierRole> suppliers{SupplierRole{}};
    ExpiryPolicy expiry;

    // The demo workspace: defaults plus targets signed by 2 keys with threshold 2.
    static ImageRepositoryOptions demo();
};

class ImageRepository
{
public:
    // Opens the Image Repository of the workspace, creating it (keys, root v1, delegations,
    // empty targets) when imagerepo/metadata has no timestamp. Options only shape a new
    // repository; an existing one is loaded as it is on disk (its expiry policy is taken
    // from options). The writer's errors; InvalidArgument for inconsistent options.
    static Result<std::unique_ptr<ImageRepository>> open(const Workspace &workspace, KeyRing &keys,
                                                         const Clock &clock,
                                                         const ImageRepositoryOptions &options = {});
    ~ImageRepository();

    RepositoryWriter &writer() { return *m_writer; }
    const RepositoryWriter &writer() const { return *m_writer; }
    QString metadataDir() const;
    QString targetsDir() const;

    // Adds (or replaces) an image and publishes. path is a relative target path with '/'
    // separators ("acme/tcu-1.2.img"); InvalidArgument for empty, absolute, "."/".." or
    // empty segments, backslashes or control characters. The image goes to the delegated
    // role whose paths cover it (HardwareIdMismatch when hardwareId is not one the role may
    // sign), else to top-level targets. The bytes are stored as "<dir>/<sha256 hex>.<name>",
    // "<dir>/<sha512 hex>.<name>" and "<dir>/<name>" under imagerepo/targets/, before the
    // metadata naming them is published. Returns the TargetFile as listed (length, sha256,
    // sha512, hardware_id, release_counter).
    Result<Metadata::TargetFile> addImage(const QString &path, const QByteArray &bytes,
                                          const QString &hardwareId, qint64 releaseCounter);
    // The same from a file on disk (streamed, never loaded whole). NotFound/IoError.
    Result<Metadata::TargetFile> addImageFile(const QString &path, const QString &sourceFile,
                                              const QString &hardwareId, qint64 releaseCounter);
    // As addImage, but only staged: publish() writes the metadata (many images, one version).
    Result<Metadata::TargetFile> stageImage(const QString &path, const QByteArray &bytes,
                                            const QString &hardwareId, qint64 releaseCounter);
    Result<PublishResult> publish() { return m_writer->publish(); }
    // Removes an image from its role's metadata and publishes (the stored bytes stay, older
    // snapshots may still name them). TargetNotFound.
    Result<PublishResult> removeImage(const QString &path);

    // The role an image path belongs to: the first delegated role whose paths cover it, else
    // "targets". Hardware ids are not considered.
    QString roleForPath(const QString &path) const;
    // The TargetFile a client would find for path, searching as TUF §5.6.7 does (top-level
    // targets, then delegations in order, only through roles whose paths cover the path).
    // TargetNotFound.
    Result<Metadata::TargetFile> findImage(const QString &path) const;
    // Every image, from all targets roles, by path.
    QMap<QString, Metadata::TargetFile> images() const;
    // The file under targets/ holding the image's bytes (plain name). TargetNotFound.
    Result<QString> imageFilePath(const QString &path) const;

    // Recover from key compromise (TUF §6.1): replaces every key of role (top-level or
    // delegated) by fresh ones (same count and threshold), publishes (a root rotation for
    // top-level roles, signed by the old and the new root keys when role is "root") and
    // revokes the old keys (KeyRing::revoke). MissingRole for an unknown role.
    Result<PublishResult> rotateKeys(const QString &role);
    // Takes one key out of service: replaces it by a fresh key in every role that lists it,
    // publishes as rotateKeys() does and revokes it. NotFound when no role lists that key.
    Result<PublishResult> revokeKey(const QString &keyName);

    // The KeyRing names of the active keys a role lists (empty for unknown roles).
    QStringList keyNames(const QString &role) const;

private:
    ImageRepository(const Workspace &workspace, KeyRing &keys, const ImageRepositoryOptions &options);
    Result<void> create();
    // Checks path, hardware id and release counter of a new image and picks the role that
    // will list it.
    Result<QString> roleForImage(const QString &path, const QString &hardwareId, qint64 releaseCounter) const;
    Result<Metadata::TargetFile> stage(const QString &role, Metadata::TargetFile file);
    QStringList keyidsOf(const QString &role) const;
    qint64 thresholdOf(const QString &role) const;
    // Fresh keys for role: count new KeyRing names "imagerepo-<role>-<n>".
    Result<QStringList> freshKeys(const QString &role, int count, Crypto::KeyType type);
    // Rotates role to newNames, then revokes the names in retired; on failure removes the
    // fresh keys again.
    Result<PublishResult> rotateTo(const QString &role, const QStringList &newNames,
                                   const QStringList &fresh, const QStringList &retired);

    QString m_metadataDir;
    QString m_targetsDir;
    KeyRing &m_keys;
    ImageRepositoryOptions m_options;
    std::unique_ptr<RepositoryWriter> m_writer;
};

// Validates a target path as described at addImage(); InvalidArgument with the reason.
Result<void> checkTargetPath(const QString &path);

} // namespace Uptane::Services
