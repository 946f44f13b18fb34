#include "widgets/log/sequencelayout.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

namespace {

// lupdate reads the context from here; QCoreApplication::translate needs no QObject.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Uptane::Widgets::SequenceLayout)
};

const QString kClient = u"client"_s;
const QString kAdversary = u"adversary"_s;
// The OEM servers, in the order the canvas draws them left to right.
const QStringList kOemOrder = {u"imagerepo"_s, u"director"_s, u"timeserver"_s, u"oem"_s};

QString vinOf(const QString &ecuNode)
{
    return ecuNode.section(u'/', 0, 0);
}

} // namespace

bool SequenceLayout::isCycleStart(const LabEvent &event)
{
    // primary.cpp: "cycle %1 begins with %2 Secondaries", from the Primary's "<vin>/<serial>".
    return event.kind == LabEvent::Kind::Note && event.from.contains(u'/') && event.summary.startsWith(u"cycle ")
        && event.summary.contains(u" begins");
}

QStringList SequenceLayout::laneIds() const
{
    QStringList ids;
    ids.reserve(m_lanes.size());
    for (const SequenceLane &lane : m_lanes)
        ids.append(lane.id);
    return ids;
}

QString SequenceLayout::resolve(const QString &id, const LabEvent &event) const
{
    // A repository publishing for one vehicle ("director/democar") is still the Director.
    if (id.startsWith(u"director/") || id.startsWith(u"imagerepo/"))
        return id.section(u'/', 0, 0);
    if (id == kClient) {
        static const QRegularExpression directorPath(u"/director/([^/\\s]+)/"_s);
        const QRegularExpressionMatch match = directorPath.match(event.summary);
        if (match.hasMatch()) {
            if (const auto primary = m_primaryOfVin.constFind(match.captured(1)); primary != m_primaryOfVin.cend())
                return *primary;
        }
        return m_open.size() == 1 ? m_open.constFirst() : id;
    }
    if (!id.contains(u'/')) {
        if (const auto primary = m_primaryOfVin.constFind(id); primary != m_primaryOfVin.cend())
            return *primary;
    }
    return id;
}

int SequenceLayout::slotOf(const QString &laneId)
{
    if (const auto found = m_slotOf.constFind(laneId); found != m_slotOf.cend())
        return *found;
    const int slot = int(m_slots.size());
    m_slots.append(laneId);
    m_slotOf.insert(laneId, slot);
    if (laneId.contains(u'/') && !m_vinOrder.contains(vinOf(laneId)))
        m_vinOrder.append(vinOf(laneId));
    reorder();
    return slot;
}

void SequenceLayout::append(const LabEvent &event)
{
    const int index = int(m_events.size());
    m_events.append(event);

    if (isCycleStart(event)) {
        ++m_cycles;
        const QString vin = vinOf(event.from);
        const bool known = m_primaryOfVin.value(vin) == event.from;
        m_primaryOfVin.insert(vin, event.from);
        if (!m_open.contains(event.from))
            m_open.append(event.from);
        if (!m_vinOrder.contains(vin))
            m_vinOrder.append(vin);
        if (!known)
            reorder();  // the lane is a Primary now: first in its vehicle, subtitled so
    }

    const QString from = resolve(event.from, event);
    const QString to = event.to.isEmpty() ? QString() : resolve(event.to, event);
    const int fromSlot = slotOf(from);
    const int toSlot = to.isEmpty() ? fromSlot : slotOf(to);

    // Notes narrate (the Primary saying "POST ... with 3 nonces" before the HTTP request that
    // the host reports itself): a mark on the narrator's lane, not a second arrow. The
    // attacker's notes are its actions on a node: arrows, so the diagram shows where it hit.
    const bool arrow = !to.isEmpty() && to != from
        && (event.kind != LabEvent::Kind::Note || event.from == kAdversary);
    if (arrow) {
        SequenceRow row{SequenceRow::Type::Arrow, index, 1, fromSlot, toSlot};
        row.reply = event.kind == LabEvent::Kind::HttpResponse
            || (event.kind == LabEvent::Kind::BusMessage && m_primaryOfVin.value(vinOf(to)) == to);
        m_rows.append(row);
        ++m_arrows;
    } else if (event.kind == LabEvent::Kind::Check && !event.error) {
        SequenceRow *last = m_rows.isEmpty() ? nullptr : &m_rows.last();
        if (last && last->type == SequenceRow::Type::Checks && last->from == fromSlot
            && last->event + last->count == index)
            ++last->count;
        else
            m_rows.append({SequenceRow::Type::Checks, index, 1, fromSlot, fromSlot});
    } else {
        m_rows.append({SequenceRow::Type::Mark, index, 1, fromSlot, fromSlot});
    }

    if (event.kind == LabEvent::Kind::Verdict)
        m_open.removeOne(event.from);  // the Primary's verdict ends its cycle
}

