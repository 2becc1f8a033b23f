// The group's milestones card as the chair works it: the points to tick, their words and which
// are ticked all come from core, and what the chair ticks goes back to core as it is.
import { fireEvent, render } from '@testing-library/svelte';
import { expect, it } from 'vitest';

import type { MilestoneChoices } from '../bindings/MilestoneChoices';
import type { Point } from '../bindings/Point';
import type { PointChoice } from '../bindings/PointChoice';
import type { StockLine } from '../bindings/StockLine';
import { backend, meetingView, READS, tick } from '../testing';
import MilestonesCard from './MilestonesCard.svelte';

const box = (point: Point, label: string, chosen: boolean): PointChoice => ({
  point,
  label,
  chosen,
  byEveryYear: point.unit === 'years',
});

/** A group that celebrates 24 hours, 90 days, every year, and a week of its own. */
const list: MilestoneChoices = {
  everyYear: true,
  choices: [
    box({ unit: 'days', count: 1 }, '24 hours', true),
    box({ unit: 'days', count: 90 }, '90 days', true),
    box({ unit: 'months', count: 6 }, '6 months', false),
    box({ unit: 'years', count: 1 }, '1 year', true),
    box({ unit: 'years', count: 2 }, '2 years', true),
    box({ unit: 'days', count: 7 }, '7 days', true),
  ],
};

const stock: StockLine[] = [{ point: { unit: 'days', count: 1 }, label: '24 hours', count: 12 }];

const boxes = () =>
  [...document.querySelectorAll<HTMLLabelElement>('label.choice')].map((l) => {
    const input = l.querySelector('input')!;
    return [l.textContent!.trim(), input.checked, input.disabled];
  });

function milestonesBackend(answer: (cmd: string) => unknown) {
  const calls = backend(({ cmd }) => answer(cmd), { ...READS, milestone_points: list, group_stock: stock });
  render(MilestonesCard, { props: { group: meetingView().group, people: [], onChanged: () => {} } });
  return calls;
}

it('draws the points in core’s words, the whole years ticked and locked while every year counts', async () => {
  milestonesBackend(() => null);
  await tick();

  expect(boxes()).toEqual([
    ['24 hours', true, false],
    ['90 days', true, false],
    ['6 months', false, false],
    ['1 year', true, true],
    ['2 years', true, true],
    ['7 days', true, false],
    ['Every year after the first', true, false],
  ]);
  const options = [...document.querySelectorAll<HTMLOptionElement>('#stock-point option')];
  expect(options.map((o) => o.textContent)).toEqual(['24 hours', '90 days', '6 months', '1 year', '2 years', '7 days']);
  expect(document.querySelector('#milestones-title ~ ul.plain:last-child')!.textContent).toContain('24 hours: 12');
});

it('sends what the chair ticked and draws the list core kept', async () => {
  const kept: MilestoneChoices = {
    everyYear: false,
    choices: list.choices.map((c) => ({ ...c, chosen: c.label === '6 months' || c.label === '2 years' })),
  };
  const calls = milestonesBackend((cmd) => (cmd === 'set_milestone_points' ? kept : null));
  await tick();

  const check = (label: string) =>
    fireEvent.click(
      [...document.querySelectorAll('label.choice')]
        .find((l) => l.textContent!.includes(label))!
        .querySelector('input')!,
    );
  await check('Every year after the first');
  expect(boxes()[3]).toEqual(['1 year', true, false]);
  for (const label of ['24 hours', '90 days', '6 months', '1 year', '7 days']) await check(label);
  await fireEvent.submit(document.querySelector('label.choice')!.closest('form')!);
  await tick();

  expect(calls).toEqual([
    {
      cmd: 'set_milestone_points',
      args: {
        groupId: 'g1',
        list: {
          points: [
            { unit: 'months', count: 6 },
            { unit: 'years', count: 2 },
          ],
          everyYear: false,
        },
      },
    },
  ]);
  expect(boxes().filter(([, checked]) => checked)).toEqual([
    ['6 months', true, false],
    ['2 years', true, false],
  ]);
});

it('counts keytags for a point chosen by its label and draws core’s lines', async () => {
  const counted: StockLine[] = [...stock, { point: { unit: 'years', count: 1 }, label: '1 year', count: 4 }];
  const calls = milestonesBackend((cmd) => (cmd === 'set_stock' ? counted : null));
  await tick();

  const select = document.getElementById('stock-point') as HTMLSelectElement;
  select.value = '3';
  await fireEvent.change(select);
  const count = document.getElementById('stock-count') as HTMLInputElement;
  count.value = '4';
  await fireEvent.input(count);
  await fireEvent.submit(select.closest('form')!);
  await tick();

  expect(calls).toEqual([
    { cmd: 'set_stock', args: { groupId: 'g1', count: { point: { unit: 'years', count: 1 }, count: 4 } } },
  ]);
  const lines = [...document.querySelectorAll('#milestones-title ~ ul.plain:last-child li')].map(
    (li) => li.textContent,
  );
  expect(lines).toEqual(['24 hours: 12', '1 year: 4']);
});
