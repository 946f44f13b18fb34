#include "lab/oemhost.h"

#include "net/httphost.h"
#include "services/oemservices.h"

#include <QDir>
#include <QFileInfo>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Uptane::Lab {

OemHost::OemHost(const OemHostOptions &options, QObject *parent)
    : QObject(parent), m_options(options)
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

Result<void> OemHost::start()
{
    if (m_services)
        return fail(ErrorCode::InvalidArgument, u"OemHost: started already"_s);
    std::optional<Metadata::Encoding> encoding = m_options.encoding;
    if (!encoding && !QFileInfo::exists(QDir(m_options.workspace).filePath(u"workspace.json"_s)))
        encoding = Metadata::Encoding::Json;
    auto services = Services::OemServices::open(m_options.workspace, encoding, *m_clock, m_options.demoFleet);
    if (!services)
        return fail(services.error());
    std::unique_ptr<Services::OemServices> opened = std::move(*services);

    const Services::Workspace &workspace = opened->workspace();
    Net::HttpHostConfig config;
    config.imageRepoMetadataDir = workspace.imageRepoMetadataDir();
    config.imageRepoTargetsDir = workspace.imageRepoTargetsDir();
    config.directorDir = workspace.directorDir();
    config.attestationContentType = workspace.encoding() == Metadata::Encoding::Json
                                        ? QByteArray("application/json")
                                        : QByteArray("application/octet-stream");
    config.clock = m_clock;
    auto http = std::make_unique<Net::HttpHost>(config);
    if (auto port = http->listen(m_options.port); !port)
        return fail(port.error());

    m_services = std::move(opened);
    m_services->setEventCallback([this](const LabEvent &event) { Q_EMIT eventEmitted(event); });
    m_http = http.release();
    m_http->setParent(this);
    m_http->setManifestHandler([this](const QString &vin, const QByteArray &body) {
        return m_services->receiveManifest(vin, body);
    });
    m_http->setAttestationHandler([this](const QByteArray &body) { return m_services->attest(body); });
    connect(m_http, &Net::HttpHost::eventEmitted, this, &OemHost::eventEmitted);

    // A workspace left alone for a while gets fresh timestamps (before any request is
    // handled: those wait for the event loop).
    runTimed(u"expiry refresh"_s, [this] { return m_services->refreshExpiring(); });
    m_expiryTimer = new QTimer(this);
    connect(m_expiryTimer, &QTimer::timeout, this, [this] {
        runTimed(u"expiry refresh"_s, [this] { return m_services->refreshExpiring(); });
    });
    m_expiryTimer->start(m_options.expiryCheckIntervalMs);
    if (m_options.publishIntervalMs > 0) {
        m_publishTimer = new QTimer(this);
        connect(m_publishTimer, &QTimer::timeout, this, [this] {
            runTimed(u"republish"_s, [this] { return m_services->republishAll(); });
        });
        m_publishTimer->start(m_options.publishIntervalMs);
    }
    return {};
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
