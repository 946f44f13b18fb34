#pragma once

// The verdict sounds: one short, project-made sound per verdict (scripts/make-sounds.py,
// committed under resources/sounds and compiled into the Qt resource at :/sounds).
//
// A classroom machine may have no audio device at all (or the tests run offscreen): then every
// play() is a silent no-op, never an error and never a warning. The sounds are loaded only
// once an audio output exists, and again if one appears later (a headset plugged in).
// Nothing here blocks the GUI thread: QSoundEffect decodes and plays asynchronously.

#include "vehicle/verdict.h"

#include <QObject>
#include <QUrl>

#include <array>

class QMediaDevices;
class QSoundEffect;

namespace Uptane::Widgets {

class SoundBoard : public QObject
{
    Q_OBJECT
public:
    explicit SoundBoard(QObject *parent = nullptr);
    ~SoundBoard() override;

    // The resource of a verdict's sound (qrc:/sounds/<name>.wav), or an empty URL for a
    // verdict that is silent on purpose (NO UPDATE: nothing happened).
    static QUrl sourceFor(Vehicle::Verdict verdict);

    // Plays the verdict's sound; a new verdict cuts the previous sound short, so a burst of
    // verdicts (every ECU of a cycle) does not stack into noise. Returns whether a sound
    // started: false when muted, without an audio output, or for a silent verdict.
    bool play(Vehicle::Verdict verdict);
    void stop();

    bool isMuted() const { return m_muted; }
    void setMuted(bool muted);

    // The user's volume, 0..1 (clamped), as a slider shows it; the effects get it mapped
    // from a logarithmic (perceived) scale to the linear one QSoundEffect expects.
    qreal volume() const { return m_volume; }
    void setVolume(qreal volume);

    // Whether the machine has any audio output (QMediaDevices::audioOutputs()).
    bool hasAudioOutput() const { return m_hasOutput; }

signals:
    void mutedChanged(bool muted);
    void volumeChanged(qreal volume);

private:
    static constexpr int VerdictCount = int(Vehicle::Verdict::Compromised) + 1;

    void updateOutputs();
    void loadEffects();
    void applyVolume();

    QMediaDevices *m_devices = nullptr;
    std::array<QSoundEffect *, VerdictCount> m_effects{};  // children; null: not loaded/silent
    bool m_hasOutput = false;
    bool m_muted = false;
    qreal m_volume = 0.8;
};

} // namespace Uptane::Widgets
