#include "common/labevent.h"

namespace Uptane {

QString labEventKindName(LabEvent::Kind kind)
{
    switch (kind) {
    case LabEvent::Kind::HttpRequest: return QStringLiteral("HttpRequest");
    case LabEvent::Kind::HttpResponse: return QStringLiteral("HttpResponse");
    case LabEvent::Kind::MetadataPublished: return QStringLiteral("MetadataPublished");
    case LabEvent::Kind::ImageAdded: return QStringLiteral("ImageAdded");
    case LabEvent::Kind::ImageAssigned: return QStringLiteral("ImageAssigned");
    case LabEvent::Kind::ManifestAccepted: return QStringLiteral("ManifestAccepted");
    case LabEvent::Kind::ManifestRejected: return QStringLiteral("ManifestRejected");
    case LabEvent::Kind::AttestationIssued: return QStringLiteral("AttestationIssued");
    case LabEvent::Kind::KeyRotated: return QStringLiteral("KeyRotated");
    case LabEvent::Kind::Check: return QStringLiteral("Check");
    case LabEvent::Kind::BusMessage: return QStringLiteral("BusMessage");
    case LabEvent::Kind::Verdict: return QStringLiteral("Verdict");
    case LabEvent::Kind::Note: return QStringLiteral("Note");
    }
    return QStringLiteral("Unknown");
}

QString formatLabEvent(const LabEvent &event)
{
    QString line = event.time.toUTC().toString(Qt::ISODate) + u' ' + event.from;
    if (!event.to.isEmpty())
        line += u" -> " + event.to;
    line += u' ' + labEventKindName(event.kind) + u": " + event.summary;
    if (event.error)
        line += u" [" + event.error->toString() + u']';
    return line;
}

} // namespace Uptane
