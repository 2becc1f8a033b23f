// The chimes: played when Rust reports a cue, at the chair's volume, unless muted.
// Each is synthesised once (chimes.ts) and played from a blob: URL, which WebKitGTK's GStreamer
// reads (it cannot read Tauri's own URI scheme: tauri://localhost gives MEDIA_ERR_SRC_NOT_SUPPORTED).
import type { TimerPhase } from './bindings/TimerPhase';
import { chimeFile } from './chimes';

export interface SoundSettings {
  volume: number; // 0..1
  muted: boolean;
}

const urls = new Map<TimerPhase, string | null>();

/** The blob: URL of the chime for `cue`, made on first use; null when the cue has none. */
function playable(cue: TimerPhase): string | null {
  if (!urls.has(cue)) {
    const file = chimeFile(cue);
    urls.set(cue, file && URL.createObjectURL(file));
  }
  return urls.get(cue) ?? null;
}

/**
 * Plays the chime for `cue`. Resolves to the chime's length in seconds once the audio is decoded
 * (null when silent or when it cannot play); a machine with no sound device never interrupts.
 */
export async function chime(cue: TimerPhase, settings: SoundSettings): Promise<number | null> {
  if (settings.muted || settings.volume <= 0) return null;
  try {
    const url = playable(cue);
    if (!url) return null;
    const audio = new Audio(url);
    audio.volume = Math.min(1, Math.max(0, settings.volume));
    const decoded = new Promise<number | null>((resolve) => {
      audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true });
      audio.addEventListener('error', () => resolve(null), { once: true });
    });
    audio.play()?.catch(() => {});
    return await decoded;
  } catch {
    return null;
  }
}
