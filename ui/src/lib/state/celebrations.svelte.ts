// Who is celebrating at the open meeting, and keytags running low (CelebrationView), live from
// celebrations-changed, which the shell sends when attendance or a celebration changes.
import { api } from '../api';
import type { CelebrationView } from '../bindings/CelebrationView';
import { Live } from './live.svelte';

export class LiveCelebrations extends Live<CelebrationView> {
  constructor() {
    super(api.celebrations, api.onCelebrationsChanged, (v) => v.meetingId);
  }
}
