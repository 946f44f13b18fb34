#include "widgets/log/logstyle.h"

#include "vehicle/verdict.h"

#include <QPalette>

#include <cmath>

namespace Uptane::Widgets {

namespace {

QColor blend(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                            a.blueF() + (b.blueF() - a.blueF()) * t);
}

} // namespace

QString verdictNameOf(const LabEvent &event)
{
    if (event.kind != LabEvent::Kind::Verdict)
        return {};
    // Primary and Secondaries both write "cycle N: <VERDICT>[: path | (error)]".
    QStringView text = event.summary;
    if (const qsizetype colon = text.indexOf(u": "); text.startsWith(u"cycle ") && colon > 0)
        text = text.mid(colon + 2);
    // Longest names first: "UP TO DATE" before "UPDATED" cannot clash, but "NO UPDATE" could.
    static const Vehicle::Verdict all[] = {Vehicle::Verdict::Compromised, Vehicle::Verdict::UpToDate,
                                           Vehicle::Verdict::NoUpdate,    Vehicle::Verdict::Defended,
                                           Vehicle::Verdict::Updated,     Vehicle::Verdict::Replay,
                                           Vehicle::Verdict::Frozen};
    for (Vehicle::Verdict verdict : all) {
        const QString name = Vehicle::verdictName(verdict);
        if (text.startsWith(name))
            return name;
    }
    return {};
}

LogTone logToneOf(const LabEvent &event)
{
    if (event.kind == LabEvent::Kind::Verdict) {
        const auto verdict = Vehicle::verdictFromName(verdictNameOf(event));
        if (!verdict)
            return event.error ? LogTone::Failed : LogTone::Plain;
        switch (*verdict) {
        case Vehicle::Verdict::Updated:
            return LogTone::Updated;
        case Vehicle::Verdict::UpToDate:
        case Vehicle::Verdict::NoUpdate:
            return LogTone::UpToDate;
        case Vehicle::Verdict::Defended:
        case Vehicle::Verdict::Replay:
        case Vehicle::Verdict::Frozen:
            return LogTone::Defended;
        case Vehicle::Verdict::Compromised:
            return LogTone::Compromised;
        }
    }
    if (event.error)
        return LogTone::Failed;
    if (event.kind == LabEvent::Kind::Check || event.kind == LabEvent::Kind::ManifestAccepted)
        return LogTone::Passed;
    return LogTone::Plain;
}

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor logToneColor(LogTone tone, const QPalette &palette)
{
    const bool dark = isDarkPalette(palette);
    // Material-like shades: 800 on light backgrounds, 200-300 on dark ones (contrast >= 4.5).
    switch (tone) {
    case LogTone::Plain:
        return palette.color(QPalette::Text);
    case LogTone::Passed:
    case LogTone::Updated:
        return dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x7d, 0x32);
    case LogTone::Failed:
        return dark ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28);
    case LogTone::UpToDate:
        return dark ? QColor(0x90, 0xca, 0xf9) : QColor(0x15, 0x65, 0xc0);
    case LogTone::Defended:
        return dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xb2, 0x5e, 0x00);
    case LogTone::Compromised:
        return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb7, 0x1c, 0x1c);
    }
    return palette.color(QPalette::Text);
}

QColor logToneBackground(LogTone tone, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    if (tone == LogTone::Plain || tone == LogTone::Passed)
        return base;
    // Light palette: a pale tint of the saturated shade; dark: a deep tint of the pale one.
    return blend(base, logToneColor(tone, palette), isDarkPalette(palette) ? 0.28 : 0.16);
}

QColor contrastingText(const QColor &background)
{
    // Relative luminance (WCAG 2): pick the text with the larger contrast.
    auto channel = [](qreal c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const qreal l = 0.2126 * channel(background.redF()) + 0.7152 * channel(background.greenF())
        + 0.0722 * channel(background.blueF());
    return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace Uptane::Widgets
