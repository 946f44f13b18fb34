#pragma once

// KeyRing: the named signing keys of a workspace, as files a person can inspect.
//
//   <dir>/<name>.pem           private key (PKCS#8 PEM, mode 0600, Crypto::PrivateKey::save)
//   <dir>/<name>.pub           public key as a TUF key object (readable JSON:
//                              {"keytype", "scheme", "keyval": {"public"}}); its keyid is
//                              Metadata::computeKeyId(), the hash of its canonical form
//   <dir>/offline/<name>.*     keys used only to sign root (TUF §6.1: keep root keys offline)
//   <dir>/revoked/<name>.*     keys taken out of service. They never sign again through
//                              findByKeyId(), but loadRevoked() still reads them, so attack
//                              scenarios can "sign with a revoked key".
//
// Names follow Workspace::isSafeName(); one name is either online or offline, never both.
// Repository writers look keys up by the keyid metadata lists (findByKeyId), so which key
// signs which role is read from the metadata itself, never from a second state file.
// Not thread-safe: one owner (the services thread).

#include "crypto/keys.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Uptane::Services {

struct KeyInfo
{
    QString name;
    bool offline = false;
    Crypto::PublicKey publicKey;
    QString keyid;  // Metadata::computeKeyId(publicKey)
};

class KeyRing
{
public:
    // keysDir is the workspace's keys/ directory; created on the first write.
    explicit KeyRing(QString keysDir);

    QString directory() const { return m_dir; }

    // The key called name, generated (and saved) when it does not exist yet. When it exists,
    // its location must match `offline` and its type `type` (InvalidArgument otherwise).
    Result<Crypto::PrivateKey> loadOrCreate(const QString &name, Crypto::KeyType type,
                                            bool offline = false);
    // Saves an existing key under name. InvalidArgument when the name is taken (active or
    // revoked) or unsafe; IoError when writing fails.
    Result<void> add(const QString &name, const Crypto::PrivateKey &key, bool offline = false);

    // Loads an active (not revoked) key, online or offline. NotFound, IoError, InvalidKey.
    Result<Crypto::PrivateKey> load(const QString &name) const;
    Result<KeyInfo> info(const QString &name) const;
    bool contains(const QString &name) const;  // active keys only
    // Active keys, sorted by name.
    QList<KeyInfo> list() const;

    // The active key whose TUF keyid is keyid. NotFound when no active key has it.
    Result<Crypto::PrivateKey> findByKeyId(const QString &keyid) const;
    // Name of the active key with that keyid, or an empty string.
    QString nameForKeyId(const QString &keyid) const;

    // Takes the key out of service: moves its files to revoked/ (as "<name>.pem"/".pub", or
    // "<name>.<n>.pem" when a key of that name was revoked before) and returns the name it is
    // kept under there. NotFound when no active key has that name.
    Result<QString> revoke(const QString &name);
    // Deletes an active key for good. NotFound when absent.
    Result<void> remove(const QString &name);
    // Names under revoked/, sorted, and the keys themselves.
    QStringList revokedNames() const;
    Result<Crypto::PrivateKey> loadRevoked(const QString &revokedName) const;

    // "<prefix>-<n>" with the smallest n >= 1 not used by an active or revoked key, for
    // key generations: nextFreeName("imagerepo-targets") -> "imagerepo-targets-3".
    QString nextFreeName(const QString &prefix) const;

private:
    QString privatePath(const QString &name, bool offline) const;
    QString publicPath(const QString &name, bool offline) const;
    // Where an active key lives: false online, true offline, nullopt absent.
    std::optional<bool> location(const QString &name) const;
    Result<KeyInfo> readPublic(const QString &name, bool offline) const;
    void invalidateIndex() const;
    void buildIndex() const;

    QString m_dir;
    mutable bool m_indexed = false;
    mutable QHash<QString, QString> m_keyidToName;  // active keys
};

// The TUF key object of a public key as readable JSON (what <name>.pub holds).
QByteArray tufPublicKeyJson(const Crypto::PublicKey &key);
// Reads it back. MalformedJson, SchemaViolation, UnknownKeyType, InvalidKey.
Result<Crypto::PublicKey> parseTufPublicKeyJson(QByteArrayView bytes);

} // namespace Uptane::Services
