// The open meeting's format runner: where the meeting is and how it paces (RunnerView), live from
// runner-changed.
import { api } from '../api';
import type { RunnerView } from '../bindings/RunnerView';
import { Live } from './live.svelte';

export class LiveRunner extends Live<RunnerView> {
  constructor() {
    super(api.runner, api.onRunnerChanged, (v) => v.meetingId);
  }
}
