// The handover between chairs: the report, action items, acknowledgement, service positions
// and the chairing rota (src-tauri/src/commands/handover.rs).
import type { ActionInput } from '../bindings/ActionInput';
import type { ChairReport } from '../bindings/ChairReport';
import type { Handover } from '../bindings/Handover';
import type { ItemStatus } from '../bindings/ItemStatus';
import type { PositionInput } from '../bindings/PositionInput';
import type { ReportInput } from '../bindings/ReportInput';
import type { Service } from '../bindings/Service';
import { call } from './ipc';

export const chairReport = (meetingId: string) => call<ChairReport>('chair_report', { meetingId });
export const saveReport = (meetingId: string, input: ReportInput) =>
  call<ChairReport>('save_report', { meetingId, input });
export const addActionItem = (meetingId: string, input: ActionInput) =>
  call<ChairReport>('add_action_item', { meetingId, input });
export const closeActionItem = (id: string, status: ItemStatus, by: string) =>
  call<Handover>('close_action_item', { id, status, by });
export const removeActionItem = (id: string) => call<Handover>('remove_action_item', { id });
export const handover = (groupId: string) => call<Handover>('handover', { groupId });
export const acknowledgeHandover = (groupId: string, name: string) =>
  call<Handover>('acknowledge_handover', { groupId, name });
export const service = (groupId: string) => call<Service>('service', { groupId });
export const savePosition = (groupId: string, id: string | null, input: PositionInput) =>
  call<Service>('save_position', { groupId, id, input });
export const removePosition = (groupId: string, id: string) => call<Service>('remove_position', { groupId, id });
export const setRota = (groupId: string, date: string, chair: string | null) =>
  call<Service>('set_rota', { groupId, date, chair });
