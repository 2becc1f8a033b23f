// The handover as two chairs meet it: the report the first one writes, the page the next one
// reads, and the lock that keeps both away from a passer-by. Core is faked; every change is an intent.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { expect, it } from 'vitest';

import type { Handover } from '../bindings/Handover';
import { actionItem, backend, backupInfo, chairReport, MARKUP, READS, storeStatus, tick } from '../testing';
import HandoverPage from './HandoverPage.svelte';
import LockScreen from './LockScreen.svelte';
import ReportPanel from './ReportPanel.svelte';

const input = (id: string) => document.getElementById(id) as HTMLInputElement;

it('the report reminds the chair not to record shares, and saves notes and a counted collection', async () => {
  const calls = backend((c) =>
    chairReport({ notes: String(c.args.input && (c.args.input as { notes: string }).notes) }),
  );
  render(ReportPanel, { props: { meetingId: 'm1', version: 1 } });
  await tick();
  expect(screen.getByRole('note').textContent).toContain('Do not record what anyone shared');

  await fireEvent.input(input('report-notes'), { target: { value: 'Key is with the caretaker.' } });
  await fireEvent.input(input('report-collection'), { target: { value: '42,50' } });
  await fireEvent.input(input('report-counter-1'), { target: { value: 'Sam' } });
  await fireEvent.input(input('report-counter-2'), { target: { value: 'J' } });
  await fireEvent.click(document.getElementById('save-report')!);
  await tick();
  expect(calls.at(-1)).toEqual({
    cmd: 'save_report',
    args: {
      meetingId: 'm1',
      input: { notes: 'Key is with the caretaker.', collectionCents: 4250, countedBy: ['Sam', 'J'] },
    },
  });
});

it('a mistyped amount is explained and nothing is sent', async () => {
  const calls = backend(() => chairReport());
  render(ReportPanel, { props: { meetingId: 'm1', version: 1 } });
  await tick();
  await fireEvent.input(input('report-collection'), { target: { value: 'forty' } });
  await fireEvent.click(document.getElementById('save-report')!);
  await tick();
  expect(screen.getByRole('alert').textContent).toContain('like 42.50');
  expect(calls).toEqual([]);
});

it('the next chair reads notes and items as text, closes one and acknowledges', async () => {
  const handover: Handover = {
    groupId: 'g1',
    lastReport: chairReport({ closed: true, headcount: 12, notes: `${MARKUP}\n- Buy keytags`, items: [] }),
    openItems: [actionItem(MARKUP), actionItem('Buy 30-day keytags')],
    acknowledged: null,
    nextChair: { date: '2026-11-24', chair: 'Casey' },
  };
  const calls = backend(
    (c) =>
      c.cmd === 'acknowledge_handover'
        ? { ...handover, acknowledged: { meetingId: 'm1', name: 'Casey', at: 0 } }
        : { ...handover, openItems: [handover.openItems[0]] },
    { ...READS, handover },
  );
  const { container } = render(HandoverPage, {
    props: { groupId: 'g1', groupName: 'Tuesday Night Hope', onContinue: () => {} },
  });
  await tick();
  expect(container.querySelector('img')).toBeNull();
  expect(document.getElementById('handover-notes')!.textContent).toContain(MARKUP);
  expect(document.querySelector('#handover-notes li')!.textContent).toBe('Buy keytags');
  expect(input('ack-name').value).toBe('Casey');

  await fireEvent.click(screen.getByLabelText('Done: Buy 30-day keytags'));
  await tick();
  expect(calls.at(-1)).toEqual({ cmd: 'close_action_item', args: { id: 'i-18', status: 'done', by: 'Casey' } });
  await fireEvent.click(document.getElementById('acknowledge')!);
  await tick();
  expect(document.getElementById('acknowledged')!.textContent).toContain('Read by Casey');
});

it('the lock screen shows a wrong passphrase in plain words and stays locked', async () => {
  backend(() => {
    throw { kind: 'wrong_passphrase', message: 'That passphrase does not open this data file.' };
  });
  let unlocked = false;
  render(LockScreen, { props: { onUnlocked: () => (unlocked = true), onRestored: () => {} } });
  await fireEvent.input(input('unlock-pass'), { target: { value: 'not it at all' } });
  await fireEvent.click(document.getElementById('unlock')!);
  await tick();
  await tick();
  expect(screen.getByRole('alert').textContent).toContain('does not open');
  expect(unlocked).toBe(false);
  expect(input('unlock-pass').value).toBe('');
});

it('a chair sure of the passphrase is offered the newest backup it opens, and restores it', async () => {
  const found = backupInfo({ protected: true, meetings: 12 });
  const calls = backend(({ cmd }) => {
    if (cmd === 'unlock') throw { kind: 'wrong_passphrase', message: 'That passphrase does not open this data file.' };
    if (cmd === 'backup_offer') return found;
    if (cmd === 'restore_backup') return storeStatus({ protected: true });
    throw { kind: 'internal', message: `unexpected ${cmd}` };
  });
  let restored = false;
  render(LockScreen, { props: { onUnlocked: () => {}, onRestored: () => (restored = true) } });
  expect(document.getElementById('look-for-backup')).toBeNull();
  await fireEvent.input(input('unlock-pass'), { target: { value: 'blue kettle on the stove' } });
  await fireEvent.click(document.getElementById('unlock')!);
  await tick();
  await fireEvent.click(document.getElementById('look-for-backup')!);
  await tick();
  expect(document.getElementById('offer-found')!.textContent).toContain('1 group, 12 meetings');
  await fireEvent.click(document.getElementById('restore-offer')!);
  await tick();
  expect(calls.map((c) => c.cmd)).toEqual(['unlock', 'backup_offer', 'restore_backup']);
  expect(calls[1].args).toEqual({ passphrase: 'blue kettle on the stove' });
  expect(calls[2].args).toEqual({ file: found.file, passphrase: 'blue kettle on the stove' });
  expect(restored).toBe(true);
});
