#include "lab/oemhost.h"

#include "net/httphost.h"
#include "services/oemservices.h"

#include <QDir>
#include <QFileInfo>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Uptane::Lab {

OemHost::OemHost(const OemHostOptions &options)
    : m_options(options)
{
    if (!m_options.clock)
        m_systemClock = std::make_unique<SystemClock>();
    m_clock = m_options.clock ? m_options.clock : m_systemClock.get();
}

OemHost::~OemHost()
{
    // The HTTP host's handlers point into the services: stop serving first.
    delete m_http;
    m_http = nullptr;
}

Result<std::unique_ptr<OemHost>> OemHost::start(const OemHostOptions &options)
{
    std::unique_ptr<OemHost> host(new OemHost(options));
    std::optional<Metadata::Encoding> encoding = options.encoding;
    if (!encoding && !QFileInfo::exists(QDir(options.workspace).filePath(u"workspace.json"_s)))
        encoding = Metadata::Encoding::Json;
    auto services = Services::OemServices::open(options.workspace, encoding, *host->m_clock, options.demoFleet);
    if (!services)
        return fail(services.error());
    host->m_services = std::move(*services);
    OemHost *self = host.get();
    host->m_services->setEventCallback([self](const LabEvent &event) { Q_EMIT self->eventEmitted(event); });

    const Services::Workspace &workspace = host->m_services->workspace();
    Net::HttpHostConfig config;
    config.imageRepoMetadataDir = workspace.imageRepoMetadataDir();
    config.imageRepoTargetsDir = workspace.imageRepoTargetsDir();
    config.directorDir = workspace.directorDir();
    config.attestationContentType = workspace.encoding() == Metadata::Encoding::Json
                                        ? QByteArray("application/json")
                                        : QByteArray("application/octet-stream");
    config.clock = host->m_clock;
    host->m_http = new Net::HttpHost(config, self);
    host->m_http->setManifestHandler([self](const QString &vin, const QByteArray &body) {
        return self->m_services->receiveManifest(vin, body);
    });
    host->m_http->setAttestationHandler([self](const QByteArray &body) {
        return self->m_services->attest(body);
    });
    connect(host->m_http, &Net::HttpHost::eventEmitted, self, &OemHost::eventEmitted);

    // Before serving: a workspace left alone for a while gets fresh timestamps.
    host->runTimed(u"expiry refresh"_s, [self] { return self->m_services->refreshExpiring(); });
    if (auto port = host->m_http->listen(options.port); !port)
        return fail(port.error());

    host->m_expiryTimer = new QTimer(self);
    connect(host->m_expiryTimer, &QTimer::timeout, self, [self] {
        self->runTimed(u"expiry refresh"_s, [self] { return self->m_services->refreshExpiring(); });
    });
    host->m_expiryTimer->start(options.expiryCheckIntervalMs);
    if (options.publishIntervalMs > 0) {
        host->m_publishTimer = new QTimer(self);
        connect(host->m_publishTimer, &QTimer::timeout, self, [self] {
            self->runTimed(u"republish"_s, [self] { return self->m_services->republishAll(); });
        });
        host->m_publishTimer->start(options.publishIntervalMs);
    }
    return host;
}

QString OemHost::baseUrl() const
{
    return m_http ? m_http->baseUrl() : QString();
}

quint16 OemHost::port() const
{
    return m_http ? m_http->port() : 0;
}

void OemHost::runTimed(const QString &what, const std::function<Result<void>()> &action)
{
    if (auto done = action(); !done) {
        LabEvent event;
        event.time = m_clock->now();
        event.from = u"oem"_s;
        event.kind = LabEvent::Kind::Note;
        event.summary = what + u" failed"_s;
        event.error = done.error();
        Q_EMIT eventEmitted(event);
    }
}

} // namespace Uptane::Lab
