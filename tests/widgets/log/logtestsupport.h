#pragma once

// What both log tests build their hand-made events and palettes from.

#include "common/labevent.h"

#include <QColor>
#include <QPalette>

#include <optional>

namespace LogTest {

using namespace Qt::StringLiterals;

inline Uptane::LabEvent makeEvent(const QString &from, const QString &to, Uptane::LabEvent::Kind kind,
                                  const QString &summary, std::optional<Uptane::ErrorCode> code = {})
{
    Uptane::LabEvent event;
    event.time = QDateTime(QDate(2026, 11, 23), QTime(10, 0), Qt::UTC);
    event.from = from;
    event.to = to;
    event.kind = kind;
    event.summary = summary;
    if (code)
        event.error = Uptane::Error{*code, u"detail of "_s + summary};
    return event;
}

// A dark theme as a projector setup may use: light text on near-black bases.
inline QPalette darkPalette()
{
    QPalette dark;
    const QColor light(0xee, 0xee, 0xee);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        dark.setColor(role, light);
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2a, 0x2a));
    dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    return dark;
}

} // namespace LogTest
