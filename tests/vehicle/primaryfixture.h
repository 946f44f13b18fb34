#pragma once

// Test support for tst_primary and tst_vehiclefleet: the real OEM services of the demo fleet
// on a temporary workspace with a manual clock, the demo vehicle provisioned from them
// (Lab::provisionDemoVehicle), and ServicesFetcher, the services as a Fetcher in memory on
// the test's thread (no HTTP, so a cycle takes milliseconds), with an adversary's hooks:
// rewrite what a URL answers or what is posted to it, or make it fail. Header-only.

#include "common/clock.h"
#include "common/fetcher.h"
#include "crypto/hash.h"
#include "encoding/json.h"
#include "lab/vehiclefleet.h"
#include "metadata/codec.h"
#include "services/oemservices.h"
#include "vehicle/vehicle.h"

#include "filetree.h"

#include <QFile>
#include <QIODevice>
#include <QTemporaryDir>
#include <QUrl>

#include <functional>
#include <memory>

namespace Uptane::Test {

using namespace Qt::StringLiterals;
namespace Demo = Services::DemoFleet;

class ServicesFetcher final : public Fetcher
{
public:
    using Rewrite = std::function<QByteArray(const QByteArray &)>;

    static QString base() { return u"http://oem.test/"_s; }

    explicit ServicesFetcher(Services::OemServices &services) : m_services(services) {}

    // What every URL containing `part` answers (GET or POST) is rewritten.
    void rewriteAnswer(const QString &part, Rewrite rewrite) { m_answers.append({part, std::move(rewrite)}); }
    // What is posted to a URL containing `part` is rewritten before the service sees it.
    void rewriteRequest(const QString &part, Rewrite rewrite) { m_requests.append({part, std::move(rewrite)}); }
    // Every request to a URL containing `part` fails with error.
    void failWith(const QString &part, const Error &error) { m_failures.append({part, error}); }
    void clearAdversary()
    {
        m_answers.clear();
        m_requests.clear();
        m_failures.clear();
    }
    QStringList requested() const { return m_requested; }

    Result<QByteArray> fetch(const QString &url, qint64 maxBytes) override
    {
        auto bytes = get(url);
        if (!bytes)
            return bytes;
        return answer(url, *bytes, maxBytes);
    }

    Result<qint64> fetchTo(const QString &url, qint64 maxBytes, QIODevice &sink) override
    {
        auto bytes = fetch(url, maxBytes);
        if (!bytes)
            return fail(bytes.error());
        if (sink.write(*bytes) != bytes->size())
            return fail(ErrorCode::IoError, sink.errorString());
        return bytes->size();
    }

    Result<QByteArray> post(const QString &url, const QByteArray &body, const QByteArray &, qint64 maxBytes) override
    {
        m_requested.append(u"POST "_s + url);
        if (auto failure = failureFor(url))
            return fail(*failure);
        QByteArray request = body;
        for (const auto &[part, rewrite] : std::as_const(m_requests)) {
            if (url.contains(part))
                request = rewrite(request);
        }
        const QStringList segments = route(url);
        Result<QByteArray> handled = fail(ErrorCode::NotFound, u"no such resource"_s);
        if (segments == QStringList{u"timeserver"_s, u"attestation"_s})
            handled = m_services.attest(request);
        else if (segments.size() == 3 && segments.first() == u"director"_s && segments.last() == u"manifest"_s)
            handled = m_services.receiveManifest(segments.at(1), request);
        if (!handled)
            return fail(httpError(url, handled.error()));
        return answer(url, *handled, maxBytes);
    }

private:
    struct Hook
    {
        QString part;
        Rewrite rewrite;
    };
    struct Failure
    {
        QString part;
        Error error;
    };

    static QStringList route(const QString &url)
    {
        if (!url.startsWith(base()))
            return {};
        QStringList segments = url.mid(base().size()).split(u'/');
        for (QString &segment : segments)
            segment = QUrl::fromPercentEncoding(segment.toUtf8());
        return segments;
    }

