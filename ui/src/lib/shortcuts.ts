// Every keyboard shortcut in one table, in the chair's words. The same entry matches the key press
// and draws the hint beside its control, so a hint can never disagree with its key.
import { m } from './paraglide/messages';

/** Where on the screen a shortcut works. A field's keys work only while typing in that field. */
export const PLACES = {
  everywhere: { words: 'anywhere in the app' },
  meeting: { words: 'at a meeting' },
  names: { words: 'at a meeting with names' },
  nameField: { words: 'in the name field of the check-in', field: true },
  counts: { words: 'at a counts-only meeting' },
  share: { words: 'the share timer' },
  round: { words: 'the speaking order' },
  handField: { words: 'in the raised-hand field', field: true },
  format: { words: 'the meeting format' },
} as const satisfies Record<string, { words: string; field?: true }>;

export type Place = keyof typeof PLACES;

/** The places on the chair's screen at the same time: the group pages, a meeting with names, a counts-only meeting. */
export const SCREENS: readonly (readonly Place[])[] = [
  ['everywhere'],
  ['everywhere', 'meeting', 'names', 'nameField', 'share', 'round', 'handField', 'format'],
  ['everywhere', 'meeting', 'counts', 'share', 'format'],
];

type Shortcut = {
  /** Spelled as `isShortcut` reads them ("Alt+W", "Alt+ArrowUp", "/"); the first is the one shown. */
  keys: readonly [string, ...string[]];
  does: string;
  where: Place;
};

export const SHORTCUTS = {
  lock: { keys: ['Ctrl+L'], does: 'lock the app', where: 'everywhere' },
  largerText: { keys: ['Ctrl+=', 'Ctrl++'], does: 'larger text', where: 'everywhere' },
  smallerText: { keys: ['Ctrl+-'], does: 'smaller text', where: 'everywhere' },

  backToGroup: { keys: ['Alt+G'], does: 'back to the group', where: 'meeting' },
  closeMeeting: { keys: ['Alt+C'], does: 'close the meeting', where: 'meeting' },
  reopenMeeting: { keys: ['Alt+R'], does: 'reopen a closed meeting to correct it', where: 'meeting' },
  resourcesCard: {
    keys: ['Alt+L'],
    does: 'show the crisis lines and local services large (Escape closes)',
    where: 'meeting',
  },

  findName: { keys: ['/', 'Alt+F'], does: 'find a name to check in', where: 'names' },
  checkIn: {
    keys: ['Enter'],
    does: 'check in the highlighted name, or add what is typed as a walk-in',
    where: 'nameField',
  },
  walkIn: { keys: ['Alt+W'], does: 'count a walk-in who gives no name', where: 'names' },
  undoCheckIn: { keys: ['Alt+Z'], does: 'undo the last check-in', where: 'names' },

  oneMoreMember: { keys: ['Alt+M'], does: 'one more member', where: 'counts' },
  oneFewerMember: { keys: ['Alt+Shift+M'], does: 'one fewer member', where: 'counts' },
  oneMoreNewcomer: { keys: ['Alt+N'], does: 'one more newcomer', where: 'counts' },
  oneFewerNewcomer: { keys: ['Alt+Shift+N'], does: 'one fewer newcomer', where: 'counts' },
  oneMoreVisitor: { keys: ['Alt+V'], does: 'one more visitor', where: 'counts' },
  oneFewerVisitor: { keys: ['Alt+Shift+V'], does: 'one fewer visitor', where: 'counts' },

  startStopShare: { keys: ['Alt+S'], does: 'start a share, or stop the one running', where: 'share' },
  pauseShare: { keys: ['Alt+P'], does: 'pause or resume the share', where: 'share' },
  addTime: { keys: ['Alt+ArrowUp'], does: 'add 30 seconds to the share', where: 'share' },
  takeTime: { keys: ['Alt+ArrowDown'], does: 'take 30 seconds from the share', where: 'share' },
  backdateShare: { keys: ['Alt+B'], does: 'the share started 10 seconds earlier', where: 'share' },
  undoStop: { keys: ['Alt+U'], does: 'undo the last stop', where: 'share' },
  roomDisplay: { keys: ['Alt+D'], does: 'open or close the room display', where: 'share' },
  sound: { keys: ['Alt+Q'], does: 'sound on or off', where: 'share' },

  startCircle: { keys: ['Alt+I'], does: 'start a circle round', where: 'round' },
  startOpenSharing: { keys: ['Alt+O'], does: 'open sharing by raised hands', where: 'round' },
  nextSpeaker: { keys: ['Alt+N'], does: 'next: stop this share and start the next', where: 'round' },
  passTurn: { keys: ['Alt+X'], does: 'the person up now passes', where: 'round' },
  skipTurn: { keys: ['Alt+K'], does: 'skip for now: they come back at the end', where: 'round' },
  handUp: { keys: ['Alt+H'], does: 'a hand goes up: type the name', where: 'round' },
  raiseHand: { keys: ['Enter'], does: 'raise the hand of the name typed', where: 'handField' },
  endRound: { keys: ['Alt+E'], does: 'end the round', where: 'round' },

  formatForward: {
    keys: ['Alt+ArrowRight'],
    does: 'start the meeting, go to the next segment, or finish',
    where: 'format',
  },
  formatBack: { keys: ['Alt+ArrowLeft'], does: 'back to the previous segment', where: 'format' },
} as const satisfies Record<string, Shortcut>;

