// Core's reasons for someone's place in the speaking order, in the chair's words.
import type { Reason } from './bindings/Reason';

export const REASON_WORDS: Record<Reason, string> = {
  nextInCircle: 'next in the circle',
  lateArrival: 'came in late, seat still ahead',
  lateArrivalAtEnd: 'came in late, at the end',
  skippedEarlier: 'asked to come back to',
  newcomer: 'newcomer',
  hasNotSharedYet: 'has not shared yet',
  handRaised: 'hand raised',
};
