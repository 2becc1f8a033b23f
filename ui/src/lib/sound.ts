// The chimes: played when Rust reports a cue, at the chair's volume, unless muted.
// WebKitGTK plays them through GStreamer, which cannot read Tauri's own URI scheme
// (tauri://localhost gives MEDIA_ERR_SRC_NOT_SUPPORTED), so each file is fetched once and
// played from a blob: URL. The files are synthesised by scripts/make-chimes.py.
import type { TimerPhase } from './bindings/TimerPhase';

const FILES: Partial<Record<TimerPhase, string>> = {
  wrapUp: '/sounds/wrap-up.wav',
  overtime: '/sounds/time.wav',
};

export interface SoundSettings {
  volume: number; // 0..1
  muted: boolean;
}

const blobs = new Map<string, Promise<string>>();

function playable(file: string): Promise<string> {
  let url = blobs.get(file);
  if (!url) {
    url = fetch(file)
      .then((r) => r.blob())
      .then((b) => URL.createObjectURL(b));
    blobs.set(file, url);
  }
  return url;
}

/**
 * Plays the chime for `cue`. Resolves to the chime's length in seconds once the audio is decoded
 * (null when silent or when it cannot play); a machine with no sound device never interrupts.
 */
export async function chime(cue: TimerPhase, settings: SoundSettings): Promise<number | null> {
  const file = FILES[cue];
  if (!file || settings.muted || settings.volume <= 0) return null;
  try {
    const audio = new Audio(await playable(file));
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
