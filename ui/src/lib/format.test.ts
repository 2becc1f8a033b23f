import { describe, expect, it } from 'vitest';

import { dateAndTime, fileSize, filterRoster, matchNames, personName } from './format';
import { MARKUP, meetingView } from './testing';

describe('finding a name on the roster', () => {
  const roster = meetingView().roster;
  const names = (typed: string) => filterRoster(roster, typed).map((r) => r.person.displayName);

  it('puts names that start with what was typed first', () => {
    expect(names('al')).toEqual(['Alex', MARKUP]);
  });
  it('matches the last initial and ignores case and spaces', () => {
    expect(names('  SAM k')).toEqual(['Sam']);
  });
  it('finds Zoë whichever way the ë was typed', () => {
    const people = ['Zoë', 'Zoe'];
    expect(matchNames(people, (n) => n, 'zoe\u0308')).toEqual(['Zoë']);
    expect(matchNames(['Zoe\u0308'], (n) => n, 'Zoë')).toEqual(['Zoe\u0308']);
  });
  it('shows everyone when nothing is typed', () => {
    expect(names('')).toHaveLength(3);
  });
  it('writes a last initial after the name', () => {
    expect(personName('Sam', 'K')).toBe('Sam K.');
    expect(personName('Sam', '')).toBe('Sam');
  });
});

describe('how a backup reads in the list', () => {
  it('gives sizes in the units a file manager shows', () => {
    expect(fileSize(0)).toBe('1 KB');
    expect(fileSize(812_300)).toBe('812 KB');
    expect(fileSize(38_240_000)).toBe('38.2 MB');
  });
  it('dates a backup with its day and time', () => {
    const shown = dateAndTime(new Date(2026, 10, 17, 19, 42).getTime());
    expect(shown).toMatch(/2026/);
    expect(shown).toMatch(/19:42|7:42/);
  });
});
