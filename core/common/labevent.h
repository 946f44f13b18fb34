#pragma once

// LabEvent: the one value type every engine uses to narrate what it does (a request arrived,
// metadata was published, a manifest was accepted or rejected, a check failed ...). Engines
// emit them through queued signals; the GUI animates and logs them, the command line prints
// them. Value type: safe to copy across threads.

#include "common/error.h"

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Uptane {

struct LabEvent
{
    enum class Kind {
        HttpRequest,        // a request reached a service (summary: "GET /imagerepo/...")
        HttpResponse,       // a service answered (summary: status and size)
        MetadataPublished,  // a repository published new metadata (summary: roles + versions)
        ImageAdded,         // an image entered the Image Repository
        ImageAssigned,      // the Director assigned an image to an ECU
        ManifestAccepted,   // the Director accepted a vehicle version manifest
        ManifestRejected,   // ... or rejected it (error set)
        AttestationIssued,  // the Time Server signed a time attestation
        KeyRotated,         // root rotated a role's keys
        Check,              // one verification check (error set when it failed)
        BusMessage,         // a message on the in-vehicle bus
        Verdict,            // an ECU's outcome for a cycle
        Note,               // anything else worth a log line
    };

    QDateTime time;          // when it happened (the emitting engine's clock)
    QString from;            // node id: "imagerepo", "director", "timeserver", "democar/TCUdemocar"
    QString to;              // node id, or empty
    Kind kind = Kind::Note;
    QString summary;         // English, one line, technical
    QByteArray bytes;        // the exact bytes involved (may be empty; large bodies truncated)
    qint64 totalBytes = 0;   // size before truncation
    std::optional<Error> error;
};

// "HttpRequest", "ManifestRejected", ...
QString labEventKindName(LabEvent::Kind kind);
// One log line: "2026-11-23T10:00:00Z director -> democar ManifestAccepted: ..."
QString formatLabEvent(const LabEvent &event);

// Events carry at most this many bytes; the rest is counted in totalBytes.
inline constexpr qsizetype kMaxEventBytes = 64 * 1024;

} // namespace Uptane

Q_DECLARE_METATYPE(Uptane::LabEvent)
