#pragma once

// The words on the canvas (translated, context "NodeText"):
// an ECU's state lines from its snapshot, a server's activity lines, a verdict banner's
// one-line reason. Kept apart from the items so the view and its tests share one source.

#include "lab/snapshot.h"
#include "vehicle/verdict.h"

#include <QCoreApplication>
#include <QStringList>

namespace Uptane::Widgets::Canvas {

// What a server did so far, counted from the lab's events.
struct ServerActivity
{
    int requests = 0;          // HTTP requests that reached it
    int attestations = 0;      // Time Server
    int manifestsAccepted = 0; // Director
    int manifestsRejected = 0;
};

class NodeText
{
    Q_DECLARE_TR_FUNCTIONS(NodeText)
public:
    // "Director root 1 · targets 3", "Images root 1 · targets 2", "Image acme/ecu-1.0.img",
    // "Last: UPDATED" (or "No cycle yet").
    static QStringList ecuStateLines(const Lab::EcuSnapshot &ecu);
    // "Cycle 3" (or "No cycle yet").
    static QStringList vehicleStateLines(const Lab::VehicleSnapshot &vehicle);
    static QStringList serverStateLines(const QString &server, const ServerActivity &activity);
    static QStringList supplierStateLines();
    // The banner's reason: "ErrorCodeName: detail", or the image installed / running.
    static QString bannerReason(const Vehicle::EcuOutcome &outcome);

private:
    static std::optional<QString> repositoryLine(const QMap<QString, qint64> &versions, bool director);
};

} // namespace Uptane::Widgets::Canvas
