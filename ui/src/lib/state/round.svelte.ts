// The open meeting's speaking order: seating, the round, fair time and the summary (SharingView),
// live from round-changed, which the shell also sends when someone arrives or leaves.
import { api } from '../api';
import type { SharingView } from '../bindings/SharingView';
import { m } from '../paraglide/messages';
import { Live } from './live.svelte';

export class LiveRound extends Live<SharingView> {
  /** A round or open sharing is under way: its Next starts each share. */
  readonly running = $derived(!!this.view?.round);

  constructor() {
    super(api.sharing, api.onRoundChanged, (v) => v.meetingId);
  }

  /** A person's name as seated; someone no longer seated has left. */
  nameOf(personId: string): string {
    return this.view?.seating.find((s) => s.personId === personId)?.name ?? m.meeting_someone_who_left();
  }
}
