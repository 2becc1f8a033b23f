// Attendance slips at a meeting, as the chair works them: the count comes from core, "Issue a
// slip" asks core for one and shows it as a printout, and a group that turned slips off has no button.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { expect, it } from 'vitest';

import type { Slip } from '../bindings/Slip';
import { fullDate } from '../format';
import { backend, group, MARKUP, meetingView, tick } from '../testing';
import SlipFace from './SlipFace.svelte';
import SlipsCard from './SlipsCard.svelte';

const slip: Slip = { serial: '2026-0143-K7', groupName: MARKUP, date: '2026-11-17', starts: '19:30', ends: '20:30' };

it('issues a slip at the meeting and shows it ready to print', async () => {
  const calls = backend(() => slip);
  const { container } = render(SlipsCard, { props: { view: meetingView({ slipsIssued: 2 }) } });
  expect(document.getElementById('slips-issued')!.textContent).toContain('2 slips issued');

  await fireEvent.click(screen.getByRole('button', { name: 'Issue a slip' }));
  await tick();

  expect(calls).toEqual([{ cmd: 'issue_slip', args: { meetingId: 'm1' } }]);
  const printed = screen.getByRole('article', { name: 'Attendance slip' });
  for (const words of [
    MARKUP,
    fullDate('2026-11-17'),
    '19:30–20:30',
    '2026-0143-K7',
    'Name (written by the attendee)',
  ]) {
    expect(printed.textContent).toContain(words);
  }
  expect(printed.textContent).toContain("Chair's initials");
  expect(container.querySelector('img')).toBeNull();
  expect(document.getElementById('printout-title')!.textContent).toBe('Attendance slip 2026-0143-K7');
  expect(document.activeElement?.id).toBe('printout-title');

  await fireEvent.keyDown(window, { key: 'Escape' });
  expect(screen.queryByRole('article', { name: 'Attendance slip' })).toBeNull();
});

it('says one slip, or none, in words', () => {
  backend(() => null);
  const { unmount } = render(SlipsCard, { props: { view: meetingView({ slipsIssued: 1 }) } });
  expect(document.getElementById('slips-issued')!.textContent).toContain('1 slip issued');
  unmount();
  render(SlipsCard, { props: { view: meetingView() } });
  expect(document.getElementById('slips-issued')!.textContent).toContain('No slips issued');
});

it('has no button when the group turned slips off', () => {
  backend(() => null);
  render(SlipsCard, { props: { view: meetingView({ group: group({ slips: false }), slipsIssued: 3 }) } });
  expect(screen.queryByRole('button', { name: 'Issue a slip' })).toBeNull();
  expect(screen.getByText(/turned attendance slips off/)).toBeTruthy();
  expect(document.getElementById('slips-issued')!.textContent).toContain('3 slips issued');
});

it("shows core's refusal in its words and prints nothing", async () => {
  backend(() => {
    throw { kind: 'conflict', message: 'Slips are issued at the meeting, and this one closed more than an hour ago.' };
  });
  render(SlipsCard, { props: { view: meetingView() } });
  await fireEvent.click(screen.getByRole('button', { name: 'Issue a slip' }));
  await tick();
  expect(screen.getByRole('alert').textContent).toContain('closed more than an hour ago');
  expect(screen.queryByRole('article', { name: 'Attendance slip' })).toBeNull();
});

it('prints a blank slip, for a sheet of them, with lines to write the date, hours and serial on', () => {
  render(SlipFace, {
    props: { slip: { groupName: 'Tuesday Night Hope', date: null, starts: null, ends: null, serial: null } },
  });
  const printed = screen.getByRole('article', { name: 'Attendance slip' });
  expect(printed.textContent).toContain('Tuesday Night Hope');
  expect(printed.textContent).not.toMatch(/null|undefined|–/);
  expect(printed.querySelectorAll('dd.blank')).toHaveLength(3);
});