    // As the HttpHost answers a handler's error: a status and {"error": ..., "detail": ...}.
    static Error httpError(const QString &url, const Error &error)
    {
        const int status = error.code == ErrorCode::NotFound || error.code == ErrorCode::UnknownVehicle ? 404
                           : error.code == ErrorCode::TooLarge                                          ? 413
                           : error.code == ErrorCode::IoError || error.code == ErrorCode::CryptoFailure ? 500
                                                                                                        : 400;
        if (status == 404)
            return {ErrorCode::NotFound, u"HTTP 404 from %1"_s.arg(url)};
        const Json::Object body{{u"error"_s, errorCodeName(error.code)}, {u"detail"_s, error.detail}};
        return {ErrorCode::HttpError,
                u"HTTP %1 from %2: %3"_s.arg(status).arg(url, QString::fromUtf8(Json::canonical(body).value()))};
    }

    std::optional<Error> failureFor(const QString &url) const
    {
        for (const Failure &failure : m_failures) {
            if (url.contains(failure.part))
                return failure.error;
        }
        return std::nullopt;
    }

    Result<QByteArray> get(const QString &url)
    {
        m_requested.append(u"GET "_s + url);
        if (auto failure = failureFor(url))
            return fail(*failure);
        const Services::Workspace &workspace = m_services.workspace();
        const QStringList segments = route(url);
        QString path;
        if (segments.size() == 3 && segments.at(0) == u"imagerepo"_s && segments.at(1) == u"metadata"_s)
            path = workspace.imageRepoMetadataDir() + u'/' + segments.at(2);
        else if (segments.size() >= 3 && segments.at(0) == u"imagerepo"_s && segments.at(1) == u"targets"_s)
            path = workspace.imageRepoTargetsDir() + u'/' + segments.mid(2).join(u'/');
        else if (segments.size() == 4 && segments.at(0) == u"director"_s && segments.at(2) == u"metadata"_s)
            path = workspace.directorDir() + u'/' + segments.at(1) + u"/metadata/"_s + segments.at(3);
        QFile file(path);
        if (path.isEmpty() || segments.contains(u".."_s) || !file.open(QIODevice::ReadOnly))
            return fail(ErrorCode::NotFound, u"HTTP 404 from %1"_s.arg(url));
        return file.readAll();
    }

    Result<QByteArray> answer(const QString &url, QByteArray bytes, qint64 maxBytes) const
    {
        for (const Hook &hook : m_answers) {
            if (url.contains(hook.part))
                bytes = hook.rewrite(bytes);
        }
        if (bytes.size() > maxBytes)
            return fail(ErrorCode::TooLarge, u"%1 sends more than %2 bytes"_s.arg(url).arg(maxBytes));
        return bytes;
    }

    Services::OemServices &m_services;
    QList<Hook> m_answers;
    QList<Hook> m_requests;
    QList<Failure> m_failures;
    QStringList m_requested;
};

using Files = FileTree;

// The demo fleet's services and its vehicle on one thread, time in the test's hands.
class DemoLab
{
public:
    explicit DemoLab(Metadata::Encoding encoding)
        : m_clock(QDateTime(QDate(2030, 1, 1), QTime(8, 0), Qt::UTC))
    {
        auto services = Services::OemServices::open(m_dir.path(), encoding, m_clock);
        if (!services)
            qFatal("services: %s", qPrintable(services.error().toString()));
        m_services = std::move(*services);
        m_fetcher = std::make_unique<ServicesFetcher>(*m_services);
        if (auto provisioned = Lab::provisionDemoVehicle(*m_services, m_clock.now()); !provisioned)
            qFatal("provisioning: %s", qPrintable(provisioned.error().toString()));
        reopenVehicle();
    }

