#include "services/oemservices.h"

#include "encoding/json.h"
#include "services/fileutil.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Uptane::Services {

namespace DemoFleet {
QString vin() { return u"democar"_s; }
QString primarySerial() { return u"INFOdemocar"_s; }
QString secondarySerial() { return u"TCUdemocar"_s; }
QString partialSerial() { return u"DOORdemocar"_s; }
QString primaryHardwareId() { return u"infotainment"_s; }
QString secondaryHardwareId() { return u"acme-ecu"_s; }
QString primaryImagePath() { return u"infotainment-1.0.img"_s; }
QString supplierImagePath() { return u"acme/ecu-1.0.img"_s; }
QString firmwarePath() { return u"firmware.img"_s; }
QStringList secondarySerials() { return {secondarySerial(), partialSerial()}; }
QString ecuKeyName() { return u"ecu"_s; }
} // namespace DemoFleet

namespace {

// Recognisable, deterministic image bytes (a real image would come from a build).
QByteArray demoImage(const QString &path, const QString &hardwareId, int kilobytes)
{
    QByteArray bytes = u"Uptane Lab demo image %1 for %2\n"_s.arg(path, hardwareId).toUtf8();
    while (bytes.size() < kilobytes * 1024)
        bytes += QByteArray::number(bytes.size(), 16) + ' ';
    return bytes.left(kilobytes * 1024);
}

// Re-signs the content of every targets role as it is, so publish() writes new versions of
// all of them plus snapshot and timestamp.
Result<PublishResult> republish(RepositoryWriter &writer)
{
    for (const QString &role : writer.targetsRoles()) {
        const Metadata::Targets *body = writer.targets(role);
        if (!body)
            continue;
        if (auto staged = writer.stageTargets(role, *body); !staged)
            return fail(staged.error());
    }
    return writer.publish();
}

// refreshExpiry() when the timestamp (the shortest-lived role, refreshed with everything
// else that nears expiry) is past half its validity period.
Result<PublishResult> refreshIfExpiring(RepositoryWriter &writer, const Clock &clock)
{
    const qint64 half = writer.expiryPolicy().timestampSeconds / 2;
    if (writer.timestamp().expires > clock.now().addSecs(half))
        return PublishResult{};
    return writer.refreshExpiry();
}

} // namespace

OemServices::OemServices(Workspace workspace, const Clock &clock)
    : m_workspace(std::move(workspace)), m_clock(clock), m_keys(m_workspace.keysDir())
{
}

OemServices::~OemServices() = default;

Result<std::unique_ptr<OemServices>> OemServices::open(const QString &root,
                                                       std::optional<Metadata::Encoding> encoding,
                                                       const Clock &clock, bool demoFleet)
{
    auto workspace = encoding ? Workspace::open(root, *encoding) : Workspace::openExisting(root);
    if (!workspace)
        return fail(workspace.error());
    std::unique_ptr<OemServices> services(new OemServices(*workspace, clock));
    if (auto opened = services->openServices(); !opened)
        return fail(opened.error());
    if (demoFleet) {
        if (auto completed = services->completeDemoFleet(); !completed)
            return fail(completed.error().context(u"demo fleet"_s));
    }
    return services;
}

Result<void> OemServices::openServices()
{
    auto images = ImageRepository::open(m_workspace, m_keys, m_clock, ImageRepositoryOptions::demo());
    if (!images)
        return fail(images.error().context(u"image repository"_s));
    m_images = std::move(*images);
    auto director = DirectorRepository::open(m_workspace, m_keys, m_clock, *m_images);
    if (!director)
        return fail(director.error().context(u"director"_s));
    m_director = std::move(*director);
    auto timeServer = TimeServer::open(m_keys, m_clock, m_workspace.encoding());
    if (!timeServer)
        return fail(timeServer.error());
    m_timeServer = std::move(*timeServer);
    connectEvents();
    return {};
}

void OemServices::setEventCallback(EventCallback callback)
{
    m_onEvent = std::move(callback);
    if (m_onEvent) {
        for (const LabEvent &event : std::exchange(m_pending, {}))
            m_onEvent(event);
    }
}

void OemServices::deliver(const LabEvent &event)
{
    if (m_onEvent)
        m_onEvent(event);
    else if (m_pending.size() < kMaxPendingEvents)
        m_pending.append(event);
}

void OemServices::connectEvents()
{
    // What the services narrated while opening (the demo fleet's creation among it) waits
    // for the first callback.
    for (const LabEvent &event : m_images->writer().takeEvents() + m_director->takeEvents())
        deliver(event);
    const auto forward = [this](const LabEvent &event) { deliver(event); };
    m_images->writer().setEventCallback(forward);
    m_director->setEventCallback(forward);
    m_timeServer->setEventCallback(forward);
}

