// The group page's slips: a verification says where and when the serial was issued, or that no
// slip has it, and every slip when two laptops gave one serial; the switch is an intent to core.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { expect, it, vi } from 'vitest';

import type { SlipLookup } from '../bindings/SlipLookup';
import { fullDate } from '../format';
import { backend, group, tick } from '../testing';
import SlipsGroupCard from './SlipsGroupCard.svelte';

const at = (date: string) => ({
  serial: '2026-0143-K7',
  groupName: 'Tuesday Night Hope',
  date,
  starts: '19:30',
  ends: '21:00',
});

async function verify(typed: string) {
  await fireEvent.input(document.getElementById('verify-serial')!, { target: { value: typed } });
  await fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
  await tick();
}

it('says where and when a serial was issued, or that no slip has it', async () => {
  let answer: SlipLookup = { serial: '2026-0143-K7', found: [at('2026-11-17')] };
  const calls = backend(() => answer);
  render(SlipsGroupCard, { props: { group: group(), onGroupChanged: () => {} } });

  await verify(' 2026-0143-k7 ');
  expect(calls).toEqual([{ cmd: 'verify_slip', args: { groupId: 'g1', serial: ' 2026-0143-k7 ' } }]);
  const result = () => document.getElementById('verify-result')!.textContent!.replace(/\s+/g, ' ');
  expect(result()).toContain(
    `Serial 2026-0143-K7 was issued at Tuesday Night Hope on ${fullDate('2026-11-17')}, 19:30–21:00.`,
  );

  answer = { serial: '2026-0999', found: [] };
  await verify('2026-0999');
  expect(result()).toContain('No slip with serial 2026-0999 was issued by Tuesday Night Hope.');

  answer = { serial: '2026-0143-K7', found: [at('2026-11-17'), at('2026-11-18')] };
  await verify('2026-0143-K7');
  expect(result()).toContain('2 slips carry this serial');
  expect(result()).toContain(fullDate('2026-11-17'));
  expect(result()).toContain(fullDate('2026-11-18'));
});

it("shows core's answer to what is not a serial, and no verdict", async () => {
  backend(() => {
    throw { kind: 'invalid', message: "That is not a slip's serial. A serial looks like 2026-0143-K7." };
  });
  render(SlipsGroupCard, { props: { group: group(), onGroupChanged: () => {} } });
  await verify('<b>hello</b>');
  expect(screen.getByRole('alert').textContent).toContain("That is not a slip's serial");
  expect(document.getElementById('verify-result')).toBeNull();
});

it('turns slips off through core and hands the group it answers back', async () => {
  const calls = backend(() => group({ slips: false }));
  const onGroupChanged = vi.fn();
  render(SlipsGroupCard, { props: { group: group(), onGroupChanged } });
  const box = document.getElementById('slips-on') as HTMLInputElement;
  expect(box.checked).toBe(true);
  await fireEvent.click(box);
  await tick();
  expect(calls).toEqual([{ cmd: 'set_slips', args: { groupId: 'g1', on: false } }]);
  expect(onGroupChanged).toHaveBeenCalledWith(group({ slips: false }));
});
