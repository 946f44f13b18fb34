#pragma once

// An active attacker (issue 6: "an active attacker appears where it sits"): the hooded
// devil icon on a link (man in the middle), on a server (holding its stolen keys) or inside
// a Primary (compromised). Its tool tip lists the attacks in force at that site.

#include <QGraphicsObject>
#include <QStringList>

namespace Uptane::Widgets::Canvas {

class AttackerItem : public QGraphicsObject
{
    Q_OBJECT
public:
    // site: the link id or node id it sits on (TopologyScene::setAttackers).
    explicit AttackerItem(const QString &site, QGraphicsItem *parent = nullptr);

    QString site() const { return m_site; }
    void setDescriptions(const QStringList &descriptions);
    QStringList descriptions() const { return m_descriptions; }
    // Side of the square the icon takes at the scene's font.
    qreal side() const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QString m_site;
    QStringList m_descriptions;
};

} // namespace Uptane::Widgets::Canvas
