#pragma once

// The Uptane Director (Standard §5.3.2, "Director repository"): the inventory of vehicles and
// ECUs (director/inventory.sqlite), one TUF repository per vehicle (director/<vin>/metadata,
// all four roles, its own keys) whose Targets name, for each ECU, the image it should run,
// with the ECU identifier and hardware id on each entry and the vehicle's id even when it is
// empty (so it cannot be replayed to another car), and the reception of Vehicle Version
// Manifests (checks in manifestverifier.h).
//
// The inventory is the source of truth for assignments; a vehicle's Targets are derived from
// it. Every operation that changes them writes the inventory first and then publishes; when
// publishing fails the inventory change is undone. Opening the Director re-derives every
// vehicle's Targets and publishes where the metadata lags the inventory (a crash between the
// two), and creates a missing repository.
//
// Keys (KeyRing names): "director-<vin>-<role>-<n>", root keys offline (keys/offline/).
// Events: ImageAssigned, ManifestAccepted / ManifestRejected (from "director" to the VIN),
// and each vehicle writer's MetadataPublished / KeyRotated (from "director/<vin>"), through
// the callback, or queued for takeEvents() without one.
//
// Not thread-safe: one owner thread (the services thread: the inventory's connection lives
// there). KeyRing, Clock and ImageRepository must outlive the Director.

#include "services/inventory.h"
#include "services/repositorywriter.h"
#include "services/workspace.h"
#include "verify/report.h"

#include <map>
#include <memory>

namespace Uptane::Services {

class ImageRepository;
class KeyRing;

// An ECU as the OEM registers it.
struct EcuRegistration
{
    QString serial;
    QString hardwareId;
    Crypto::PublicKey key;
};

struct DirectorOptions
{
    Crypto::KeyType keyType = Crypto::KeyType::Ed25519;  // of the Director's own role keys
    ExpiryPolicy expiry;
};

// What an accepted manifest recorded.
struct ManifestReceipt
{
    qint64 manifestId = 0;
    QString vin;
    QStringList reportingEcus;    // serials that sent an ECU manifest, sorted
    QList<AttackRecord> attacks;  // attacks the manifest reported
};

class DirectorRepository
{
public:
    using EventCallback = std::function<void(const LabEvent &)>;

    // Opens the inventory and every vehicle's repository (creating and re-publishing as
    // described above). The inventory's errors (IoError, Unsupported), the writers' errors.
    static Result<std::unique_ptr<DirectorRepository>> open(const Workspace &workspace, KeyRing &keys,
                                                             const Clock &clock, const ImageRepository &images,
                                                             const DirectorOptions &options = {});
    ~DirectorRepository();
    Q_DISABLE_COPY_MOVE(DirectorRepository)

    void setEventCallback(EventCallback callback);
    QList<LabEvent> takeEvents();

    Inventory &inventory() { return *m_inventory; }
    const Inventory &inventory() const { return *m_inventory; }
    QStringList vins() const;
    // The vehicle's repository writer; nullptr for an unknown VIN.
    RepositoryWriter *writer(const QString &vin);
    // director/<vin>/metadata. InvalidArgument for a VIN that is not a safe name.
    Result<QString> metadataDir(const QString &vin) const;

    // Adds a vehicle to the inventory and creates its repository (version 1 of every role,
    // empty Targets naming the vehicle). VINs and serials must be Workspace::isSafeName()
    // (InvalidArgument), serials unique within the vehicle, keys non-null; InvalidArgument
    // when the VIN exists. Should creating the repository fail, the vehicle stays in the
    // inventory and its repository is created by the next operation on it (or open()).
    Result<void> registerVehicle(const QString &vin, const EcuRegistration &primary,
                                          const QList<EcuRegistration> &secondaries);

    // Adds a Secondary to a registered vehicle (fitted later; no assignment, so nothing to
    // publish). UnknownVehicle; InvalidArgument for an unsafe serial and as
    // Inventory::addEcu (taken serial, shared or null key).
    Result<void> registerEcu(const QString &vin, const EcuRegistration &secondary);

    // Assigns an Image Repository image to an ECU and publishes the vehicle's metadata
    // (Standard §5.3.2: the Director decides what each ECU installs). UnknownVehicle,
    // UnknownEcu; TargetNotFound when the Image Repository does not list the image;
    // HardwareIdMismatch when the image's hardware id is not the ECU's; InvalidArgument when
    // another ECU of the vehicle is assigned the same path (Targets are keyed by path and
    // carry one ECU id each). Assigning what is assigned already publishes nothing.
    Result<PublishResult> assign(const QString &vin, const QString &ecuSerial, const QString &imagePath);
    // Removes an ECU's assignment and publishes (nothing when it had none).
    Result<PublishResult> unassign(const QString &vin, const QString &ecuSerial);

    // Receives a Vehicle Version Manifest posted for vin, in the workspace encoding: checks it
    // (manifestverifier.h) and, when it passes, records it, what it reports installed, its
    // attacks and nonces in one inventory transaction. A rejected manifest changes nothing in
    // the inventory; the error is the reason (its code as listed in manifestverifier.h).
    // Every check is appended to report when one is given.
    Result<ManifestReceipt> receiveManifest(const QString &vin, const QByteArray &bytes,
                                            Verify::VerificationReport *report = nullptr);

    // Root operation for one vehicle (TUF §6.1, recovery from key compromise): replaces every
    // key of a top-level role by a fresh one, publishes (root rotations signed by old and new
    // root keys) and revokes the old keys. UnknownVehicle, MissingRole.
    Result<PublishResult> rotateKeys(const QString &vin, const QString &role);
    // New timestamps (and whatever else nears expiry) for every vehicle.
    Result<QList<PublishResult>> refreshExpiry();

private:
    DirectorRepository(const Workspace &workspace, KeyRing &keys, const Clock &clock,
                       const ImageRepository &images, const DirectorOptions &options);
    // The vehicle's writer, loaded or created on first use.
    Result<RepositoryWriter *> writerFor(const QString &vin);
    Result<void> createRepository(const QString &vin, RepositoryWriter &writer);
    // Stages the Targets the inventory implies and publishes when they differ from the
    // published ones.
    Result<PublishResult> publishVehicle(const QString &vin);
    Result<Metadata::Targets> targetsFromInventory(const QString &vin) const;
    QString keyName(const QString &vin, const QString &role) const;
    void emitEvent(LabEvent::Kind kind, const QString &to, const QString &summary,
                   const QByteArray &bytes = {}, std::optional<Error> error = std::nullopt);

    void deliver(const LabEvent &event);

    Workspace m_workspace;
    KeyRing &m_keys;
    const Clock &m_clock;
    const ImageRepository &m_images;
    DirectorOptions m_options;
    std::unique_ptr<Inventory> m_inventory;
    std::map<QString, std::unique_ptr<RepositoryWriter>> m_writers;
    EventCallback m_onEvent;
    QList<LabEvent> m_events;
};

} // namespace Uptane::Services
