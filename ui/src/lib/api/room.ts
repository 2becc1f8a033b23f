// The room display window: open it on the chosen screen, close it, and what it may show
// (src-tauri/src/commands/room.rs).
import type { Display } from '../bindings/Display';
import type { RoomSettings } from '../bindings/RoomSettings';
import { call } from './ipc';

export const listDisplays = () => call<Display[]>('list_displays');
export const openRoomDisplay = (display: number | null) => call<void>('open_room_display', { display });
export const closeRoomDisplay = () => call<void>('close_room_display');
export const roomSettings = (groupId: string) => call<RoomSettings>('room_settings', { groupId });
export const setRoomSettings = (groupId: string, settings: RoomSettings) =>
  call<RoomSettings>('set_room_settings', { groupId, settings });
