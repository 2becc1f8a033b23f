// The open meeting's share timer and its shares (ShareState), live from share-changed.
import { api } from '../api';
import type { ShareState } from '../bindings/ShareState';
import { Live } from './live.svelte';

export class LiveShares extends Live<ShareState> {
  /** Core refused to start a share because another is running: the chair may confirm replacing it. */
  readonly mayReplace = $derived(this.error?.kind === 'share_running');

  constructor() {
    super(api.shareState, api.onShareChanged, (v) => v.meetingId);
  }
}
