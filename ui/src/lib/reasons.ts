// Core's reasons for someone's place in the speaking order, in the chair's words.
import type { Reason } from './bindings/Reason';
import { m } from './paraglide/messages';

/** Each reason in the app's language (read when drawn, so a change of language shows). */
export const REASON_WORDS: Record<Reason, string> = {
  get nextInCircle() {
    return m.files_reason_next_in_circle();
  },
  get lateArrival() {
    return m.files_reason_late_arrival();
  },
  get lateArrivalAtEnd() {
    return m.files_reason_late_arrival_at_end();
  },
  get skippedEarlier() {
    return m.files_reason_skipped_earlier();
  },
  get newcomer() {
    return m.files_reason_newcomer();
  },
  get hasNotSharedYet() {
    return m.files_reason_has_not_shared_yet();
  },
  get handRaised() {
    return m.files_reason_hand_raised();
  },
};
