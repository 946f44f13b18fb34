#pragma once

// EcuStore: one ECU's persistent state under vehicles/<vin>/<ecu>/ in the workspace, the
// things that must survive a restart and must never be half-changed:
//
//   ecu.pem, ecu.pub        the ECU's key (KeyRing format; the demo fleet creates them)
//   ecu.json                what the ECU is (EcuConfig; written at provisioning, then read-only)
//   current                 "<n>\n": the generation in force
//   gen-<n>/state.json      EcuState (times, installed image, counters, last verdict)
//   gen-<n>/metadata/<name>.<ext>   trusted metadata by name ("director/root",
//                           "imagerepo/timestamp", "director/3.root" ...)
//   gen-<n>/image.bin       the installed image (absent when none)
//   gen-<n>/backup.bin      the image before it (absent when none)
//
// A change is a new generation: gen-<n+1> is written completely (files fsynced; unchanged
// images are hard links, so a commit costs no image copy), then `current` is replaced
// atomically (write + fsync + rename + directory fsync), then gen-<n> is removed. A crash at
// any point leaves `current` naming a complete generation; open() removes every other
// gen-* (an interrupted commit or removal). So a cycle that fails or is killed never changes
// the trusted metadata, the times or the installed image: it commits nothing, or everything.
//
// Not thread-safe; one owner (the ECU's worker).

#include "crypto/keys.h"
#include "metadata/types.h"

#include <QMap>

#include <functional>

namespace Uptane::Vehicle {

enum class Verification { Full, Partial };
QString verificationName(Verification verification);  // "full" / "partial"

struct EcuConfig
{
    QString vin;
    QString serial;
    QString hardwareId;
    bool primary = false;
    Verification verification = Verification::Full;   // Primaries always Full
    Metadata::Encoding encoding = Metadata::Encoding::Json;
    Crypto::PublicKey timeServerKey;                   // pinned Time Server key

    // {"format": 1, "vin", "serial", "hardware_id", "primary", "verification",
    //  "encoding", "time_server_key": TUF key object}. Strict: SchemaViolation for
    // unknown/missing members, unsafe names (Workspace rules: [A-Za-z0-9._-], 1..128, no
    // leading '.'), a Partial Primary.
    QByteArray toJson() const;
    static Result<EcuConfig> fromJson(QByteArrayView bytes);
};

struct EcuState
{
    QDateTime attestedTime;          // latest verified Time Server time (the ECU's "now")
    QDateTime previousAttestedTime;  // the one before it (ECU manifests report both)
    std::optional<Metadata::TargetFile> installed;  // path, length, hashes, hardware id, release counter
    std::optional<Metadata::TargetFile> backup;     // the previous image's
    qint64 directorTargetsVersion = 0;  // partial verification: highest accepted
    qint64 cycles = 0;                  // committed cycles
    QString lastVerdict;                // verdictName() of the last committed cycle
    // Primary only: what each ECU reported installed in its last verified manifest
    // (serial -> image), for the release counter check of the Director's assignments.
    QMap<QString, Metadata::TargetFile> reportedInstalled;

    QByteArray toJson() const;   // readable, sorted keys; times as ISO 8601 "Z"
    static Result<EcuState> fromJson(QByteArrayView bytes);  // strict, SchemaViolation
};

// What a commit writes: the whole new state and metadata set (names not in the map are
// gone), and optionally a new image (the installed one becomes the backup).
// The store keeps state.installed/state.backup in step with its image files: with a new
// image, state.installed must describe it (its length, else InvalidArgument) and backup is
// set to the image it replaces; without one, both are kept as they are (the values passed
// are ignored).
struct EcuChange
{
    EcuState state;
    QMap<QString, QByteArray> metadata;
    std::optional<QByteArray> newImage;
};

class EcuStore
{
public:
    // Opens a provisioned ECU: NotFound when ecu.json or `current` is missing; the parse
    // errors of ecu.json, state.json (SchemaViolation / MalformedJson); IoError. Removes
    // stale generations. Loads config, state, metadata and the key (ecu.pem).
    // A `current` that is not "<n>\n" is a SchemaViolation; a store whose files are not what
    // commit() writes (the generation `current` names missing, an image file without a
    // state describing it or of another length, a stray file under metadata/) is an IoError;
    // ecu.pem's errors are Crypto::PrivateKey::load's (NotFound, InvalidKey, IoError).
    static Result<EcuStore> open(const QString &dir);

    // Provisioning (the factory): writes ecu.json (and ecu.pem/ecu.pub when no key file
    // exists yet; an existing ecu.pem is kept and must match key's public half, else
    // InvalidKey) and generation 1 with initial. InvalidArgument when the directory already
    // holds a provisioned ECU. The same atomicity as commit().
    static Result<EcuStore> provision(const QString &dir, const EcuConfig &config,
                                      const Crypto::PrivateKey &key, const EcuChange &initial);

    const QString &dir() const { return m_dir; }
    const EcuConfig &config() const { return m_config; }
    const EcuState &state() const { return m_state; }
    const Crypto::PrivateKey &key() const { return m_key; }
    qint64 generation() const { return m_generation; }
    const QMap<QString, QByteArray> &metadata() const { return m_metadata; }
    QString nodeId() const { return m_config.vin + u'/' + m_config.serial; }

    // The installed image's bytes; NotFound when none is installed; IoError.
    Result<QByteArray> imageBytes() const;
    // The file holding the installed image (in the current generation); empty when none.
    QString imageFilePath() const;
    QString backupFilePath() const;

    // Writes a new generation as described above. Metadata names must be 1..8 safe
    // segments joined by '/' (InvalidArgument); IoError leaves the current generation in
    // force. On success state(), metadata() and generation() show the new one. (Should the
    // directory fsync after the rename of `current` fail, the new generation is in force and
    // shown, and the IoError is returned all the same.)
    Result<void> commit(const EcuChange &change);

    // Test hook: called between the steps of commit() with a step name ("written",
    // "switched"); crash tests kill the process there.
    static void setCommitHook(std::function<void(const char *step)> hook);

private:
    EcuStore() = default;

    QString m_dir;
    EcuConfig m_config;
    EcuState m_state;
    Crypto::PrivateKey m_key;
    qint64 m_generation = 0;
    QMap<QString, QByteArray> m_metadata;
};

} // namespace Uptane::Vehicle