export type ShortcutId = keyof typeof SHORTCUTS;

const ARROWS: Record<string, string> = { ArrowUp: '↑', ArrowDown: '↓', ArrowLeft: '←', ArrowRight: '→' };

/**
 * The shortcut as the chair sees it beside its control: "Alt+N", "Alt+↑", "/", and Enter as the
 * keyboards of the app's language label it ("Intro" in Spanish).
 */
export function hint(id: ShortcutId): string {
  const key = SHORTCUTS[id].keys[0];
  if (key === 'Enter') return m.meeting_key_enter();
  return key.replace(/Arrow(Up|Down|Left|Right)/, (a) => ARROWS[a]);
}

/** True when the key press is the shortcut `id`. A bare key ("/") belongs to the text while typing. */
export function pressed(e: KeyboardEvent, id: ShortcutId): boolean {
  const s: Shortcut = SHORTCUTS[id];
  const field = 'field' in PLACES[s.where];
  return s.keys.some((k) => isShortcut(e, k) && (field || modifiers(k).length > 0 || !isTyping(e)));
}

/** What a component does for each of its shortcuts; an action that is off (false, null) lets the key through. */
export type ShortcutActions = Partial<Record<ShortcutId, (() => unknown) | false | null | undefined>>;

/** Runs the action for the shortcut this key press is, if that action is on, and keeps the key to it. */
export function runShortcut(e: KeyboardEvent, actions: ShortcutActions): boolean {
  for (const [id, action] of Object.entries(actions) as [ShortcutId, ShortcutActions[ShortcutId]][]) {
    if (action && pressed(e, id)) {
      e.preventDefault();
      action();
      return true;
    }
  }
  return false;
}

/** True when the key press is `spec`, e.g. "Alt+W", "Ctrl+=", "/", "Enter". */
function isShortcut(e: KeyboardEvent, spec: string): boolean {
  const key = keyOf(spec);
  const want = new Set(modifiers(spec));
  if (e.altKey !== want.has('alt') || e.ctrlKey !== want.has('ctrl') || e.metaKey !== want.has('meta')) {
    return false;
  }
  const letter = key.length === 1 && /[a-z]/i.test(key);
  // Shift is part of a letter shortcut only when named; for symbols it is how "+" or "?" is typed.
  if (letter && e.shiftKey !== want.has('shift')) return false;
  // Alt+letter gives odd characters on some layouts; `code` names the physical key.
  if (letter) return e.code === `Key${key.toUpperCase()}`;
  return e.key === key;
}

/** "Ctrl++" is Ctrl with the key "+": the key is what follows the last modifier. */
function keyOf(spec: string): string {
  const at = spec.length > 1 ? spec.lastIndexOf('+', spec.length - 2) : -1;
  return spec.slice(at + 1);
}

/** The modifiers of `spec`, in lower case: "Alt+Shift+M" → ["alt", "shift"]. */
function modifiers(spec: string): string[] {
  const key = keyOf(spec);
  return spec.length === key.length
    ? []
    : spec
        .slice(0, -key.length - 1)
        .toLowerCase()
        .split('+');
}

/** True when the key press happened while typing, where single keys belong to the text. */
function isTyping(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
}