QString OemServices::demoMarkerPath() const
{
    return m_workspace.root() + u"/demo-fleet.json"_s;
}

// Every step checks what exists first, so an interrupted creation completes on the next open.
Result<void> OemServices::completeDemoFleet()
{
    if (QFileInfo::exists(demoMarkerPath()))
        return {};
    using namespace DemoFleet;
    const struct
    {
        QString path;
        QString hardwareId;
        int kilobytes;
        qint64 release;
    } images[] = {{primaryImagePath(), primaryHardwareId(), 64, 1},
                  {supplierImagePath(), secondaryHardwareId(), 16, 1},
                  {firmwarePath(), secondaryHardwareId(), 32, 2}};
    for (const auto &image : images) {
        if (m_images->findImage(image.path))
            continue;
        auto added = m_images->addImage(image.path, demoImage(image.path, image.hardwareId, image.kilobytes),
                                        image.hardwareId, image.release);
        if (!added)
            return fail(added.error());
    }

    // ECU keys live with the (simulated) ECUs; the Director learns only the public halves.
    QMap<QString, Crypto::PublicKey> ecuKeys;
    for (const QString &serial : QStringList{primarySerial()} + secondarySerials()) {
        auto dir = m_workspace.vehicleDir(vin(), serial);
        if (!dir)
            return fail(dir.error());
        KeyRing ecuRing(*dir);
        auto key = ecuRing.loadOrCreate(ecuKeyName(), Crypto::KeyType::Ed25519);
        if (!key)
            return fail(key.error().context(serial));
        ecuKeys.insert(serial, key->publicKey());
    }
    if (!m_director->vins().contains(vin())) {
        auto registered = m_director->registerVehicle(
            vin(), {primarySerial(), primaryHardwareId(), ecuKeys.value(primarySerial())},
            {{secondarySerial(), secondaryHardwareId(), ecuKeys.value(secondarySerial())},
             {partialSerial(), secondaryHardwareId(), ecuKeys.value(partialSerial())}});
        if (!registered)
            return fail(registered.error());
    }
    const QList<std::pair<QString, QString>> assignments{{primarySerial(), primaryImagePath()},
                                                         {secondarySerial(), supplierImagePath()},
                                                         {partialSerial(), supplierImagePath()}};
    for (const auto &[serial, path] : assignments) {
        // Assigning what is assigned already publishes nothing.
        if (auto assigned = m_director->assign(vin(), serial, path); !assigned)
            return fail(assigned.error());
    }
    const Json::Object marker{{u"vin"_s, vin()},
                              {u"created"_s, m_clock.now().toUTC().toString(Qt::ISODate)}};
    return writeFileAtomically(demoMarkerPath(), Json::pretty(marker));
}

Result<QByteArray> OemServices::receiveManifest(const QString &vin, const QByteArray &body)
{
    auto receipt = m_director->receiveManifest(vin, body);
    if (!receipt)
        return fail(receipt.error());
    Json::Array ecus;
    for (const QString &serial : receipt->reportingEcus)
        ecus.append(serial);
    const Json::Object answer{{u"accepted"_s, true},
                              {u"manifest_id"_s, receipt->manifestId},
                              {u"vin"_s, receipt->vin},
                              {u"reporting_ecus"_s, ecus}};
    return Json::canonical(answer);
}

Result<QByteArray> OemServices::attest(const QByteArray &body)
{
    return m_timeServer->handleRequest(body);
}

Result<void> OemServices::forEachRepository(const std::function<Result<PublishResult>(RepositoryWriter &)> &action)
{
    // Every repository gets its turn even when one fails; the first error is returned.
    std::optional<Error> first;
    const auto run = [&](RepositoryWriter &writer, const QString &where) {
        if (auto result = action(writer); !result && !first)
            first = result.error().context(where);
    };
    run(m_images->writer(), u"image repository"_s);
    for (const QString &vin : m_director->vins()) {
        if (RepositoryWriter *writer = m_director->writer(vin))
            run(*writer, u"director/"_s + vin);
    }
    if (first)
        return fail(*first);
    return {};
}

Result<void> OemServices::republishAll()
{
    return forEachRepository(republish);
}

Result<void> OemServices::refreshExpiring()
{
    return forEachRepository([this](RepositoryWriter &writer) { return refreshIfExpiring(writer, m_clock); });
}

} // namespace Uptane::Services
