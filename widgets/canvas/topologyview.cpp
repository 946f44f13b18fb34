#include "widgets/canvas/topologyview.h"

#include "attacks/adversary.h"
#include "attacks/freeplay.h"
#include "lab/freeplay.h"
#include "lab/lab.h"
#include "widgets/canvas/banneritem.h"
#include "widgets/canvas/canvasstyle.h"
#include "widgets/canvas/linkitem.h"
#include "widgets/canvas/topologyscene.h"

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

using Canvas::NodeItem;
using Canvas::NodeText;
using Canvas::TopologyScene;

namespace {

constexpr int kPollMs = 250;  // attackers and server counters

// How much a verdict deserves the banner across the canvas: an attack's outcome first.
int salience(Vehicle::Verdict verdict)
{
    switch (verdict) {
    case Vehicle::Verdict::Compromised:
        return 6;
    case Vehicle::Verdict::Replay:
    case Vehicle::Verdict::Frozen:
        return 5;
    case Vehicle::Verdict::Defended:
        return 4;
    case Vehicle::Verdict::Updated:
        return 3;
    case Vehicle::Verdict::UpToDate:
        return 2;
    case Vehicle::Verdict::NoUpdate:
        return 1;
    }
    return 0;
}

// The VIN a Director path pattern is about ("/director/democar/metadata/*"), empty for
// patterns that cover every vehicle.
QString directorVin(const QString &pattern)
{
    const QStringList parts = pattern.split(u'/');
    if (parts.size() > 2 && parts[1] == u"director"_s && !parts[2].isEmpty() && !parts[2].contains(u'*'))
        return parts[2];
    return {};
}

} // namespace

TopologyView::TopologyView(Lab::Lab &lab, QWidget *parent)
    : QGraphicsView(parent), m_lab(lab), m_scene(new TopologyScene(this))
{
    setObjectName(u"topologyView"_s);
    setAccessibleName(tr("Topology"));
    setScene(m_scene);
    setRenderHint(QPainter::Antialiasing);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    m_clock.start();
    m_scene->setCanvasPalette(palette());
    setBackgroundBrush(palette().color(QPalette::Window));

    connect(&m_lab, &Lab::Lab::started, this, [this](const Result<void> &) { rebuild(); });
    connect(&m_lab, &Lab::Lab::vehiclesChanged, this, &TopologyView::rebuild);
    connect(&m_lab, &Lab::Lab::vehicleChanged, this, &TopologyView::onVehicleChanged);
    connect(&m_lab, &Lab::Lab::eventEmitted, this, &TopologyView::onEvent);
    connect(&m_lab, &Lab::Lab::cycleFinished, this, &TopologyView::onCycleFinished);
    connect(m_scene, &TopologyScene::messageClicked, this, &TopologyView::messageSelected);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &TopologyView::onSelectionChanged);
    connect(m_scene, &QGraphicsScene::sceneRectChanged, this, &TopologyView::fit);
    // Screen readers hear the focused node through the view's description.
    connect(m_scene, &TopologyScene::nodeFocused, this, [this](const QString &id) {
        if (const NodeItem *node = m_scene->node(id))
            setAccessibleDescription(node->accessibleName());
    });

    // Attackers come and go by adversary actions that emit nothing until traffic hits them:
    // poll (cheap, a mutex and a short list) and update only what changed.
    m_pollTimer.setInterval(kPollMs);
    connect(&m_pollTimer, &QTimer::timeout, this, [this] {
        pollAttackers();
        if (m_serversDirty)
            refreshServers();
    });
    m_pollTimer.start();
    applyFont();
    rebuild();
}

TopologyView::~TopologyView() = default;

void TopologyView::setFreePlay(Lab::FreePlay *freePlay)
{
    if (m_freePlay)
        disconnect(m_freePlay, nullptr, this, nullptr);
    m_freePlay = freePlay;
    if (m_freePlay)
        connect(m_freePlay, &Lab::FreePlay::changed, this, [this] { pollAttackers(); });
    pollAttackers();
}