void SequenceLayout::reorder()
{
    auto group = [this](const QString &id) {
        if (kOemOrder.contains(id))
            return 0;
        if (!id.contains(u'/') && !m_vinOrder.contains(id))
            return 1;  // HTTP client, attacker, unknown nodes: between OEM and vehicles
        return 2;
    };
    auto rank = [this, &group](const QString &id) {
        switch (group(id)) {
        case 0:
            return std::tuple(0, int(kOemOrder.indexOf(id)), 0, QString());
        case 1:
            // The attacker sits last, next to the vehicles it targets.
            return std::tuple(1, id == kAdversary ? 1 : 0, int(m_slotOf.value(id)), QString());
        default: {
            const QString vin = vinOf(id);
            const int inVehicle = !id.contains(u'/') ? 0 : m_primaryOfVin.value(vin) == id ? 1 : 2;
            return std::tuple(2, int(m_vinOrder.indexOf(vin)), inVehicle, id);
        }
        }
    };
    QStringList order = m_slots;
    std::stable_sort(order.begin(), order.end(),
                     [&rank](const QString &a, const QString &b) { return rank(a) < rank(b); });
    m_columnOfSlot = QList<int>(m_slots.size(), 0);
    m_lanes.clear();
    for (int column = 0; column < order.size(); ++column) {
        m_columnOfSlot[m_slotOf.value(order.at(column))] = column;
        m_lanes.append(describe(order.at(column)));
    }
}

SequenceLane SequenceLayout::describe(const QString &laneId) const
{
    const QString oem = Text::tr("OEM");
    if (laneId == u"imagerepo")
        return {laneId, Text::tr("Image Repository"), oem};
    if (laneId == u"director")
        return {laneId, Text::tr("Director"), oem};
    if (laneId == u"timeserver")
        return {laneId, Text::tr("Time Server"), oem};
    if (laneId == u"oem")
        return {laneId, Text::tr("OEM services"), oem};
    if (laneId == kClient)
        return {laneId, Text::tr("HTTP client"), Text::tr("sender unknown")};
    if (laneId == kAdversary)
        return {laneId, Text::tr("Attacker"), Text::tr("adversary")};
    if (laneId.contains(u'/')) {
        const QString vin = vinOf(laneId);
        const QString serial = laneId.section(u'/', 1);
        if (!m_primaryOfVin.contains(vin))
            return {laneId, serial, vin};
        return {laneId, serial,
                m_primaryOfVin.value(vin) == laneId ? Text::tr("%1 · Primary").arg(vin)
                                                    : Text::tr("%1 · Secondary").arg(vin)};
    }
    if (m_vinOrder.contains(laneId))
        return {laneId, laneId, Text::tr("vehicle")};
    return {laneId, laneId.isEmpty() ? Text::tr("(unnamed)") : laneId, {}};
}

} // namespace Uptane::Widgets
