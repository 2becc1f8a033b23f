// Milestones: opt-in recovery dates, who is celebrating, and the keytag stock
// (src-tauri/src/commands/celebrations.rs).
import type { CelebrationView } from '../bindings/CelebrationView';
import type { MilestonePoints } from '../bindings/MilestonePoints';
import type { Person } from '../bindings/Person';
import type { StockCount } from '../bindings/StockCount';
import { call } from './ipc';

export const setRecoveryDate = (personId: string, date: string | null) =>
  call<Person>('set_recovery_date', { personId, date });
export const celebrations = (meetingId: string) => call<CelebrationView>('celebrations', { meetingId });
export const celebrate = (meetingId: string, personId: string, label: string) =>
  call<CelebrationView>('celebrate', { meetingId, personId, label });
export const setStock = (groupId: string, count: StockCount) => call<StockCount[]>('set_stock', { groupId, count });
export const groupStock = (groupId: string) => call<StockCount[]>('group_stock', { groupId });
export const milestonePoints = (groupId: string) => call<MilestonePoints>('milestone_points', { groupId });
export const setMilestonePoints = (groupId: string, list: MilestonePoints) =>
  call<MilestonePoints>('set_milestone_points', { groupId, list });