void TopologyView::rebuild()
{
    QList<TopologyScene::VehiclePlan> plans;
    for (const QString &vin : m_lab.vins()) {
        TopologyScene::VehiclePlan plan{vin, {}};
        if (const auto snapshot = m_lab.snapshot(vin)) {
            for (const Lab::EcuSnapshot &ecu : snapshot->ecus) {
                const bool partial = ecu.verification == Vehicle::Verification::Partial;
                plan.ecus.append({ecu.serial, ecu.primary,
                                  ecu.primary ? NodeItem::Badge::None
                                              : (partial ? NodeItem::Badge::Partial : NodeItem::Badge::Full)});
            }
        } else {
            for (const auto &[serial, primary] : m_learnt.value(vin))
                plan.ecus.append({serial, primary, NodeItem::Badge::None});
        }
        plans.append(plan);
    }
    // Selection and focus survive the rebuild when their node does.
    const QString focused = focusedNode();
    {
        const QSignalBlocker blocker(m_scene);
        m_scene->build(plans);
        if (NodeItem *node = m_scene->node(m_selected))
            node->setSelected(true);
        if (NodeItem *node = m_scene->node(focused))
            m_scene->setFocusItem(node, Qt::OtherFocusReason);
    }
    for (const Lab::VehicleSnapshot &snapshot : m_lab.snapshots())
        applySnapshot(snapshot);
    m_scene->setNodeState(u"imagerepo/supplier"_s, NodeText::supplierStateLines());
    refreshServers();
    pollAttackers();
    onSelectionChanged();  // a selected node that went away: nothing selected now
    fit();
}

void TopologyView::onVehicleChanged(const Lab::VehicleSnapshot &snapshot)
{
    // A new ECU (or a vehicle the scene lacks) changes the layout: build again.
    const QString primary = snapshot.primary() ? snapshot.vin + u'/' + snapshot.primary()->serial : QString();
    bool known = m_scene->node(snapshot.vin) && m_scene->primaryNode(snapshot.vin) == primary;
    for (const Lab::EcuSnapshot &ecu : snapshot.ecus)
        known = known && m_scene->node(ecu.nodeId());
    if (!known)
        rebuild();
    else
        applySnapshot(snapshot);
}

void TopologyView::applySnapshot(const Lab::VehicleSnapshot &snapshot)
{
    m_scene->setNodeState(snapshot.vin, NodeText::vehicleStateLines(snapshot));
    for (const Lab::EcuSnapshot &ecu : snapshot.ecus)
        m_scene->setNodeState(ecu.nodeId(), NodeText::ecuStateLines(ecu));
}

void TopologyView::onEvent(const LabEvent &event)
{
    switch (event.kind) {
    case LabEvent::Kind::HttpRequest:
        ++m_activity[event.to].requests;
        m_serversDirty = true;
        break;
    case LabEvent::Kind::AttestationIssued:
        ++m_activity[event.from].attestations;
        m_serversDirty = true;
        break;
    case LabEvent::Kind::ManifestAccepted:
        ++m_activity[event.from].manifestsAccepted;
        m_serversDirty = true;
        break;
    case LabEvent::Kind::ManifestRejected:
        ++m_activity[event.from].manifestsRejected;
        m_serversDirty = true;
        break;
    default:
        break;
    }
    QStringList cycling;
    for (const QString &vin : m_scene->vins()) {
        if (m_lab.isCycling(vin))
            cycling.append(vin);
    }
    m_scene->animate(event, cycling);
    // The adversary reports each time it changes bytes: its actions may be new.
    if (event.from == u"adversary"_s)
        pollAttackers();
}

void TopologyView::onCycleFinished(const QString &vin, const Vehicle::CycleResult &result)
{
    if (!m_lab.snapshot(vin)) {
        // No snapshot yet: learn the ECUs from the outcomes (Primary first).
        QList<QPair<QString, bool>> ecus;
        for (qsizetype i = 0; i < result.outcomes.size(); ++i)
            ecus.append({result.outcomes[i].serial, i == 0});
        if (ecus != m_learnt.value(vin)) {
            m_learnt.insert(vin, ecus);
            rebuild();
        }
    }
    const Vehicle::EcuOutcome *loudest = nullptr;
    for (const Vehicle::EcuOutcome &outcome : result.outcomes) {
        const QString nodeId = vin + u'/' + outcome.serial;
        const QString reason = NodeText::bannerReason(outcome);
        m_scene->showBanner(nodeId, outcome.verdict, reason);
        Q_EMIT bannerShown(nodeId, outcome.verdict, reason);
        if (!loudest || salience(outcome.verdict) > salience(loudest->verdict))
            loudest = &outcome;
    }
    if (loudest) {
        m_scene->showCanvasBanner(loudest->verdict,
                                  tr("%1: %2").arg(loudest->serial, NodeText::bannerReason(*loudest)));
    }
}

void TopologyView::refreshServers()
{
    m_serversDirty = false;
    for (const QString &server : {u"imagerepo"_s, u"director"_s, u"timeserver"_s})
        m_scene->setNodeState(server, NodeText::serverStateLines(server, m_activity.value(server)));
}

