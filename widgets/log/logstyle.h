#pragma once

// How the event log and the sequence diagram colour an event: one tone per outcome, with a
// shade for light and one for dark palettes (a projector in a dark room runs either), so the
// colour always reads against the palette's base. Shared by the log rows, the diagram's
// arrows and marks, and its PNG/SVG exports.

#include "common/labevent.h"

#include <QColor>
#include <QString>

class QPalette;

namespace Uptane::Widgets {

enum class LogTone {
    Plain,        // an ordinary message: drawn in the palette's text colour
    Passed,       // a passed check, an accepted manifest
    Failed,       // an event carrying an error (failed check, rejection, refusal)
    Updated,      // verdict UPDATED
    UpToDate,     // verdict UP TO DATE / NO UPDATE
    Defended,     // verdict DEFENDED, REPLAY, FROZEN: an attack stopped
    Compromised,  // verdict COMPROMISED: an attack got through
};

// The tone of one event. A verdict takes its verdict's tone even when it carries the error
// that explains a refusal.
LogTone logToneOf(const LabEvent &event);

// The verdict name a Verdict event's summary announces ("cycle 3: DEFENDED (...)" ->
// "DEFENDED"); empty when the event is no verdict or names none.
QString verdictNameOf(const LabEvent &event);

// The tone's colour on `palette`: saturated shades on light palettes, pale ones on dark.
QColor logToneColor(LogTone tone, const QPalette &palette);

// The tone's colour blended into the palette's base, for a row background behind the
// palette's own text colour (readable on both palettes).
QColor logToneBackground(LogTone tone, const QPalette &palette);

// Black or white, whichever reads best on `background`.
QColor contrastingText(const QColor &background);

bool isDarkPalette(const QPalette &palette);

} // namespace Uptane::Widgets
