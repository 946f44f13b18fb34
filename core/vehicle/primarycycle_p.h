#pragma once

// Private to core/vehicle: one update cycle of the Primary (primary.h lists its steps). The
// state of a cycle lives here, not in Primary, so a cycle that stops half-way leaves
// nothing behind but its report. primary.cpp runs the steps up to the images;
// primaryexchange.cpp talks to the Secondaries, commits and reports to the Director.

#include "vehicle/primary.h"
#include "vehicle/ecuimage_p.h"

#include "metadata/busmessage.h"
#include "metadata/signed.h"
#include "verify/updater.h"

#include <QMap>

namespace Uptane::Vehicle::detail {

class CycleRun
{
public:
    struct Context
    {
        EcuStore &store;
        Fetcher &fetcher;
        Net::VehicleBus &bus;
        const PrimaryOptions &options;
        const Primary::EventCallback &onEvent;
        const MaliciousImages &malicious;
        const Primary::NonceSource &nonceSource;
    };

    CycleRun(const Context &context, qint64 cycle, const QList<SecondaryLink> &secondaries);
    Q_DISABLE_COPY_MOVE(CycleRun)

    PrimaryCycle run();

private:
    // A Secondary that gave its nonce this cycle.
    struct Participant
    {
        SecondaryLink link;
        qint64 nonce = 0;
    };

    // ---- primary.cpp: steps 1-4 and the Primary's own target; errors stop the cycle
    void collectNonces();
    Result<void> attest();
    Result<void> refreshDirector(Verify::Updater &director);
    Result<void> refreshImages(Verify::Updater &images);
    Result<void> downloadImages(Verify::Updater &images);
    Result<void> fetchImage(Verify::Updater &images, const Metadata::TargetFile &target);
    Result<void> checkOwnTarget();
    // What an ECU runs now, as far as the Primary knows: its own installed image, or what a
    // Secondary last reported in a manifest.
    std::optional<Metadata::TargetFile> knownInstalled(const QString &serial) const;

    // ---- primaryexchange.cpp: steps 5-7
    Result<void> prepareBundles();
    void serveSecondaries(Verify::Updater *images);
    void serveSecondary(const Participant &participant, Verify::Updater *images);
    void collectManifests();
    void commit();
    void reportToDirector();
    // Sends one request over the bus and decodes the reply, which must come from `to`, for
    // this cycle, of kind `expected`; an Ack naming an error is returned as that error.
    Result<Metadata::BusMessage> call(const QString &to, Metadata::BusMessage::Kind kind,
                                      Metadata::BusMessage::Kind expected, const QByteArray &payload = {},
                                      const QString &name = {});

    // ---- events and the report
    void emitEvent(LabEvent::Kind kind, const QString &to, const QString &summary, const QByteArray &bytes = {},
                   const std::optional<Error> &error = std::nullopt);
    // Copies the checks an Updater recorded since `from` into the cycle's report.
    // Emits a Check event for every check recorded since the last call.
    void flushChecks();
    void stop(const Error &error);
    QString url(const QString &path) const;

    const Context m_context;
    const qint64 m_cycle;
    const QList<SecondaryLink> m_secondaries;
    const QString m_serial;
    const QString m_node;
    const Metadata::Encoding m_encoding;

    PrimaryCycle m_result;
    qsizetype m_checksEmitted = 0;
    QList<Participant> m_participants;
    qint64 m_ownNonce = 0;
    QByteArray m_attestation;
    QDateTime m_attestedTime;
    QMap<QString, QByteArray> m_files;   // the working copy of the trusted metadata
    Metadata::Targets m_directorTargets;
    QMap<QString, Metadata::TargetFile> m_verified;  // Director targets matched with the Image Repository's, by path
    QMap<QString, QByteArray> m_images;  // downloaded and verified, by path
    std::optional<Metadata::TargetFile> m_ownTarget;
    bool m_installOwn = false;
    QByteArray m_fullBundle;
    QByteArray m_partialBundle;
    QMap<QString, Metadata::Signed<Metadata::EcuManifest>> m_manifests;  // Secondaries', by serial
    QStringList m_busProblems;  // what went wrong on the bus, for the vehicle manifest
};

} // namespace Uptane::Vehicle::detail
