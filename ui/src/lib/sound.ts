// The chimes: played when Rust reports a cue, at the chair's volume, unless muted.
// WebKitGTK plays them through GStreamer; the files are synthesised by scripts/make-chimes.py.
import type { TimerPhase } from './bindings/TimerPhase';

const FILES: Partial<Record<TimerPhase, string>> = {
  wrapUp: '/sounds/wrap-up.wav',
  overtime: '/sounds/time.wav',
};

export interface SoundSettings {
  volume: number; // 0..1
  muted: boolean;
}

/** Plays the chime for `cue`; returns the file it played, or null when silent. */
export function chime(cue: TimerPhase, settings: SoundSettings): string | null {
  const file = FILES[cue];
  if (!file || settings.muted || settings.volume <= 0) return null;
  const audio = new Audio(file);
  audio.volume = Math.min(1, Math.max(0, settings.volume));
  // A machine with no sound device must not interrupt the meeting.
  audio.play()?.catch(() => {});
  return file;
}
