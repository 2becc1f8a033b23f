import { describe, expect, it } from 'vitest';

import { useLanguage } from '../i18n.svelte';
import { milestoneName } from '../format';
import { fileName, pageRule, paperFor, startTimes } from './paper';

describe('the paper a printout is laid out on', () => {
  it('is Letter for a chair in the United States or Mexico, A4 in Ireland or Spain', () => {
    expect(paperFor('en-US')).toBe('letter');
    expect(paperFor('es-MX')).toBe('letter');
    expect(paperFor('en-IE')).toBe('a4');
    expect(paperFor('es')).toBe('a4');
    expect(paperFor('')).toBe('a4');
  });

  it('gives the print style its page size', () => {
    expect(pageRule('a4')).toContain('size: A4');
    expect(pageRule('letter')).toContain('size: letter');
  });

  it('names a file after the printout, without characters a file system refuses', () => {
    expect(fileName('Tuesday Night Hope: quarterly report', '2026-11-30', 'pdf')).toBe(
      'Tuesday Night Hope quarterly report 2026-11-30.pdf',
    );
    expect(fileName('a/b\\c', '2026-11-30', 'csv')).toBe('a b c 2026-11-30.csv');
    expect(fileName('???', '2026-11-30', 'pdf')).toBe('Circlekeeper 2026-11-30.pdf');
    expect(fileName('x'.repeat(10_000), '2026-11-30', 'pdf').length).toBeLessThan(100);
  });
});

describe('the meeting card’s clock times', () => {
  it('starts each part where the one before ends, past midnight too', () => {
    expect(startTimes('19:30', [5, 10, 45])).toEqual(['19:30', '19:35', '19:45']);
    expect(startTimes('23:50', [15, 5])).toEqual(['23:50', '00:05']);
    expect(startTimes('19:30', [])).toEqual([]);
  });
});

describe('a milestone on paper', () => {
  it('reads as core labels it in English, and in Spanish with its plural', () => {
    const points = [
      { unit: 'days', count: 1 },
      { unit: 'days', count: 30 },
      { unit: 'months', count: 1 },
      { unit: 'months', count: 18 },
      { unit: 'years', count: 1 },
      { unit: 'years', count: 2 },
    ] as const;
    expect(points.map(milestoneName)).toEqual(['24 hours', '30 days', '1 month', '18 months', '1 year', '2 years']);
    useLanguage('es');
    try {
      expect(points.map(milestoneName)).toEqual(['24 horas', '30 días', '1 mes', '18 meses', '1 año', '2 años']);
    } finally {
      useLanguage('en');
    }
  });
});
