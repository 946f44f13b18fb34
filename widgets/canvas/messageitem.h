#pragma once

// A message travelling a link (issue 6: "messages animate along the links as they happen"):
// a dot in the outcome's colour (canvasstyle.h messageColor) that runs the link's path in
// kDurationMs with a QVariantAnimation, then reports finished(). Events that arrive while it
// is young on the same link and direction are merged into it (count shown beside the dot,
// red when any of them failed), so hundreds of events per cycle stay a few dots. Clickable:
// clicked() hands out the event it stands for (the first failed one, else the latest).

#include "common/labevent.h"

#include <QGraphicsObject>
#include <QPainterPath>

class QVariantAnimation;

namespace Uptane::Widgets::Canvas {

class MessageItem : public QGraphicsObject
{
    Q_OBJECT
public:
    static constexpr int kDurationMs = 400;

    MessageItem(const QString &linkId, bool forward, const QPainterPath &path, const LabEvent &event,
                QGraphicsItem *parent = nullptr);

    QString linkId() const { return m_linkId; }
    bool isForward() const { return m_forward; }
    const LabEvent &event() const { return m_event; }
    int count() const { return m_count; }
    qreal progress() const { return m_progress; }

    void start();
    // Folds another event on the same link and direction into this dot.
    void merge(const LabEvent &event);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

Q_SIGNALS:
    void finished(Uptane::Widgets::Canvas::MessageItem *item);
    void clicked(const Uptane::LabEvent &event);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void moveTo(qreal t);
    qreal radius() const;

    QString m_linkId;
    bool m_forward;
    QPainterPath m_path;
    LabEvent m_event;
    int m_count = 1;
    qreal m_progress = 0;
    QVariantAnimation *m_animation;
};

} // namespace Uptane::Widgets::Canvas
