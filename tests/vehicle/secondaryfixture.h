#pragma once

// Test support for tst_secondary: the real OEM services (demo fleet) on a temporary
// workspace with a manual clock, Secondaries provisioned from them the way a factory would,
// and a driver that plays the Primary: it builds the bundles from the repositories' files on
// disk, asks the Time Server for attestations and sends every step as encoded BusMessages.
// Each step can be altered, so a test is "the Primary (or a man in the middle) sent these
// bytes". Header-only.

#include "crypto/hash.h"
#include "metadata/busmessage.h"
#include "metadata/codec.h"
#include "services/keyring.h"
#include "services/oemservices.h"
#include "vehicle/bundle.h"
#include "vehicle/secondary.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <functional>
#include <map>
#include <memory>

namespace Uptane::Test {

using namespace Qt::StringLiterals;
namespace Demo = Services::DemoFleet;
using Metadata::BusMessage;
using Files = QMap<QString, QByteArray>;

// Every file under dir (relative path -> bytes), to prove a refusal changed nothing.
inline Files readTree(const QString &dir)
{
    Files out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        out.insert(QDir(dir).relativeFilePath(path), file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>"));
    }
    return out;
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

// A metadata file with the first byte of its first signature flipped (content unchanged).
template <typename T>
QByteArray tamperSignature(const QByteArray &bytes, Metadata::Encoding encoding)
{
    auto parsed = Metadata::parse<T>(bytes, encoding);
    if (!parsed || parsed->signatures.isEmpty())
        qFatal("cannot tamper with a file that does not parse");
    QByteArray &value = parsed->signatures.first().value;
    value[0] = char(value.at(0) ^ 0x01);
    return Metadata::serialize(*parsed).value();
}

// Copies every directory and file below from into to (which exists).
inline void copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + u'/' + QDir(from).relativeFilePath(path);
        const bool copied = it.fileInfo().isDir() ? QDir().mkpath(target) : QFile::copy(path, target);
        if (!copied)
            qFatal("cannot copy %s", qPrintable(path));
    }
}

// The demo fleet's workspace as OemServices creates it at `start`, made once per encoding
// and program run: each test opens a copy (creating one signs, publishes and fsyncs dozens
// of files, which makes up most of a test's time on a slow disk).
inline QString demoWorkspace(Metadata::Encoding encoding, const QDateTime &start)
{
    static std::map<Metadata::Encoding, std::unique_ptr<QTemporaryDir>> made;
    std::unique_ptr<QTemporaryDir> &dir = made[encoding];
    if (!dir) {
        dir = std::make_unique<QTemporaryDir>();
        ManualClock clock(start);
        auto created = Services::OemServices::open(dir->path(), encoding, clock);
        if (!created)
            qFatal("OemServices: %s", qPrintable(created.error().toString()));
    }
    return dir->path();
}

struct Ecu
{
    QString serial;
    Vehicle::Verification verification = Vehicle::Verification::Full;
    Crypto::PrivateKey key;
    std::unique_ptr<Vehicle::EcuStore> store;
    std::unique_ptr<Vehicle::Secondary> secondary;
    std::shared_ptr<qint64> nextNonce = std::make_shared<qint64>(1000);  // the injected nonce source's next
};

// How the Primary (or someone on the way) runs one cycle; every member is optional.
struct CycleSteps
{
    std::function<QByteArray(qint64 nonce)> attestation;    // default: the Time Server's
    bool skipAttestation = false;
    std::function<void(Files &)> editFiles;                 // "director/..", "imagerepo/.." before bundling
    std::function<void(QByteArray &)> editPayload;          // the bundle bytes
    std::optional<BusMessage::Kind> metadataKind;           // default: the ECU's kind
    bool skipMetadata = false;
    bool unversionedTargets = false;                        // partial: "director/targets.<ext>"
    std::optional<QString> image;                           // send this image whatever the Ack says
    std::optional<QString> imageName;                       // ... under this name
    std::function<void(QByteArray &)> editImage;
};

// The Secondary's replies to one cycle (nullopt: step not sent, or an undecodable reply).
struct CycleLog
{
    std::optional<BusMessage> nonce, attestation, metadata, image, manifest;
    // The first reply that carried an error code.
    std::optional<ErrorCode> firstError() const
    {
        for (const auto *reply : {&attestation, &metadata, &image}) {
            if (*reply && (*reply)->errorCode)
                return (*reply)->errorCode;
        }
        return std::nullopt;
    }
};

