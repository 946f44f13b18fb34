#pragma once

// One node of the topology: an OEM server (Image Repository, its supplier delegation,
// Director, Time Server), a vehicle (a container box around its ECUs) or an ECU (Primary,
// Secondary with its FULL / PARTIAL badge). Shows an icon, a title and a few state lines
// (trusted metadata versions, installed image, last verdict); ECUs carry their BannerItem.
// Focusable and selectable: the view moves keyboard focus between nodes.
//
// Sizes come from the scene's font (canvasstyle.h em()), so the layout (TopologyScene) asks
// each node for preferredSize() after a font change; a vehicle's size is set by the layout.

#include <QGraphicsObject>
#include <QLatin1StringView>
#include <QStringList>

namespace Uptane::Widgets::Canvas {

class BannerItem;

class NodeItem : public QGraphicsObject
{
    Q_OBJECT
public:
    enum class Kind { Server, Supplier, Vehicle, Primary, Secondary };

    NodeItem(const QString &id, Kind kind, QGraphicsItem *parent = nullptr);

    QString id() const { return m_id; }
    Kind kind() const { return m_kind; }
    bool isEcu() const { return m_kind == Kind::Primary || m_kind == Kind::Secondary; }

    void setTitle(const QString &title);
    QString title() const { return m_title; }
    void setIcon(QLatin1StringView resource);
    // ECUs: the verification they do, shown as a "FULL" / "PARTIAL" badge.
    enum class Badge { None, Full, Partial };
    void setBadge(Badge badge);
    QString badgeText() const;
    void setStateLines(const QStringList &lines);
    QStringList stateLines() const { return m_lines; }
    // What the node shows for a screen reader: kind, title, badge and state.
    QString accessibleName() const;

    // The ECU's banner (nullptr for other kinds), placed under the node by layout().
    BannerItem *banner() const { return m_banner; }

    // The size the node wants for its text at the current font; vehicles: their title row.
    QSizeF preferredSize() const;
    // Sets the node's box (vehicles: around their ECUs) and places the banner under it.
    void setSize(const QSizeF &size);
    QSizeF size() const { return m_size; }
    // The node and its banner together: what the layout reserves.
    QRectF cellRect() const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

Q_SIGNALS:
    void focused(const QString &id);

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    QFont titleFont() const;
    QFont textFont() const;
    QFont badgeFont() const;
    void paintBadge(QPainter *painter, const QRectF &box) const;

    QString m_id;
    Kind m_kind;
    QString m_title;
    QLatin1StringView m_icon;
    Badge m_badge = Badge::None;
    QStringList m_lines;
    QSizeF m_size;
    BannerItem *m_banner = nullptr;  // child item
};

} // namespace Uptane::Widgets::Canvas
