// The two chimes, synthesised when first played instead of shipped as sound files (they were
// 168 KB of WAV inside the binary): a soft single bell for "wrap up" and a gentle falling two-note
// bell for "time". Each is a 16-bit mono WAV, so every webview plays it as it played the files.
import type { TimerPhase } from './bindings/TimerPhase';

const RATE = 22050;

/** A bell's note: its pitch (Hz), when it starts (s) and how loud it is against the others. */
interface Note {
  freq: number;
  at: number;
  volume: number;
}

const CHIMES: Partial<Record<TimerPhase, { notes: Note[]; seconds: number }>> = {
  wrapUp: { notes: [{ freq: 659.25, at: 0, volume: 1 }], seconds: 1.6 },
  overtime: {
    notes: [
      { freq: 783.99, at: 0, volume: 1 },
      { freq: 523.25, at: 0.45, volume: 0.9 },
    ],
    seconds: 2.2,
  },
};

/** A few inharmonic partials (relative pitch, loudness), as a struck bell has. */
const PARTIALS = [
  [1, 1],
  [2.76, 0.35],
  [5.4, 0.12],
];

/** The samples of `notes` over `seconds`, each note with a soft attack and a long exponential
 *  decay, scaled so the loudest point is half of full scale: a chime, not an alarm. */
export function render(notes: Note[], seconds: number): Int16Array {
  const buf = new Float64Array(Math.trunc(seconds * RATE));
  for (const { freq, at, volume } of notes) {
    const start = Math.trunc(at * RATE);
    for (let i = 0; start + i < buf.length; i++) {
      const t = i / RATE;
      const envelope = Math.min(1, t / 0.01) * Math.exp(-t * 3.2);
      let v = 0;
      for (const [k, a] of PARTIALS) v += a * Math.sin(2 * Math.PI * freq * k * t);
      buf[start + i] += volume * envelope * v;
    }
  }
  const peak = buf.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  const scale = 0.5 / peak;
  return Int16Array.from(buf, (x) => Math.trunc(x * scale * 32767));
}

/** `samples` as a WAV file: the RIFF header, then 16-bit little-endian mono PCM. */
export function wav(samples: Int16Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const out = new DataView(bytes.buffer);
  const text = (at: number, s: string) => [...s].forEach((c, i) => out.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  out.setUint32(4, 36 + samples.length * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  out.setUint32(16, 16, true); // the format chunk's size
  out.setUint16(20, 1, true); // PCM
  out.setUint16(22, 1, true); // mono
  out.setUint32(24, RATE, true);
  out.setUint32(28, RATE * 2, true); // bytes a second
  out.setUint16(32, 2, true); // bytes a frame
  out.setUint16(34, 16, true); // bits a sample
  text(36, 'data');
  out.setUint32(40, samples.length * 2, true);
  samples.forEach((s, i) => out.setInt16(44 + i * 2, s, true));
  return bytes;
}

/** The chime for `cue` as a WAV file, or null when the cue has none. */
export function chimeFile(cue: TimerPhase): Blob | null {
  const chime = CHIMES[cue];
  return chime ? new Blob([wav(render(chime.notes, chime.seconds))], { type: 'audio/wav' }) : null;
}