class SecondaryFixture
{
public:
    explicit SecondaryFixture(Metadata::Encoding encoding)
        : encoding(encoding)
        , ext(Metadata::fileExtension(encoding))
        , clock(QDateTime(QDate(2030, 1, 1), QTime(8, 0), Qt::UTC))
    {
        copyTree(demoWorkspace(encoding, clock.now()), dir.path());
        auto opened = Services::OemServices::open(dir.path(), std::nullopt, clock);
        if (!opened)
            qFatal("OemServices: %s", qPrintable(opened.error().toString()));
        services = std::move(*opened);
    }

    Metadata::Encoding encoding;
    QString ext;
    QTemporaryDir dir;
    ManualClock clock;
    std::unique_ptr<Services::OemServices> services;

    QString directorDir() const { return services->director().metadataDir(Demo::vin()).value(); }
    QString imageRepoDir() const { return services->images().metadataDir(); }
    QString ecuDir(const QString &serial) const { return services->workspace().vehicleDir(Demo::vin(), serial).value(); }
    QByteArray image(const QString &path) const { return readFile(services->images().imageFilePath(path).value()); }

    // The factory: roots, the Time Server key and acme/ecu-1.0.img, at the clock's time.
    Ecu provision(const QString &serial, Vehicle::Verification verification)
    {
        Ecu ecu;
        ecu.serial = serial;
        ecu.verification = verification;
        ecu.key = Services::KeyRing(ecuDir(serial)).load(Demo::ecuKeyName()).value();
        const Vehicle::EcuConfig config{Demo::vin(), serial, Demo::secondaryHardwareId(), false, verification,
                                        encoding, services->timeServer().publicKey()};
        const Metadata::TargetFile factory = services->images().findImage(Demo::supplierImagePath()).value();
        Vehicle::EcuChange initial;
        initial.state.attestedTime = clock.now();
        initial.state.installed = factory;  // as the Image Repository lists it (no ECU ids)
        initial.newImage = image(factory.path);
        initial.metadata.insert(u"director/root"_s, readFile(directorDir() + u"/root."_s + ext));
        if (verification == Vehicle::Verification::Full)
            initial.metadata.insert(u"imagerepo/root"_s, readFile(imageRepoDir() + u"/root."_s + ext));
        auto store = Vehicle::EcuStore::provision(ecuDir(serial), config, ecu.key, initial);
        if (!store)
            qFatal("provisioning %s: %s", qPrintable(serial), qPrintable(store.error().toString()));
        ecu.store = std::make_unique<Vehicle::EcuStore>(std::move(*store));
        attach(ecu);
        return ecu;
    }

    // A Secondary on ecu.store whose nonces count on from *ecu.nextNonce.
    static void attach(Ecu &ecu)
    {
        ecu.secondary = std::make_unique<Vehicle::Secondary>(*ecu.store);
        ecu.secondary->setNonceSource([next = ecu.nextNonce] { return (*next)++; });
    }

    // Both repositories' metadata files as a full bundle names them.
    Files repositoryFiles() const
    {
        Files files;
        const Files director = readTree(directorDir());
        for (auto it = director.cbegin(); it != director.cend(); ++it)
            files.insert(u"director/"_s + it.key(), it.value());
        const Files images = readTree(imageRepoDir());
        for (auto it = images.cbegin(); it != images.cend(); ++it)
            files.insert(u"imagerepo/"_s + it.key(), it.value());
        return files;
    }

    // What the Primary sends a partial Secondary: every Director root version and one
    // targets file, "director/<v>.targets.<ext>" or unversioned.
    Files partialFiles(const Files &all, bool unversioned) const
    {
        Files out;
        const QRegularExpression root(u"^director/[0-9]+\\.root\\."_s + ext + u'$');
        for (auto it = all.cbegin(); it != all.cend(); ++it) {
            if (root.match(it.key()).hasMatch())
                out.insert(it.key(), it.value());
        }
        const QString plain = u"director/targets."_s + ext;
        if (all.contains(plain)) {
            const QByteArray bytes = all.value(plain);
            QString name = plain;
            if (!unversioned) {
                auto parsed = Metadata::parse<Metadata::Targets>(bytes, encoding);
                name = u"director/%1.targets.%2"_s.arg(parsed ? parsed->body.version : 0).arg(ext);
            }
            out.insert(name, bytes);
        }
        return out;
    }

