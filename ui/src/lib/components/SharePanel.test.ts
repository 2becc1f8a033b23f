// The share timer as the chair works it: intents reach core, Rust's clock is drawn, and the
// chimes sound when core reports a cue, at the chair's volume, unless muted.
import { emit } from '@tauri-apps/api/event';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { EVENT } from '../bindings/events';
import { backend, checkedIn, idleShares, meetingView, READS, samSharing, tick } from '../testing';
import SharePanel from './SharePanel.svelte';

const played: { src: string; volume: number }[] = [];

beforeEach(() => {
  played.length = 0;
  // jsdom plays no audio; record what would have played. Chimes are synthesised WAV files played
  // from blob: URLs (WebKitGTK cannot play from tauri://), so the blob URL names the chime by its
  // type and length here (16-bit mono at 22,050 Hz after a 44-byte header).
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    const file = b as Blob;
    return `blob:${file.type},${(file.size - 44) / 2 / 22050}s`;
  });
  vi.stubGlobal(
    'Audio',
    class {
      volume = 1;
      constructor(public src: string) {}
      play() {
        played.push({ src: this.src, volume: this.volume });
        return Promise.resolve();
      }
    },
  );
});

const present = () => checkedIn(meetingView(), 'p-sam');
const running = (spokenMs: number) => idleShares({ timer: samSharing(spokenMs) });

describe('starting and stopping a share', () => {
  it('starts the chosen person’s share from Alt+S and draws Rust’s clock', async () => {
    const calls = backend(() => running(0));
    render(SharePanel, { props: { view: present() } });
    await tick();
    await fireEvent.change(screen.getByLabelText('Next to share'), { target: { value: 'p-sam' } });
    await fireEvent.keyDown(window, { key: 's', code: 'KeyS', altKey: true });
    await tick();

    expect(calls).toEqual([
      {
        cmd: 'start_share',
        args: { input: { meetingId: 'm1', personId: 'p-sam', startedAgoMs: 0, replaceRunning: false } },
      },
    ]);
    expect(screen.getByRole('timer').textContent).toBe('4:00');
    expect(document.getElementById('speaker-now')?.textContent).toBe('Sam K.');
  });

  it('asks before stopping a running share to start the next, and does so when confirmed', async () => {
    let first = true;
    const calls = backend(() => {
      if (first) {
        first = false;
        throw {
          kind: 'share_running',
          message: "Alex's share is still running. Stop it first, or confirm to stop it and start the next.",
        };
      }
      return running(0);
    });
    render(SharePanel, { props: { view: present() } });
    await tick();
    await fireEvent.click(screen.getByRole('button', { name: /Start share/ }));
    await tick();
    expect(screen.getByRole('alert').textContent).toContain("Alex's share is still running.");

    await fireEvent.click(screen.getByRole('button', { name: 'Stop it and start the next' }));
    await tick();
    expect(calls.map((c) => (c.args.input as { replaceRunning: boolean }).replaceRunning)).toEqual([false, true]);
  });

  it('pauses, adds and takes away time on the running share from the keyboard', async () => {
    const calls = backend(() => running(1000), { ...READS, share_state: running(1000) });
    render(SharePanel, { props: { view: present() } });
    await tick();
    await fireEvent.keyDown(window, { key: 'p', code: 'KeyP', altKey: true });
    await fireEvent.keyDown(window, { key: 'ArrowUp', altKey: true });
    await fireEvent.keyDown(window, { key: 'ArrowDown', altKey: true });
    await fireEvent.keyDown(window, { key: 'b', code: 'KeyB', altKey: true });
    await fireEvent.keyDown(window, { key: 's', code: 'KeyS', altKey: true });
    await tick();
    expect(calls).toEqual([
      { cmd: 'pause_share', args: { shareId: 's1' } },
      { cmd: 'adjust_share', args: { shareId: 's1', deltaMs: 30_000 } },
      { cmd: 'adjust_share', args: { shareId: 's1', deltaMs: -30_000 } },
      { cmd: 'backdate_share', args: { shareId: 's1', ms: 10_000 } },
      { cmd: 'stop_share', args: { shareId: 's1' } },
    ]);
  });
});

describe('what Rust reports', () => {
  it('draws each timer update and sounds the cue chimes', async () => {
    backend(() => null, { ...READS, share_state: running(1000) });
    render(SharePanel, { props: { view: present() } });
    await tick();

    await emit(EVENT.timer, samSharing(180_500));
    await tick();
    const clock = screen.getByRole('timer');
    expect(clock.textContent).toBe('1:00');
    expect(clock.classList.contains('wrapUp')).toBe(true);

    await emit(EVENT.timerCue, { shareId: 's1', cue: 'wrapUp' });
    await emit(EVENT.timer, samSharing(245_000));
    await emit(EVENT.timerCue, { shareId: 's1', cue: 'overtime' });
    await tick();
    await tick();
    expect(screen.getByRole('timer').textContent).toBe('+0:05');
    expect(played.map((p) => p.src)).toEqual(['blob:audio/wav,1.6s', 'blob:audio/wav,2.2s']);
    expect(played[0].volume).toBeCloseTo(0.6);
  });

  it('stays silent when muted with Alt+Q', async () => {
    backend(() => null, { ...READS, share_state: running(1000) });
    render(SharePanel, { props: { view: present() } });
    await tick();
    await fireEvent.keyDown(window, { key: 'q', code: 'KeyQ', altKey: true });
    await emit(EVENT.timerCue, { shareId: 's1', cue: 'overtime' });
    await tick();
    expect(screen.getByRole('button', { name: /Sound off/ })).toBeTruthy();
    expect(played).toEqual([]);
  });

  it('ignores a cue for a share that is not the one on screen', async () => {
    backend(() => null, { ...READS, share_state: running(1000) });
    render(SharePanel, { props: { view: present() } });
    await tick();
    await emit(EVENT.timerCue, { shareId: 'another', cue: 'overtime' });
    await tick();
    expect(played).toEqual([]);
  });
});
