#pragma once

// What the sequence diagram shows, worked out from the events alone (no painting): the lanes
// (one per node) and the rows (one per message arrow or lane mark). Kept apart from the
// painting so the live view, the PNG and the SVG export draw the same diagram, and so a cycle
// of hundreds of events is laid out once, event by event, as the events arrive.
//
// Node ids are the events' (see LabEvent). Three of them need interpreting, from what the
// real streams carry:
//   "director/<vin>"  a per-vehicle Director repository publishing: the Director's lane.
//   "client"          the HTTP host does not know who asks; during a cycle it is the
//                     Primary that began it ("<vin>/<serial>: cycle N begins ..."), found by
//                     the "/director/<vin>/" in the request or, with one cycle open, that one.
//   "<vin>"           the Director accepting a vehicle's manifest: that vehicle's Primary.
// A cycle is open from its Primary's "cycle N begins" note to its Primary's Verdict.

#include "common/labevent.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Uptane::Widgets {

struct SequenceLane
{
    QString id;        // node id ("director", "democar/TCUdemocar", "client" ...)
    QString title;     // what the header says: "Director", "TCUdemocar" (translated)
    QString subtitle;  // "democar · Primary", "OEM" ... (translated)
};

struct SequenceRow
{
    enum class Type {
        Arrow,   // a message between two lanes: HTTP request/response, bus, manifest ...
        Mark,    // something on one lane: a check, a verdict, a note, a publication
        Checks,  // a run of consecutive passed checks on one lane, folded into one row
    };
    Type type = Type::Mark;
    int event = 0;      // index in events() of the row's (first) event
    int count = 1;      // events in the row (Checks runs: how many checks)
    int from = 0;       // lane slot (see SequenceLayout::column)
    int to = 0;         // lane slot; == from for marks
    bool reply = false; // an answer (HTTP response, a Secondary's bus reply): drawn dashed
};

class SequenceLayout
{
public:
    // Adds one event: a row (or one more check in the last Checks run) and any new lanes.
    void append(const LabEvent &event);
    void clear() { *this = SequenceLayout(); }

    const QList<LabEvent> &events() const { return m_events; }
    const QList<SequenceRow> &rows() const { return m_rows; }
    int arrowCount() const { return m_arrows; }

    // Lanes in display order: OEM servers first (Image Repository, Director, Time Server),
    // then other nodes (HTTP client, attacker), then each vehicle's ECUs (Primary first).
    const QList<SequenceLane> &lanes() const { return m_lanes; }
    QStringList laneIds() const;
    // The display column of a row's lane slot.
    int column(int slot) const { return m_columnOfSlot.at(slot); }

    // True when the event is a Primary beginning an update cycle.
    static bool isCycleStart(const LabEvent &event);
    // Cycles begun and not yet ended by their Primary's verdict.
    bool hasOpenCycle() const { return !m_open.isEmpty(); }
    bool hasCycle() const { return m_cycles > 0; }

private:
    QString resolve(const QString &id, const LabEvent &event) const;
    int slotOf(const QString &laneId);
    void reorder();
    SequenceLane describe(const QString &laneId) const;

    QList<LabEvent> m_events;
    QList<SequenceRow> m_rows;
    int m_arrows = 0;
    int m_cycles = 0;
    QStringList m_slots;               // lane ids in order of first appearance
    QHash<QString, int> m_slotOf;
    QList<int> m_columnOfSlot;
    QList<SequenceLane> m_lanes;       // display order
    QHash<QString, QString> m_primaryOfVin;  // every Primary seen beginning a cycle
    QStringList m_open;                // Primaries with a cycle open, in order begun
    QStringList m_vinOrder;            // vehicles in order of first appearance
};

} // namespace Uptane::Widgets
