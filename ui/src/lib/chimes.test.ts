// @vitest-environment node
import { describe, expect, it } from 'vitest';

import { chimeFile, render, wav } from './chimes';

/** The parts of a WAV file a player reads, and its samples. */
function read(bytes: Uint8Array) {
  const v = new DataView(bytes.buffer);
  const text = (at: number) => String.fromCharCode(...bytes.slice(at, at + 4));
  const samples = Array.from({ length: v.getUint32(40, true) / 2 }, (_, i) => v.getInt16(44 + i * 2, true));
  return {
    riff: text(0),
    wave: text(8),
    riffSize: v.getUint32(4, true),
    format: v.getUint16(20, true),
    channels: v.getUint16(22, true),
    rate: v.getUint32(24, true),
    bits: v.getUint16(34, true),
    samples,
  };
}

const fileOf = async (cue: 'wrapUp' | 'overtime') => read(new Uint8Array(await chimeFile(cue)!.arrayBuffer()));
/** The loudest sample between `from` and `to` seconds. */
const loudest = (samples: number[], from: number, to: number) =>
  Math.max(...samples.slice(from * 22050, to * 22050).map(Math.abs));

describe('the chimes, made when first played', () => {
  it('the wrap-up chime is a 1.6 s WAV file any webview plays: 16-bit mono PCM at 22,050 Hz', async () => {
    const f = await fileOf('wrapUp');
    expect([f.riff, f.wave, f.format, f.channels, f.rate, f.bits]).toEqual(['RIFF', 'WAVE', 1, 1, 22050, 16]);
    expect(f.riffSize).toBe(36 + f.samples.length * 2);
    expect(f.samples.length / 22050).toBeCloseTo(1.6, 3);
    expect((await chimeFile('wrapUp'))!.type).toBe('audio/wav');
  });

  it('rings at half of full scale at most, a chime and not an alarm, and fades out', async () => {
    for (const cue of ['wrapUp', 'overtime'] as const) {
      const { samples } = await fileOf(cue);
      expect(loudest(samples, 0, 3)).toBeGreaterThan(16000);
      expect(loudest(samples, 0, 3)).toBeLessThanOrEqual(16384);
      expect(loudest(samples, samples.length / 22050 - 0.1, 3)).toBeLessThan(2000);
    }
  });

  it('the time chime is 2.2 s and its second, lower bell strikes at 0.45 s', async () => {
    const { samples } = await fileOf('overtime');
    expect(samples.length / 22050).toBeCloseTo(2.2, 3);
    // Just before the second bell the first has faded; just after, the sound swells again.
    expect(loudest(samples, 0.44, 0.45)).toBeLessThan(loudest(samples, 0.46, 0.47));
  });

  it('a cue with no chime has no file', () => {
    expect(chimeFile('calm')).toBeNull();
  });

  it('writes the samples after the header as they are, little-endian', () => {
    const f = read(wav(Int16Array.from([0, 1, -1, 32767, -32768])));
    expect(f.samples).toEqual([0, 1, -1, 32767, -32768]);
    expect(f.riffSize).toBe(36 + 10);
  });

  it('a bell starts softly rather than with a click', () => {
    const samples = render([{ freq: 440, at: 0, volume: 1 }], 0.5);
    expect(Math.abs(samples[1])).toBeLessThan(200);
  });
});
