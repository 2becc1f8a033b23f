#!/usr/bin/env python3
"""Synthesises the two chimes Circlekeeper ships (no downloaded assets): a soft single bell for
"wrap up" and a gentle falling two-note bell for "time". Writes ui/public/sounds/*.wav."""
import math
import struct
import wave
from pathlib import Path

RATE = 22050
OUT = Path(__file__).resolve().parent.parent / "ui" / "public" / "sounds"


def bell(freq, start, length, volume):
    """A bell-like tone: a few inharmonic partials, soft attack, long exponential decay."""
    partials = [(1.0, 1.0), (2.76, 0.35), (5.4, 0.12)]
    samples = []
    for i in range(int(length * RATE)):
        t = i / RATE
        attack = min(1.0, t / 0.01)
        decay = math.exp(-t * 3.2)
        v = sum(a * math.sin(2 * math.pi * freq * k * t) for k, a in partials)
        samples.append((start + i, volume * attack * decay * v))
    return samples


def render(name, notes, seconds):
    buf = [0.0] * int(seconds * RATE)
    for freq, at, vol in notes:
        for i, v in bell(freq, int(at * RATE), seconds - at, vol):
            if i < len(buf):
                buf[i] += v
    peak = max(abs(x) for x in buf)
    scale = 0.5 / peak  # leave headroom: a chime, not an alarm
    OUT.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT / name), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(x * scale * 32767)) for x in buf))


render("wrap-up.wav", [(659.25, 0.0, 1.0)], 1.6)
render("time.wav", [(783.99, 0.0, 1.0), (523.25, 0.45, 0.9)], 2.2)
print("wrote", *sorted(p.name for p in OUT.glob("*.wav")))
