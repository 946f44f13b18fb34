#pragma once

// The verdict banner (issue 6 "Banners"): UPDATED / UP TO DATE / DEFENDED / REPLAY / FROZEN /
// COMPROMISED in large letters on the verdict's colour, with a one-line reason under it.
// Mode OnNode: a child of an ECU's NodeItem, placed under the node, kept until the next
// verdict. Mode Canvas: across the whole scene, fading out by itself after a few seconds.

#include "vehicle/verdict.h"

#include <QGraphicsObject>

class QVariantAnimation;

namespace Uptane::Widgets::Canvas {

class BannerItem : public QGraphicsObject
{
    Q_OBJECT
public:
    enum class Mode { OnNode, Canvas };

    explicit BannerItem(Mode mode, QGraphicsItem *parent = nullptr);

    // Shows verdict and reason (Canvas mode: then fades out after holdMs).
    void show(Vehicle::Verdict verdict, const QString &reason);
    void clear();
    bool isShown() const { return m_shown; }
    QString text() const;        // verdictName(), empty when none shown
    QString reason() const { return m_shown ? m_reason : QString(); }
    Vehicle::Verdict verdict() const { return m_verdict; }

    void setWidth(qreal width);
    // Height the banner takes at the current font (the layout reserves it even when empty).
    qreal heightForFont() const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    static constexpr int kHoldMs = 2500;  // Canvas mode: fully visible this long
    static constexpr int kFadeMs = 600;

private:
    QFont verdictFont() const;
    QFont reasonFont() const;

    Mode m_mode;
    bool m_shown = false;
    Vehicle::Verdict m_verdict = Vehicle::Verdict::NoUpdate;
    QString m_reason;
    qreal m_width = 0;
    QVariantAnimation *m_fade = nullptr;
};

} // namespace Uptane::Widgets::Canvas
