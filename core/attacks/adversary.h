#pragma once

// The Adversary of the Uptane threat model at the wire: everything it does is "change some
// bytes on the way" (ARCHITECTURE.md). It sits in the HTTP path of the OEM services (the
// HttpHost's request/response filters: a man in the middle on the Director or Image
// Repository link, the Time Server link, the manifest upload) and on each vehicle's bus
// (VehicleBus interceptor: a compromised Primary or a tapped bus). Key theft, freeze and
// replay are built on it: forged or recorded bytes that it serves in place of the real ones
// (see forgery.h for signing with stolen keys).
//
// Every action returns an id; undo(id) takes exactly that action back, undoAll() all of them,
// so a scenario leaves the lab as it found it. Actions apply to requests that arrive after
// the call. active() lists what is in force, for the GUI (where the attacker sits) and logs.
//
// Paths are the HTTP paths as routed ("/director/democar/metadata/timestamp.json",
// "/imagerepo/targets/firmware.img"); a pattern may end in '*' to match a prefix. Images under
// consistent snapshots are requested as "<dir>/<hash>.<name>": imagePattern() builds the
// pattern for an image path.
//
// Thread-safe: actions are set on the owner thread; onRequest/onResponse run on the services
// thread, onBus on vehicle workers.

#include "common/labevent.h"
#include "net/httphost.h"

#include <QMutex>

#include <functional>
#include <memory>
#include <optional>

namespace Uptane::Attacks {

using AttackId = int;

// Where an active attack sits, for the topology view.
enum class AttackSite {
    DirectorLink,    // between the vehicles and the Director
    ImageRepoLink,   // between the vehicles and the Image Repository
    TimeServerLink,  // between the vehicles and the Time Server
    Bus,             // on a vehicle's bus (compromised Primary)
    StolenKeys,      // on a server whose signing keys the attacker holds (target: "director"
                     // or "imagerepo"); a marker for the topology view, no effect on traffic
};

struct ActiveAttack
{
    AttackId id = 0;
    AttackSite site = AttackSite::DirectorLink;
    QString target;       // the path pattern, the VIN for Bus, the repository for StolenKeys
    QString description;  // English, one line ("replays Director timestamp version 3")
};

class Adversary
{
public:
    using EventCallback = std::function<void(const LabEvent &)>;
    using Rewrite = std::function<QByteArray(const QByteArray &original)>;
    // from/to: ECU serials; isReply: the Secondary's answer. Return the bytes to deliver, or
    // std::nullopt to drop the message.
    using BusRewrite = std::function<std::optional<QByteArray>(const QString &from, const QString &to,
                                                               const QByteArray &bytes, bool isReply)>;

    Adversary() = default;
    Q_DISABLE_COPY_MOVE(Adversary)

    // ---- wiring (the lab installs these; they do nothing while no action is active)
    void onRequest(Net::HttpExchange &exchange);
    void onResponse(Net::HttpExchange &exchange);
    std::optional<QByteArray> onBus(const QString &vin, const QString &from, const QString &to,
                                    const QByteArray &bytes, bool isReply);
    // An event (kind Note, from "adversary", to the site's node) each time an action changes
    // something, with the bytes it delivered instead.
    void setEventCallback(EventCallback callback);

    // ---- man in the middle on HTTP answers (GET)
    // Serves rewrite(original answer body) for matching paths (status 200 kept).
    AttackId rewriteServed(const QString &pathPattern, Rewrite rewrite, const QString &description);
    // Serves these bytes instead (replay of recorded bytes, forged metadata, freeze).
    AttackId replaceServed(const QString &pathPattern, const QByteArray &bytes, const QString &description);
    // Flips one byte of the answer at offset (from the end when negative): the smallest change.
    AttackId flipByte(const QString &pathPattern, qint64 offset, const QString &description);
    AttackId dropRequests(const QString &pathPattern, const QString &description);
    AttackId serveSlowly(const QString &pathPattern, qint64 bytesPerSecond, const QString &description);
    AttackId serveEndless(const QString &pathPattern, const QString &description);

    // ---- uploads and the Time Server
    // The manifest body POSTed for vin, rewritten before the Director sees it.
    AttackId tamperManifest(const QString &vin, Rewrite rewrite, const QString &description);
    // The Time Server's answer, rewritten (replay an old attestation, strip a nonce ...).
    AttackId rewriteAttestation(Rewrite rewrite, const QString &description);

    // ---- the vehicle's bus
    AttackId interceptBus(const QString &vin, BusRewrite rewrite, const QString &description);

    // ---- key theft, for the view
    // Marks repository ("director" or "imagerepo") as a server whose keys the attacker holds:
    // listed by active() (site StolenKeys) and removed by undo() like any action, but it
    // changes no bytes (the forged metadata is served by the actions above).
    AttackId holdKeys(const QString &repository, const QString &description);

    void undo(AttackId id);
    void undoAll();
    QList<ActiveAttack> active() const;
    bool isActive() const;

    // "/imagerepo/targets/<dir>/*<name>": matches the image with or without its hash prefix.
    static QString imagePattern(const QString &imagePath);
    static bool matches(const QString &pattern, const QString &path);

private:
    struct Action;
    AttackId add(Action action);
    QList<std::shared_ptr<Action>> snapshot(const std::function<bool(const Action &)> &wanted,
                                            EventCallback &onEvent) const;

    mutable QMutex m_mutex;
    QList<std::shared_ptr<Action>> m_actions;
    AttackId m_nextId = 1;
    EventCallback m_onEvent;
};

} // namespace Uptane::Attacks
