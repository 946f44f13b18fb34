#pragma once

// OemHost: the OEM services of one workspace served over HTTP, as `uptane-lab serve` runs
// them: OemServices (Image Repository, Director, Time Server, the demo fleet) behind an
// HttpHost on 127.0.0.1, with the timers a long-running server needs:
//   - expiry: every expiryCheckIntervalMs (and once at start) each repository re-signs what
//     is past half its validity, so clients never see expired metadata; a fresh workspace
//     keeps its versions;
//   - publishIntervalMs (optional): a full republish of every repository with new versions,
//     a soak and demo knob (the SIGKILL test publishes every few milliseconds).
// Every service's events and every HTTP exchange come out of eventEmitted(); failures of
// the timers come out as Note events with the error set (the server keeps serving).
//
// Lives on the thread that calls start() (the services thread): HTTP handlers, timers and
// services all run there. Clients in the same process must use another thread.

#include "common/clock.h"
#include "common/labevent.h"
#include "metadata/types.h"

#include <QObject>

#include <memory>
#include <optional>

class QTimer;

namespace Uptane::Services {
class OemServices;
}
namespace Uptane::Net {
class HttpHost;
}

namespace Uptane::Lab {

struct OemHostOptions
{
    QString workspace;
    // nullopt: the encoding an existing workspace records, JSON for a new one. Given and
    // different from an existing workspace's: InvalidArgument.
    std::optional<Metadata::Encoding> encoding;
    quint16 port = 0;                        // 0: an ephemeral port
    int publishIntervalMs = 0;               // 0: no periodic republish
    int expiryCheckIntervalMs = 10 * 60'000;
    bool demoFleet = true;
    const Clock *clock = nullptr;            // the system clock when null (must outlive)
};

class OemHost : public QObject
{
    Q_OBJECT
public:
    explicit OemHost(const OemHostOptions &options, QObject *parent = nullptr);
    ~OemHost() override;

    // Opens the workspace and its services, then listens (connect to eventEmitted() first to
    // hear the opening too). OemServices::open's errors; HttpHost::listen's (IoError when the
    // port is taken); InvalidArgument when started already.
    Result<void> start();
    bool isStarted() const { return m_services != nullptr; }

    QString baseUrl() const;  // "http://127.0.0.1:PORT/"
    quint16 port() const;
    // Valid once started.
    Services::OemServices &services() { return *m_services; }
    // The HTTP front (the adversary's filters go here, on the services thread); null before
    // start().
    Net::HttpHost *http() { return m_http; }

Q_SIGNALS:
    void eventEmitted(const Uptane::LabEvent &event);

private:
    void runTimed(const QString &what, const std::function<Result<void>()> &action);

    OemHostOptions m_options;
    std::unique_ptr<SystemClock> m_systemClock;
    const Clock *m_clock = nullptr;
    std::unique_ptr<Services::OemServices> m_services;
    Net::HttpHost *m_http = nullptr;  // child
    QTimer *m_publishTimer = nullptr;  // child
    QTimer *m_expiryTimer = nullptr;   // child
};

} // namespace Uptane::Lab
