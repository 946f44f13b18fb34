#!/usr/bin/python3
"""Synthesise the demonstrator's verdict sounds (resources/sounds/*.wav).

Every sound is made here from sines and envelopes: no samples, no third-party audio, so the
project owns them outright. The output is deterministic (no randomness, fixed parameters), so
running this script again reproduces the committed files byte for byte; tst_soundboard checks
that. Standard library only (wave, math, struct), so it runs on any Python 3.

Format: 44.1 kHz, 16-bit, mono PCM; each sound 0.3 to 1.1 s (under 100 KB), soft attacks and
a raised-cosine fade-out so nothing clicks, peak normalised to -6 dBFS so nothing clips.

NO UPDATE has no sound on purpose: nothing happened, so the demonstrator stays quiet.

Usage: make-sounds.py [--out DIR]   (default: resources/sounds next to this script's parent)
"""

import argparse
import math
import os
import struct
import wave

RATE = 44100
PEAK_DBFS = -6.0
FULL_SCALE = 32767


def silence(seconds):
    return [0.0] * int(round(seconds * RATE))


def mix(into, sound, at_seconds):
    """Adds `sound` into `into` starting at `at_seconds` (grows `into` if needed)."""
    start = int(round(at_seconds * RATE))
    end = start + len(sound)
    if end > len(into):
        into.extend([0.0] * (end - len(into)))
    for i, value in enumerate(sound):
        into[start + i] += value


def tone(freq, seconds, partials=((1.0, 1.0),), attack=0.005, decay=None, sustain_end=1.0):
    """A tone of `partials` (frequency ratio, amplitude) under an attack/decay envelope.

    `decay` is the time constant of an exponential decay (a struck, bell-like note); without
    it the note holds and only the final fade (applied by finish()) ends it. `sustain_end`
    lets a held note fall linearly to that level over its length.
    """
    n = int(round(seconds * RATE))
    attack_n = max(1, int(round(attack * RATE)))
    out = []
    for i in range(n):
        t = i / RATE
        value = 0.0
        for ratio, amp in partials:
            value += amp * math.sin(2.0 * math.pi * freq * ratio * t)
        if i < attack_n:
            # Half-cosine attack: starts at zero slope, no click.
            env = 0.5 - 0.5 * math.cos(math.pi * i / attack_n)
        else:
            env = 1.0
        if decay is not None:
            env *= math.exp(-t / decay)
        env *= 1.0 + (sustain_end - 1.0) * (i / n)
        out.append(value * env)
    return out


def sweep(f_start, f_end, seconds, partials=((1.0, 1.0),), attack=0.01):
    """An exponential frequency glide (phase accumulated, so the glide is smooth)."""
    n = int(round(seconds * RATE))
    attack_n = max(1, int(round(attack * RATE)))
    phase = 0.0
    out = []
    for i in range(n):
        frac = i / n
        freq = f_start * (f_end / f_start) ** frac
        phase += 2.0 * math.pi * freq / RATE
        value = 0.0
        for ratio, amp in partials:
            value += amp * math.sin(phase * ratio)
        env = 0.5 - 0.5 * math.cos(math.pi * i / attack_n) if i < attack_n else 1.0
        out.append(value * env)
    return out


def fade_out(samples, fade):
    """Raised-cosine fade over the last `fade` seconds, in place: the sound ends at zero."""
    n = len(samples)
    fade_n = min(n, int(round(fade * RATE)))
    for k in range(fade_n):
        samples[n - fade_n + k] *= 0.5 + 0.5 * math.cos(math.pi * (k + 1) / fade_n)
    return samples


def finish(samples, seconds, fade):
    """Cuts to `seconds`, fades out, then normalises the peak to PEAK_DBFS."""
    samples = fade_out(samples[:int(round(seconds * RATE))], fade)
    peak = max(abs(v) for v in samples)
    gain = (10.0 ** (PEAK_DBFS / 20.0)) / peak if peak > 0 else 0.0
    return [v * gain for v in samples]


def note(midi):
    return 440.0 * 2.0 ** ((midi - 69) / 12.0)


