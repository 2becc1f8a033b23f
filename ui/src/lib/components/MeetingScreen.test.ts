// The attendance screen against a mocked core: what the chair presses reaches core as the
// right intent, and whatever core answers is drawn as it is, as text.
import { emit } from '@tauri-apps/api/event';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';

import { EVENT } from '../bindings/events';
import type { MeetingView } from '../bindings/MeetingView';
import { backend, checkedIn, MARKUP, meetingView, noRound, READS, tick } from '../testing';
import { LiveMeeting } from '../state/meeting.svelte';
import MeetingScreen from './MeetingScreen.svelte';

function mount(view: MeetingView) {
  const meeting = new LiveMeeting();
  meeting.show(view);
  const r = render(MeetingScreen, { props: { meeting } });
  return { ...r, current: () => meeting.view! };
}

describe('checking people in', () => {
  it('checks in the best match for what the chair typed when Enter is pressed', async () => {
    const view = meetingView();
    const calls = backend(({ args }) => checkedIn(view, args.personId as string));
    const m = mount(view);

    const filter = screen.getByRole('combobox', { name: /type a name/i });
    await fireEvent.input(filter, { target: { value: 'al' } });
    await fireEvent.keyDown(filter, { key: 'Enter' });
    await tick();

    expect(calls).toEqual([{ cmd: 'check_in', args: { meetingId: 'm1', personId: 'p-alex' } }]);
    expect(m.current().counts.headcount).toBe(1);
  });

  it('adds what was typed as a walk-in when nobody on the roster matches', async () => {
    const calls = backend(() => meetingView());
    mount(meetingView());
    const filter = screen.getByRole('combobox', { name: /type a name/i });
    await fireEvent.input(filter, { target: { value: 'Jo' } });
    await fireEvent.keyDown(filter, { key: 'Enter' });
    await tick();
    expect(calls).toEqual([
      { cmd: 'add_walk_in', args: { meetingId: 'm1', input: { displayName: 'Jo', lastInitial: '' } } },
    ]);
  });

  it('counts an anonymous walk-in from Alt+W', async () => {
    const calls = backend(() => meetingView());
    mount(meetingView());
    await fireEvent.keyDown(window, { key: 'w', code: 'KeyW', altKey: true });
    await tick();
    expect(calls.map((c) => c.cmd)).toEqual(['add_walk_in']);
    expect(calls[0].args.input).toEqual({ displayName: '', lastInitial: '' });
  });
});

describe('what the screen shows', () => {
  it('shows a name that looks like markup as plain characters', () => {
    const view = checkedIn(meetingView(), 'p-markup');
    backend(() => view);
    const { container } = mount(view);
    expect(container.querySelectorAll('img')).toHaveLength(0);
    expect(screen.getAllByText(MARKUP).length).toBeGreaterThan(0);
  });

  it('shows core refusal in plain words and offers the existing person for a duplicate', async () => {
    const view = meetingView();
    const calls = backend(({ cmd, args }) => {
      if (cmd === 'add_walk_in') {
        throw { kind: 'duplicate_person', message: "“Sam K.” is already on this group's roster.", existingId: 'p-sam' };
      }
      return checkedIn(view, args.personId as string);
    });
    mount(view);
    const filter = screen.getByRole('combobox', { name: /type a name/i });
    await fireEvent.input(filter, { target: { value: 'Sammy' } });
    await fireEvent.keyDown(filter, { key: 'Enter' });
    await tick();

    expect(screen.getByRole('alert').textContent).toContain("“Sam K.” is already on this group's roster.");
    await fireEvent.click(screen.getByRole('button', { name: 'Check in that person' }));
    await tick();
    expect(calls.at(-1)).toEqual({ cmd: 'check_in', args: { meetingId: 'm1', personId: 'p-sam' } });
    expect((filter as HTMLInputElement).value).toBe('');
  });

  it('disables changes on a closed meeting and offers to reopen it', async () => {
    const closed = meetingView({ meeting: { ...meetingView().meeting, status: 'closed', closedAt: 1 } });
    const calls = backend(() => meetingView());
    mount(closed);
    expect((screen.getByRole('combobox', { name: /type a name/i }) as HTMLInputElement).disabled).toBe(true);
    await fireEvent.keyDown(window, { key: 'r', code: 'KeyR', altKey: true });
    await tick();
    expect(calls).toEqual([{ cmd: 'reopen_meeting', args: { meetingId: 'm1' } }]);
  });
});

describe('the speaking order beside attendance', () => {
  it('is read once, and follows round-changed rather than each check-in', async () => {
    let reads = 0;
    const view = meetingView();
    backend(({ args }) => checkedIn(view, args.personId as string), {
      ...READS,
      get sharing() {
        reads += 1;
        return noRound();
      },
    });
    mount(view);
    await tick();
    const filter = screen.getByRole('combobox', { name: /type a name/i });
    await fireEvent.input(filter, { target: { value: 'al' } });
    await fireEvent.keyDown(filter, { key: 'Enter' });
    await tick();
    expect(reads).toBe(1);

    // The shell sends the new order itself when someone arrives.
    await emit(EVENT.roundChanged, {
      ...noRound(),
      seating: [{ personId: 'p-alex', name: 'Alex', newcomer: true, hasShared: false }],
    });
    await tick();
    expect(document.getElementById('seating')?.textContent).toContain('Alex');
    expect(reads).toBe(1);
  });
});

describe('a counts-only meeting', () => {
  it('shows no names and counts from the keyboard', async () => {
    const view = meetingView({ meeting: { ...meetingView().meeting, mode: 'headcount' }, roster: [] });
    const calls = backend(() => view);
    mount(view);
    expect(screen.queryByRole('combobox', { name: /type a name/i })).toBeNull();
    await fireEvent.keyDown(window, { key: 'm', code: 'KeyM', altKey: true });
    await fireEvent.keyDown(window, { key: 'V', code: 'KeyV', altKey: true, shiftKey: true });
    await tick();
    expect(calls.map((c) => c.args)).toEqual([
      { meetingId: 'm1', kind: 'members', delta: 1 },
      { meetingId: 'm1', kind: 'visitors', delta: -1 },
    ]);
  });
});

describe('after the laptop stopped', () => {
  it('types the paper tally back in as one intent, and draws what core answers', async () => {
    const calls = backend(() => meetingView({ counts: { headcount: 12, newcomers: 2, returning: 9, visitors: 1 } }));
    const m = mount(meetingView());
    await fireEvent.click(screen.getByRole('button', { name: 'Type in the tally' }));
    await fireEvent.input(screen.getByLabelText('Members'), { target: { value: '9' } });
    await fireEvent.input(screen.getByLabelText('Newcomers'), { target: { value: '2' } });
    await fireEvent.input(screen.getByLabelText('Visitors'), { target: { value: '1' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save the tally' }));
    await tick();
    expect(calls.filter((c) => c.cmd === 'enter_tally')).toEqual([
      { cmd: 'enter_tally', args: { meetingId: 'm1', tally: { members: 9, newcomers: 2, visitors: 1 } } },
    ]);
    expect(m.current().counts.headcount).toBe(12);
    expect(screen.queryByRole('button', { name: 'Save the tally' })).toBeNull();
  });
});
