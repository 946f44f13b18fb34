// SoundBoard: every audible verdict has a valid, gentle WAV in the resource; volume clamps;
// mute toggles with its signal; play() without an audio device is a silent no-op; and
// scripts/make-sounds.py reproduces the committed sounds byte for byte.

#include "widgets/sound/soundboard.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace Qt::StringLiterals;
using Uptane::Vehicle::Verdict;
using Uptane::Widgets::SoundBoard;

Q_DECLARE_METATYPE(Verdict)

namespace {

const QList<Verdict> audible = {Verdict::Updated, Verdict::UpToDate, Verdict::Defended,
                                Verdict::Replay, Verdict::Frozen, Verdict::Compromised};

// A qrc URL as QFile opens it (":/sounds/x.wav").
QString resourcePath(const QUrl &url)
{
    return u':' + url.path();
}

struct WavInfo
{
    quint16 format = 0;
    quint16 channels = 0;
    quint32 rate = 0;
    quint16 bits = 0;
    qint64 frames = 0;
    int peak = 0;
    bool ok = false;
};

// Walks the RIFF chunks (RIFF/WAVE, then "fmt " and "data" in any order, odd sizes padded).
WavInfo parseWav(const QByteArray &bytes)
{
    WavInfo info;
    if (bytes.size() < 12 || !bytes.startsWith("RIFF") || bytes.mid(8, 4) != "WAVE")
        return info;
    if (qFromLittleEndian<quint32>(bytes.constData() + 4) != quint32(bytes.size() - 8))
        return info;
    qsizetype pos = 12;
    bool haveFmt = false;
    QByteArrayView data;
    while (pos + 8 <= bytes.size()) {
        const QByteArray id = bytes.mid(pos, 4);
        const quint32 size = qFromLittleEndian<quint32>(bytes.constData() + pos + 4);
        const qsizetype body = pos + 8;
        if (body + qsizetype(size) > bytes.size())
            return info;
        if (id == "fmt " && size >= 16) {
            info.format = qFromLittleEndian<quint16>(bytes.constData() + body);
            info.channels = qFromLittleEndian<quint16>(bytes.constData() + body + 2);
            info.rate = qFromLittleEndian<quint32>(bytes.constData() + body + 4);
            info.bits = qFromLittleEndian<quint16>(bytes.constData() + body + 14);
            haveFmt = true;
        } else if (id == "data") {
            data = QByteArrayView(bytes).sliced(body, size);
        }
        pos = body + size + (size & 1);
    }
    if (!haveFmt || data.isNull() || info.bits != 16 || info.channels == 0)
        return info;
    info.frames = data.size() / (2 * info.channels);
    for (qsizetype i = 0; i + 1 < data.size(); i += 2)
        info.peak = qMax(info.peak, qAbs(int(qFromLittleEndian<qint16>(data.data() + i))));
    info.ok = true;
    return info;
}

} // namespace

class TestSoundBoard : public QObject
{
    Q_OBJECT
private slots:
    // Qt's audio backend starts with the first QMediaDevices; on a machine without a sound
    // server it says so once (PulseAudio: "pa_context_connect() failed"). That one line is
    // Qt's, at start-up; what SoundBoard must not do is warn per play (checked below).
    void initTestCase()
    {
        SoundBoard board;
        qInfo("audio output: %s", board.hasAudioOutput() ? "yes" : "none");
    }

    void resourceIsValidWav_data()
    {
        QTest::addColumn<Verdict>("verdict");
        for (Verdict verdict : audible)
            QTest::newRow(qPrintable(Uptane::Vehicle::verdictName(verdict))) << verdict;
    }

    void resourceIsValidWav()
    {
        QFETCH(Verdict, verdict);
        const QUrl source = SoundBoard::sourceFor(verdict);
        QCOMPARE(source.scheme(), u"qrc"_s);
        QFile file(resourcePath(source));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.size() < 100 * 1024);