# Warm, slightly bright partials for chimes; inharmonic ones (a free bar's modes, roughly
# 1 : 2.76 : 5.40) for the glassy FROZEN notes.
CHIME = ((1.0, 1.0), (2.0, 0.35), (3.0, 0.12), (4.0, 0.05))
GLASS = ((1.0, 1.0), (2.756, 0.45), (5.404, 0.18))
SOFT = ((1.0, 1.0), (2.0, 0.15))


def arpeggio(midis, step, seconds, partials, attack, decay, fade):
    """Struck notes `step` seconds apart, each ringing under the next."""
    out = silence(seconds)
    for k, midi in enumerate(midis):
        mix(out, tone(note(midi), seconds - step * k, partials, attack=attack, decay=decay), step * k)
    return finish(out, seconds, fade)


def updated():
    """A rising major chime: C5 E5 G5 C6."""
    return arpeggio((72, 76, 79, 84), 0.11, 1.0, CHIME, attack=0.004, decay=0.28, fade=0.08)


def up_to_date():
    """A soft single blip: A5 with a touch of octave, short and round."""
    out = tone(note(81), 0.3, SOFT, attack=0.012, decay=0.07)
    return finish(out, 0.3, fade=0.05)


def defended():
    """A firm two-tone 'shield' chord: a low fifth (D3 + A3) struck twice, the second held."""
    chord = ((1.0, 1.0), (1.5, 0.8), (2.0, 0.3), (3.0, 0.25), (4.0, 0.08))
    out = silence(0.8)
    mix(out, tone(note(50), 0.18, chord, attack=0.006, decay=0.09), 0.0)
    mix(out, tone(note(50), 0.62, chord, attack=0.006, decay=0.35), 0.17)
    return finish(out, 0.8, fade=0.1)


def replay():
    """A quick rewind: three fast downward glides, each lower, with a tape-like flutter."""
    out = silence(0.65)
    for k in range(3):
        start = 1400.0 / (1.35 ** k)
        glide = sweep(start, start / 3.0, 0.16, SOFT, attack=0.008)
        # Fast amplitude flutter (like tape spooling back) and a fade to the glide's end.
        m = len(glide)
        glide = [v * (0.75 + 0.25 * math.sin(2.0 * math.pi * 38.0 * i / RATE)) * (1.0 - i / m)
                 for i, v in enumerate(glide)]
        mix(out, glide, 0.19 * k)
    return finish(out, 0.65, fade=0.04)


def frozen():
    """A glassy descending arpeggio: E7 B6 G6 E6 with bar-like inharmonic partials."""
    return arpeggio((100, 95, 91, 88), 0.13, 1.1, GLASS, attack=0.002, decay=0.22, fade=0.12)


def compromised():
    """An alarm pulse, not harsh: four rounded pulses alternating two tones a fourth apart.

    The tone is a band-limited, soft square (odd harmonics falling fast), so it reads as an
    alarm without the buzz of a real square wave.
    """
    alarm = ((1.0, 1.0), (3.0, 0.22), (5.0, 0.06))
    out = silence(1.0)
    for k in range(4):
        freq = note(76) if k % 2 == 0 else note(81)
        pulse = tone(freq, 0.2, alarm, attack=0.015, sustain_end=0.55)
        mix(out, fade_out(pulse, 0.03), 0.25 * k)
    return finish(out, 1.0, fade=0.05)


SOUNDS = {
    "updated.wav": updated,
    "uptodate.wav": up_to_date,
    "defended.wav": defended,
    "replay.wav": replay,
    "frozen.wav": frozen,
    "compromised.wav": compromised,
}


def write_wav(path, samples):
    frames = b"".join(struct.pack("<h", max(-FULL_SCALE, min(FULL_SCALE, int(round(v * FULL_SCALE)))))
                      for v in samples)
    with wave.open(path, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


def main():
    default_out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "sounds")
    parser = argparse.ArgumentParser(description="Synthesise the verdict sounds as WAV files.")
    parser.add_argument("--out", default=default_out, help="output directory (default: resources/sounds)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name, make in SOUNDS.items():
        path = os.path.join(args.out, name)
        write_wav(path, make())
        print(os.path.normpath(path))


if __name__ == "__main__":
    main()