    void reopenVehicle()
    {
        m_vehicle.reset();
        auto vehicle = Vehicle::Vehicle::open(vehiclesDir(), Demo::vin(), *m_fetcher, {ServicesFetcher::base(), {}});
        if (!vehicle)
            qFatal("vehicle: %s", qPrintable(vehicle.error().toString()));
        m_vehicle = std::move(*vehicle);
        m_vehicle->setEventCallback([this](const LabEvent &event) { m_events.append(event); });
    }

    Metadata::Encoding encoding() const { return m_services->encoding(); }
    QString root() const { return m_dir.path(); }
    QString vehiclesDir() const { return m_dir.path() + u"/vehicles"_s; }
    ManualClock &clock() { return m_clock; }
    Services::OemServices &services() { return *m_services; }
    ServicesFetcher &fetcher() { return *m_fetcher; }
    Vehicle::Vehicle &vehicle() { return *m_vehicle; }
    QList<LabEvent> &events() { return m_events; }

    // Every file of the vehicle's ECU stores.
    Files vehicleFiles() const { return filesUnder(vehiclesDir() + u'/' + Demo::vin()); }

    // One cycle, a minute after the last.
    Vehicle::CycleResult cycle()
    {
        m_clock.advance(60);
        return m_vehicle->runCycle();
    }

    Metadata::TargetFile image(const QString &path) const
    {
        auto found = m_services->images().findImage(path);
        if (!found)
            qFatal("no image %s", qPrintable(path));
        return *found;
    }
    QByteArray imageBytes(const QString &path) const
    {
        QFile file(m_services->images().imageFilePath(path).value());
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read image %s", qPrintable(path));
        return file.readAll();
    }
    // The image as the Director lists it for ECUs.
    Metadata::TargetFile assignment(const QString &path, const QStringList &serials) const
    {
        Metadata::TargetFile target = image(path);
        target.ecuSerials = serials;
        return target;
    }

    // Publishes Director targets for the vehicle as edit makes them from the current ones,
    // signed with the Director's own keys: what a compromised (or buggy) Director can do.
    Result<void> publishDirectorTargets(const std::function<void(Metadata::Targets &)> &edit)
    {
        Services::RepositoryWriter *writer = m_services->director().writer(Demo::vin());
        if (!writer)
            return fail(ErrorCode::UnknownVehicle, Demo::vin());
        Metadata::Targets body = *writer->targets();
        edit(body);
        if (auto staged = writer->stageTargets(u"targets"_s, body); !staged)
            return staged;
        auto published = writer->publish();
        if (!published)
            return fail(published.error());
        return {};
    }

    // The URL part of a Director role file as the Primary fetches it now.
    QString directorFile(const QString &role)
    {
        return u"director/%1/metadata/%2"_s.arg(Demo::vin(), fileName(*m_services->director().writer(Demo::vin()), role));
    }
    QString imageRepoFile(const QString &role)
    {
        return u"imagerepo/metadata/"_s + fileName(m_services->images().writer(), role);
    }
    // The URL part of an image under its consistent-snapshot name.
    QString imageUrl(const QString &path) const
    {
        const QString hex = QString::fromLatin1(image(path).hashes.value(u"sha256"_s).toHex());
        const qsizetype slash = path.lastIndexOf(u'/');
        return u"imagerepo/targets/"_s + path.left(slash + 1) + hex + u'.' + path.mid(slash + 1);
    }

private:
    // "timestamp.<ext>", else "<version>.<role>.<ext>" (consistent snapshots).
    static QString fileName(const Services::RepositoryWriter &writer, const QString &role)
    {
        return role == u"timestamp"_s ? writer.fileName(role) : writer.fileName(role, writer.version(role));
    }

    QTemporaryDir m_dir;
    ManualClock m_clock;
    std::unique_ptr<Services::OemServices> m_services;
    std::unique_ptr<ServicesFetcher> m_fetcher;
    std::unique_ptr<Vehicle::Vehicle> m_vehicle;
    QList<LabEvent> m_events;
};

} // namespace Uptane::Test
