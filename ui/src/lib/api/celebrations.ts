// Milestones: opt-in recovery dates, who is celebrating, and the keytag stock
// (src-tauri/src/commands/celebrations.rs).
import type { CelebrationView } from '../bindings/CelebrationView';
import type { MilestoneChoices } from '../bindings/MilestoneChoices';
import type { MilestonePoints } from '../bindings/MilestonePoints';
import type { Person } from '../bindings/Person';
import type { StockCount } from '../bindings/StockCount';
import type { StockLine } from '../bindings/StockLine';
import { call } from './ipc';

export const setRecoveryDate = (personId: string, date: string | null) =>
  call<Person>('set_recovery_date', { personId, date });
export const celebrations = (meetingId: string) => call<CelebrationView>('celebrations', { meetingId });
export const celebrate = (meetingId: string, personId: string, label: string) =>
  call<CelebrationView>('celebrate', { meetingId, personId, label });
export const setStock = (groupId: string, count: StockCount) => call<StockLine[]>('set_stock', { groupId, count });
export const groupStock = (groupId: string) => call<StockLine[]>('group_stock', { groupId });
export const milestonePoints = (groupId: string) => call<MilestoneChoices>('milestone_points', { groupId });
export const setMilestonePoints = (groupId: string, list: MilestonePoints) =>
  call<MilestoneChoices>('set_milestone_points', { groupId, list });
