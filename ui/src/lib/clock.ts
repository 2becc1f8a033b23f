// Drawing time that core computed. Between two updates from Rust (a few per second) the
// digits count on from the last update, so they move smoothly; Rust stays the truth.
import { m } from './paraglide/messages';

/** Time left now, counted on from a snapshot taken `sinceMs` ago (paused clocks stand still). */
export function liveRemaining(remainingMs: number, paused: boolean, sinceMs: number): number {
  return paused ? remainingMs : remainingMs - Math.max(0, sinceMs);
}

/**
 * "3:59" while time is left (a second shows until it is fully gone, so the display reaches
 * 0:00 exactly at the end), then "+0:01", "+0:02"... over time.
 */
export function formatClock(remainingMs: number): string {
  const over = remainingMs < 0;
  const totalSeconds = over ? Math.floor(-remainingMs / 1000) : Math.ceil(remainingMs / 1000);
  const m = Math.floor(totalSeconds / 60);
  const s = totalSeconds % 60;
  return `${over && totalSeconds > 0 ? '+' : ''}${m}:${String(s).padStart(2, '0')}`;
}

/** "4:30" or "4" (minutes) to milliseconds; null when it is neither. */
export function parseLength(text: string): number | null {
  const t = text.trim();
  const m = /^(\d{1,3})(?::([0-5]\d))?$/.exec(t);
  if (!m) return null;
  return (Number(m[1]) * 60 + Number(m[2] ?? 0)) * 1000;
}

/** A span of time in words for the chair: "4:12" under an hour, "1 h 05 min" from an hour on. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 3_600_000) return formatClock(abs);
  const minutes = Math.round(abs / 60_000);
  return m.meeting_duration_hours({ hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
}
