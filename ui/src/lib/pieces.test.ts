// A message split around its inputs: the words stay the message's, each input comes back with its
// value and name, and a count marked this way still picks its plural.
import { expect, it } from 'vitest';

import { pieces } from './pieces';

it('splits a message around its inputs, in the order the message puts them', () => {
  const said = pieces((x) => `${x.reader} read what ${x.chair} wrote.`, { chair: 'Robin', reader: 'Casey' });
  expect(said).toEqual([
    { text: 'Casey', input: 'reader' },
    { text: ' read what ', input: null },
    { text: 'Robin', input: 'chair' },
    { text: ' wrote.', input: null },
  ]);
});

it('lets a count choose its plural while marking its place', () => {
  const items = (x: { count: NonNullable<unknown> }) =>
    `${x.count} item${new Intl.PluralRules('en').select(Number(x.count)) === 'one' ? '' : 's'}`;
  expect(pieces(items, { count: 1 }).map((p) => p.text)).toEqual(['1', ' item']);
  expect(pieces(items, { count: 3 }).map((p) => p.text)).toEqual(['3', ' items']);
});
