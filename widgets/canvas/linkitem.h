#pragma once

// A link of the topology along which messages travel: a vehicle and an OEM server
// (id "<server>~<vin>", e.g. "director~democar"), a Primary and one of its Secondaries on the
// vehicle's bus (id "<vin>/<primary>~<vin>/<secondary>"), or the Image Repository and its
// supplier delegation (drawn only: no message travels it). The path runs from end A (the
// server, the Primary) to end B (the vehicle, the Secondary).

#include <QGraphicsObject>
#include <QPainterPath>

namespace Uptane::Widgets::Canvas {

class LinkItem : public QGraphicsObject
{
    Q_OBJECT
public:
    enum class Kind { Server, Bus, Delegation };

    LinkItem(const QString &id, Kind kind, const QString &endA, const QString &endB,
             QGraphicsItem *parent = nullptr);

    QString id() const { return m_id; }
    Kind kind() const { return m_kind; }
    QString endA() const { return m_endA; }
    QString endB() const { return m_endB; }

    void setPath(const QPainterPath &path);
    QPainterPath path() const { return m_path; }
    // Drawn in the attacker's colour, dashed, while an attacker sits on it.
    void setUnderAttack(bool on);
    bool isUnderAttack() const { return m_underAttack; }

    static QString serverLinkId(const QString &server, const QString &vin);
    static QString busLinkId(const QString &primaryNode, const QString &secondaryNode);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    qreal penWidth() const;

    QString m_id;
    Kind m_kind;
    QString m_endA;
    QString m_endB;
    QPainterPath m_path;
    bool m_underAttack = false;
};

} // namespace Uptane::Widgets::Canvas