    // The bundle the Primary sends this ECU (after the steps' edits).
    QByteArray metadataPayload(const Ecu &ecu, const CycleSteps &steps = {}) const
    {
        Files files = repositoryFiles();
        if (steps.editFiles)
            steps.editFiles(files);
        const bool full = ecu.verification == Vehicle::Verification::Full;
        QByteArray payload = Vehicle::writeBundle(full ? files : partialFiles(files, steps.unversionedTargets)).value();
        if (steps.editPayload)
            steps.editPayload(payload);
        return payload;
    }

    QByteArray attest(const QList<qint64> &nonces)
    {
        return services->timeServer().attestBytes(nonces).value();
    }

    std::optional<BusMessage> send(Ecu &ecu, BusMessage message)
    {
        message.sender = Demo::primarySerial();
        if (message.receiver.isEmpty())
            message.receiver = ecu.serial;
        const QByteArray reply = ecu.secondary->handle(Metadata::encodeBusMessage(message, encoding).value());
        auto decoded = Metadata::decodeBusMessage(reply, encoding);
        return decoded ? std::optional(*decoded) : std::nullopt;
    }

    static BusMessage message(BusMessage::Kind kind, qint64 cycle, const QByteArray &payload = {})
    {
        BusMessage out;
        out.kind = kind;
        out.cycle = cycle;
        out.payload = payload;
        return out;
    }

    // One cycle as the Primary runs it: nonce, attestation, metadata, the image when the
    // Secondary asks for one, the ECU manifest. Every step is sent even after a refusal.
    CycleLog runCycle(Ecu &ecu, qint64 cycle, const CycleSteps &steps = {})
    {
        using Kind = BusMessage::Kind;
        CycleLog log;
        log.nonce = send(ecu, message(Kind::NonceRequest, cycle));
        const qint64 nonce = log.nonce && log.nonce->nonce ? *log.nonce->nonce : -1;
        if (!steps.skipAttestation) {
            const QByteArray attestation = steps.attestation ? steps.attestation(nonce) : attest({nonce});
            log.attestation = send(ecu, message(Kind::Attestation, cycle, attestation));
        }
        if (!steps.skipMetadata) {
            const bool full = ecu.verification == Vehicle::Verification::Full;
            const Kind kind = steps.metadataKind.value_or(full ? Kind::MetadataBundle : Kind::DirectorTargets);
            log.metadata = send(ecu, message(kind, cycle, metadataPayload(ecu, steps)));
        }
        std::optional<QString> wanted = steps.image;
        if (!wanted && log.metadata && !log.metadata->errorCode && !log.metadata->name.isEmpty())
            wanted = log.metadata->name;
        if (wanted) {
            QByteArray bytes = image(*wanted);
            if (steps.editImage)
                steps.editImage(bytes);
            BusMessage request = message(Kind::Image, cycle, bytes);
            request.name = steps.imageName.value_or(*wanted);
            log.image = send(ecu, request);
        }
        log.manifest = send(ecu, message(Kind::ManifestRequest, cycle));
        return log;
    }

    // The Director's "targets" as a thief of its targets key would publish them.
    void publishDirectorTargets(const std::function<void(Metadata::Targets &)> &edit)
    {
        Services::RepositoryWriter *writer = services->director().writer(Demo::vin());
        Metadata::Targets body = *writer->targets();
        edit(body);
        if (auto staged = writer->stageTargets(u"targets"_s, body); !staged)
            qFatal("stage: %s", qPrintable(staged.error().toString()));
        if (auto published = writer->publish(); !published)
            qFatal("publish: %s", qPrintable(published.error().toString()));
    }

    void assign(const QString &serial, const QString &path)
    {
        if (auto ok = services->director().assign(Demo::vin(), serial, path); !ok)
            qFatal("assign: %s", qPrintable(ok.error().toString()));
    }
};

// The ECU manifest in a reply, parsed; nullopt when there is none.
inline std::optional<Metadata::Signed<Metadata::EcuManifest>> ecuManifest(const CycleLog &log,
                                                                          Metadata::Encoding encoding)
{
    if (!log.manifest || log.manifest->kind != BusMessage::Kind::EcuManifest)
        return std::nullopt;
    auto parsed = Metadata::parse<Metadata::EcuManifest>(log.manifest->payload, encoding);
    return parsed ? std::optional(*parsed) : std::nullopt;
}

// Whether the manifest carries exactly one signature, by key, that verifies.
inline bool signedBy(const Metadata::Signed<Metadata::EcuManifest> &manifest, const Crypto::PrivateKey &key)
{
    return manifest.signatures.size() == 1
        && manifest.signatures.first().keyid == Metadata::computeKeyId(key.publicKey())
        && key.publicKey().verify(manifest.signedBytes, manifest.signatures.first().value);
}

} // namespace Uptane::Test
