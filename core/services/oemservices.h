#pragma once

// OemServices: the OEM side of Uptane on one workspace, as the reference demo's "services
// window" ran it: the KeyRing, the Image Repository, the Director (inventory + one
// repository per vehicle) and the Time Server, opened together. No HTTP here (core/lab
// serves them); everything is bytes in, bytes out.
//
// The demo fleet (created on first use, finished on a later open if a crash interrupted it;
// the file "demo-fleet.json" at the workspace root records that it is complete, so nothing
// the user changes afterwards is ever put back):
//   images    "infotainment-1.0.img" (top-level targets, hardware id "infotainment", release 1),
//             "acme/ecu-1.0.img" (delegated to supplier-acme, hardware id "acme-ecu", release 1)
//             and "firmware.img" (top-level, "acme-ecu", release 2: the update the reference
//             demo delivers, assigned to no ECU at first)
//   vehicle   "democar": Primary "INFOdemocar" (infotainment, full verification), Secondaries
//             "TCUdemocar" (acme-ecu, full verification) and "DOORdemocar" (acme-ecu, partial
//             verification); each ECU's key generated under vehicles/democar/<ecu>/ as
//             "ecu.pem"/"ecu.pub" (a KeyRing of that directory)
//   Director  the Primary assigned infotainment-1.0.img, both Secondaries acme/ecu-1.0.img
//             (what they run from the factory), democar's metadata published
// The vehicle side (core/vehicle) is provisioned from these by core/lab.
// Reopening loads everything as it is on disk: keys, versions and records are kept.
//
// Not thread-safe: one owner thread (the services thread). The Clock must outlive it.

#include "services/directorrepository.h"
#include "services/imagerepository.h"
#include "services/keyring.h"
#include "services/timeserver.h"
#include "services/workspace.h"

#include <memory>

namespace Uptane::Services {

// The names the demo fleet uses (also what tests and the serve command print).
namespace DemoFleet {
QString vin();                  // "democar"
QString primarySerial();        // "INFOdemocar"
QString secondarySerial();      // "TCUdemocar" (full verification)
QString partialSerial();        // "DOORdemocar" (partial verification)
QString primaryHardwareId();    // "infotainment"
QString secondaryHardwareId();  // "acme-ecu" (both Secondaries; what supplier-acme may sign for)
QString primaryImagePath();     // "infotainment-1.0.img" (assigned to the Primary)
QString supplierImagePath();    // "acme/ecu-1.0.img" (assigned to both Secondaries)
QString firmwarePath();         // "firmware.img" (release 2, assigned to nobody at first)
QStringList secondarySerials(); // TCUdemocar, DOORdemocar
QString ecuKeyName();           // "ecu": the key name in vehicles/<vin>/<ecu>/
} // namespace DemoFleet

class OemServices
{
public:
    using EventCallback = std::function<void(const LabEvent &)>;

    // Opens the workspace at root: with an encoding, creating it when absent (and refusing,
    // InvalidArgument, a workspace that records another encoding); without one, the
    // workspace must exist (NotFound) and its recorded encoding is used. Then opens every
    // service and, when demoFleet is true, completes the demo fleet. The services' errors.
    static Result<std::unique_ptr<OemServices>> open(const QString &root,
                                                     std::optional<Metadata::Encoding> encoding,
                                                     const Clock &clock, bool demoFleet = true);
    ~OemServices();
    Q_DISABLE_COPY_MOVE(OemServices)

    const Workspace &workspace() const { return m_workspace; }
    Metadata::Encoding encoding() const { return m_workspace.encoding(); }
    KeyRing &keys() { return m_keys; }
    ImageRepository &images() { return *m_images; }
    DirectorRepository &director() { return *m_director; }
    TimeServer &timeServer() { return *m_timeServer; }

    // Events of every service. Until a callback is set, up to kMaxPendingEvents wait for it
    // (so the first callback also hears how the workspace was opened and the fleet created);
    // later ones are dropped.
    void setEventCallback(EventCallback callback);
    static constexpr qsizetype kMaxPendingEvents = 256;

    // The HTTP handlers. receiveManifest answers JSON {"accepted": true, "manifest_id": N,
    // "vin": ..., "reporting_ecus": [...]}; errors as DirectorRepository::receiveManifest.
    Result<QByteArray> receiveManifest(const QString &vin, const QByteArray &body);
    Result<QByteArray> attest(const QByteArray &body);

    // New versions of every targets role, snapshot and timestamp of the Image Repository and
    // of every vehicle's Director repository, content unchanged (a soak and demo knob: each
    // call is a full publish). The writers' errors (the first one; the rest still run).
    Result<void> republishAll();
    // Re-signs what expires within half its validity (timestamps first) in every
    // repository; nothing when all is fresh, so reopening keeps versions.
    Result<void> refreshExpiring();

private:
    OemServices(Workspace workspace, const Clock &clock);
    Result<void> openServices();
    Result<void> completeDemoFleet();
    QString demoMarkerPath() const;
    void connectEvents();
    void deliver(const LabEvent &event);
    Result<void> forEachRepository(const std::function<Result<PublishResult>(RepositoryWriter &)> &action);

    Workspace m_workspace;
    const Clock &m_clock;
    KeyRing m_keys;
    std::unique_ptr<ImageRepository> m_images;
    std::unique_ptr<DirectorRepository> m_director;
    std::unique_ptr<TimeServer> m_timeServer;
    EventCallback m_onEvent;
    QList<LabEvent> m_pending;
};

} // namespace Uptane::Services