void TopologyView::pollAttackers()
{
    QMap<QString, QStringList> sites;
    const QStringList vins = m_scene->vins();
    auto onLinks = [&](const QString &server, const QString &onlyVin, const QString &description) {
        for (const QString &vin : vins) {
            if (onlyVin.isEmpty() || onlyVin == vin)
                sites[Canvas::LinkItem::serverLinkId(server, vin)].append(description);
        }
    };
    for (const Attacks::ActiveAttack &attack : m_lab.adversary().active()) {
        switch (attack.site) {
        case Attacks::AttackSite::DirectorLink:
            onLinks(u"director"_s, directorVin(attack.target), attack.description);
            break;
        case Attacks::AttackSite::ImageRepoLink:
            onLinks(u"imagerepo"_s, {}, attack.description);
            break;
        case Attacks::AttackSite::TimeServerLink:
            onLinks(u"timeserver"_s, {}, attack.description);
            break;
        case Attacks::AttackSite::Bus:
            if (const QString primary = m_scene->primaryNode(attack.target); !primary.isEmpty())
                sites[primary].append(attack.description);
            break;
        case Attacks::AttackSite::StolenKeys:
            // On the server whose signing keys the attacker holds ("director" / "imagerepo").
            if (attack.target == u"director"_s || attack.target == u"imagerepo"_s)
                sites[attack.target].append(attack.description);
            break;
        }
    }
    const QStringList freePlay = m_freePlay ? m_freePlay->active() : QStringList();
    for (const QString &id : freePlay) {
        const Attacks::FreePlayAttack *attack = Attacks::findFreePlayAttack(id);
        if (!attack)
            continue;
        const QString title = attack->translatedTitle();
        switch (attack->placement) {
        case Attacks::AttackerPlacement::DirectorLink:
            onLinks(u"director"_s, attack->vin, title);
            break;
        case Attacks::AttackerPlacement::ImageRepoLink:
            onLinks(u"imagerepo"_s, attack->vin, title);
            break;
        case Attacks::AttackerPlacement::TimeServerLink:
            onLinks(u"timeserver"_s, attack->vin, title);
            break;
        case Attacks::AttackerPlacement::DirectorServer:
            sites[u"director"_s].append(title);
            break;
        case Attacks::AttackerPlacement::ImageRepoServer:
            sites[u"imagerepo"_s].append(title);
            break;
        case Attacks::AttackerPlacement::Primary:
            if (const QString primary = m_scene->primaryNode(attack->vin); !primary.isEmpty())
                sites[primary].append(title);
            break;
        }
    }
    for (QStringList &descriptions : sites)
        descriptions.removeDuplicates();
    m_scene->setAttackers(sites);
}

QString TopologyView::selectedNode() const
{
    return m_selected;
}

void TopologyView::selectNode(const QString &nodeId)
{
    NodeItem *node = m_scene->node(nodeId);
    const QSignalBlocker blocker(m_scene);
    m_scene->clearSelection();
    if (node) {
        node->setSelected(true);
        m_scene->setFocusItem(node, Qt::OtherFocusReason);
    }
    onSelectionChanged();
}

void TopologyView::onSelectionChanged()
{
    QString selected;
    for (QGraphicsItem *item : m_scene->selectedItems()) {
        if (auto *node = dynamic_cast<NodeItem *>(item)) {
            selected = node->id();
            break;
        }
    }
    if (selected == m_selected)
        return;
    m_selected = selected;
    Q_EMIT nodeSelected(m_selected);
}

QString TopologyView::bannerText(const QString &nodeId) const
{
    const Canvas::BannerItem *banner = m_scene->banner(nodeId);
    return banner ? banner->text() : QString();
}

QString TopologyView::bannerReason(const QString &nodeId) const
{
    const Canvas::BannerItem *banner = m_scene->banner(nodeId);
    return banner ? banner->reason() : QString();
}

QString TopologyView::nodeStateText(const QString &nodeId) const
{
    const NodeItem *node = m_scene->node(nodeId);
    return node ? node->stateLines().join(u'\n') : QString();
}

QStringList TopologyView::attackerSites() const
{
    return m_scene->attackerSites();
}

int TopologyView::messagesInFlight() const
{
    return m_scene->messagesInFlight();
}

qreal TopologyView::framesPerSecond() const
{
    const qint64 now = m_clock.elapsed();
    return qreal(std::count_if(m_frames.cbegin(), m_frames.cend(), [now](qint64 t) { return now - t < 1000; }));
}

QStringList TopologyView::nodeIds() const
{
    QStringList ids;
    for (const NodeItem *node : m_scene->nodesInFocusOrder())
        ids.append(node->id());
    return ids;
}

QString TopologyView::nodeAccessibleName(const QString &nodeId) const
{
    const NodeItem *node = m_scene->node(nodeId);
    return node ? node->accessibleName() : QString();
}

QString TopologyView::focusedNode() const
{
    const auto *node = dynamic_cast<const NodeItem *>(m_scene->focusItem());
    return node ? node->id() : QString();
}

QString TopologyView::canvasBannerText() const
{
    return m_scene->canvasBanner()->text();
}

} // namespace Uptane::Widgets
