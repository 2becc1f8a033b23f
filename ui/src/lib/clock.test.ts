import { describe, expect, it } from 'vitest';

import { formatClock, formatDuration, liveRemaining, parseLength } from './clock';

describe('the digits', () => {
  it('shows a second until it has fully gone, reaching 0:00 exactly at the end', () => {
    expect(formatClock(240_000)).toBe('4:00');
    expect(formatClock(239_001)).toBe('4:00');
    expect(formatClock(239_000)).toBe('3:59');
    expect(formatClock(1)).toBe('0:01');
    expect(formatClock(0)).toBe('0:00');
  });
  it('counts overtime upward with a plus', () => {
    expect(formatClock(-999)).toBe('0:00');
    expect(formatClock(-1000)).toBe('+0:01');
    expect(formatClock(-61_000)).toBe('+1:01');
  });
  it('counts on from the last snapshot, and stands still while paused', () => {
    expect(liveRemaining(10_000, false, 250)).toBe(9_750);
    expect(liveRemaining(10_000, true, 250)).toBe(10_000);
    expect(liveRemaining(10_000, false, -5)).toBe(10_000);
  });
  it('reads a length typed as minutes and seconds', () => {
    expect(parseLength('4:30')).toBe(270_000);
    expect(parseLength(' 3 ')).toBe(180_000);
    expect(parseLength('4:75')).toBeNull();
    expect(parseLength('four')).toBeNull();
  });
});

describe('spans of time in words', () => {
  it('reads minutes and seconds under an hour, hours and minutes from an hour on', () => {
    expect(formatDuration(252_000)).toBe('4:12');
    expect(formatDuration(-252_000)).toBe('4:12');
    expect(formatDuration(3_900_000)).toBe('1 h 05 min');
  });
});
