#include "widgets/sound/soundboard.h"

#include <QAudio>
#include <QAudioDevice>
#include <QMediaDevices>
#include <QSoundEffect>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

namespace {

// Resource names (qt_add_resources in widgets/CMakeLists.txt, prefix /sounds).
QString fileFor(Vehicle::Verdict verdict)
{
    using Vehicle::Verdict;
    switch (verdict) {
    case Verdict::Updated:     return u"updated.wav"_s;
    case Verdict::UpToDate:    return u"uptodate.wav"_s;
    case Verdict::NoUpdate:    return {};  // silent on purpose
    case Verdict::Defended:    return u"defended.wav"_s;
    case Verdict::Replay:      return u"replay.wav"_s;
    case Verdict::Frozen:      return u"frozen.wav"_s;
    case Verdict::Compromised: return u"compromised.wav"_s;
    }
    return {};
}

} // namespace

SoundBoard::SoundBoard(QObject *parent)
    : QObject(parent)
    , m_devices(new QMediaDevices(this))
{
    connect(m_devices, &QMediaDevices::audioOutputsChanged, this, &SoundBoard::updateOutputs);
    updateOutputs();
}

SoundBoard::~SoundBoard() = default;

QUrl SoundBoard::sourceFor(Vehicle::Verdict verdict)
{
    const QString file = fileFor(verdict);
    return file.isEmpty() ? QUrl() : QUrl(u"qrc:/sounds/"_s + file);
}

void SoundBoard::updateOutputs()
{
    m_hasOutput = !QMediaDevices::audioOutputs().isEmpty();
    if (m_hasOutput)
        loadEffects();
}

// Loading starts QSoundEffect's asynchronous decode; done only with an output, because the
// effects complain (per play) when there is nowhere to play to.
void SoundBoard::loadEffects()
{
    for (int i = 0; i < VerdictCount; ++i) {
        if (m_effects[i])
            continue;
        const QUrl source = sourceFor(Vehicle::Verdict(i));
        if (source.isEmpty())
            continue;
        auto *effect = new QSoundEffect(this);
        effect->setSource(source);
        effect->setMuted(m_muted);
        m_effects[i] = effect;
    }
    applyVolume();
}

bool SoundBoard::play(Vehicle::Verdict verdict)
{
    const int index = int(verdict);
    if (m_muted || !m_hasOutput || index < 0 || index >= VerdictCount)
        return false;
    QSoundEffect *effect = m_effects[index];
    if (!effect)
        return false;
    stop();
    effect->play();
    return true;
}

void SoundBoard::stop()
{
    for (QSoundEffect *effect : m_effects) {
        if (effect && effect->isPlaying())
            effect->stop();
    }
}

void SoundBoard::setMuted(bool muted)
{
    if (muted == m_muted)
        return;
    m_muted = muted;
    for (QSoundEffect *effect : m_effects) {
        if (effect)
            effect->setMuted(muted);
    }
    emit mutedChanged(muted);
}

void SoundBoard::setVolume(qreal volume)
{
    const qreal clamped = std::clamp(volume, qreal(0), qreal(1));
    if (qFuzzyCompare(clamped + 1, m_volume + 1))
        return;
    m_volume = clamped;
    applyVolume();
    emit volumeChanged(m_volume);
}

void SoundBoard::applyVolume()
{
    // A slider's halfway should sound half as loud, not be half the amplitude.
    const float linear = float(QAudio::convertVolume(m_volume, QAudio::LogarithmicVolumeScale,
                                                     QAudio::LinearVolumeScale));
    for (QSoundEffect *effect : m_effects) {
        if (effect)
            effect->setVolume(linear);
    }
}

} // namespace Uptane::Widgets