        const WavInfo wav = parseWav(bytes);
        QVERIFY(wav.ok);
        QCOMPARE(wav.format, quint16(1));  // PCM
        QCOMPARE(wav.rate, quint32(44100));
        QCOMPARE(wav.bits, quint16(16));
        QCOMPARE(wav.channels, quint16(1));
        const double seconds = double(wav.frames) / wav.rate;
        QVERIFY2(seconds >= 0.3 && seconds <= 1.2, qPrintable(QString::number(seconds)));
        // Normalised to about -6 dBFS: audible, well below full scale (no clipping).
        QVERIFY2(wav.peak < 32767 * 0.6 && wav.peak > 32767 * 0.4, qPrintable(QString::number(wav.peak)));
    }

    void parserRejectsBrokenWav()
    {
        QFile file(resourcePath(SoundBoard::sourceFor(Verdict::Updated)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray good = file.readAll();
        QVERIFY(parseWav(good).ok);
        QVERIFY(!parseWav(good.left(good.size() - 10)).ok);  // truncated data chunk
        QByteArray notWave = good;
        notWave.replace(8, 4, "AVI ");
        QVERIFY(!parseWav(notWave).ok);
    }

    void noUpdateIsSilent()
    {
        QVERIFY(SoundBoard::sourceFor(Verdict::NoUpdate).isEmpty());
        SoundBoard board;
        QVERIFY(!board.play(Verdict::NoUpdate));
    }

    void sourcesAreDistinct()
    {
        QSet<QUrl> seen;
        for (Verdict verdict : audible)
            seen.insert(SoundBoard::sourceFor(verdict));
        QCOMPARE(seen.size(), audible.size());
    }

    void volumeClamps_data()
    {
        QTest::addColumn<qreal>("requested");
        QTest::addColumn<qreal>("expected");
        QTest::newRow("below zero") << qreal(-0.5) << qreal(0);
        QTest::newRow("zero") << qreal(0) << qreal(0);
        QTest::newRow("half") << qreal(0.5) << qreal(0.5);
        QTest::newRow("one") << qreal(1) << qreal(1);
        QTest::newRow("above one") << qreal(3) << qreal(1);
    }

    void volumeClamps()
    {
        QFETCH(qreal, requested);
        QFETCH(qreal, expected);
        SoundBoard board;
        board.setVolume(0.25);
        QSignalSpy spy(&board, &SoundBoard::volumeChanged);
        board.setVolume(requested);
        QCOMPARE(board.volume(), expected);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).value<qreal>(), expected);
        board.setVolume(requested);  // unchanged: no second signal
        QCOMPARE(spy.size(), 1);
    }

    void muteToggles()
    {
        SoundBoard board;
        QVERIFY(!board.isMuted());
        QSignalSpy spy(&board, &SoundBoard::mutedChanged);
        board.setMuted(true);
        QVERIFY(board.isMuted());
        board.setMuted(true);  // unchanged: no signal
        board.setMuted(false);
        QVERIFY(!board.isMuted());
        QCOMPARE(spy.size(), 2);
        QCOMPARE(spy.at(0).at(0).toBool(), true);
        QCOMPARE(spy.at(1).at(0).toBool(), false);
    }

    void mutedPlaysNothing()
    {
        SoundBoard board;
        board.setMuted(true);
        for (Verdict verdict : audible)
            QVERIFY(!board.play(verdict));
    }

    // Without an audio device (the offscreen test machine) play() is a quiet no-op: no
    // crash, no sound started, not one warning. With a device it starts the sound.
    void playWithoutDeviceIsQuiet()
    {
        QTest::failOnWarning(QRegularExpression(u".*"_s));
        SoundBoard board;
        for (Verdict verdict : audible) {
            for (int i = 0; i < 3; ++i)
                QCOMPARE(board.play(verdict), board.hasAudioOutput());
        }
        board.stop();
        QTest::qWait(0);  // let any queued multimedia work run (and warn, if it would)
    }

    void scriptReproducesCommittedFiles()
    {
        const QString python = u"/usr/bin/python3"_s;
        if (!QFileInfo::exists(python))
            QSKIP("/usr/bin/python3 is missing");
        QTemporaryDir out;
        QVERIFY(out.isValid());
        QProcess script;
        script.start(python, {QStringLiteral(UPTANE_SOURCE_DIR "/scripts/make-sounds.py"),
                              u"--out"_s, out.path()});
        QVERIFY(script.waitForFinished(60000));
        QCOMPARE(script.exitStatus(), QProcess::NormalExit);
        QVERIFY2(script.exitCode() == 0, script.readAllStandardError().constData());

        const QDir committed(QStringLiteral(UPTANE_SOURCE_DIR "/resources/sounds"));
        const QStringList made = QDir(out.path()).entryList({u"*.wav"_s}, QDir::Files, QDir::Name);
        QCOMPARE(made, committed.entryList({u"*.wav"_s}, QDir::Files, QDir::Name));
        QCOMPARE(made.size(), audible.size());
        for (const QString &name : made) {
            QFile fresh(QDir(out.path()).filePath(name));
            QFile kept(committed.filePath(name));
            QVERIFY(fresh.open(QIODevice::ReadOnly) && kept.open(QIODevice::ReadOnly));
            QVERIFY2(fresh.readAll() == kept.readAll(), qPrintable(name));
        }
        // And the resource compiled into the program is that same committed file.
        for (Verdict verdict : audible) {
            QFile resource(resourcePath(SoundBoard::sourceFor(verdict)));
            QFile kept(committed.filePath(SoundBoard::sourceFor(verdict).fileName()));
            QVERIFY(resource.open(QIODevice::ReadOnly) && kept.open(QIODevice::ReadOnly));
            QVERIFY2(resource.readAll() == kept.readAll(), qPrintable(kept.fileName()));
        }
    }
};

QTEST_MAIN(TestSoundBoard)
#include "tst_soundboard.moc"
