// Retention of attendance names, and forgetting a person everywhere
// (src-tauri/src/commands/privacy.rs).
import type { ForgetPreview } from '../bindings/ForgetPreview';
import type { ForgetReport } from '../bindings/ForgetReport';
import type { RetentionPreview } from '../bindings/RetentionPreview';
import { call } from './ipc';

/** What a retention of `months` would remove now (`null`: the group's own setting). */
export const retentionPreview = (groupId: string, months: number | null) =>
  call<RetentionPreview>('retention_preview', { groupId, months });
export const setRetention = (groupId: string, months: number | null) =>
  call<RetentionPreview>('set_retention', { groupId, months });
export const forgetPreview = (personId: string) => call<ForgetPreview>('forget_preview', { personId });
export const forgetPerson = (personId: string) => call<ForgetReport>('forget_person', { personId });
