// The room display window: open it on the chosen screen, close it, and what it may show
// (src-tauri/src/commands/room.rs).
import type { Display } from '../bindings/Display';
import type { RoomSettings } from '../bindings/RoomSettings';
import type { RoomLook } from '../bindings/RoomLook';
import { language } from '../i18n.svelte';
import { currentTheme } from '../theme';
import { call } from './ipc';

/** The chair's language and theme, which the room display follows. */
const look = (): RoomLook => ({ language: language(), theme: currentTheme() });

export const listDisplays = () => call<Display[]>('list_displays');
export const openRoomDisplay = (display: number | null) => call<void>('open_room_display', { display, look: look() });
/** After the chair changes the language or the theme: an open room display follows. */
export const restyleRoomDisplay = () => call<void>('set_room_look', { look: look() });
export const closeRoomDisplay = () => call<void>('close_room_display');
export const roomSettings = (groupId: string) => call<RoomSettings>('room_settings', { groupId });
export const setRoomSettings = (groupId: string, settings: RoomSettings) =>
  call<RoomSettings>('set_room_settings', { groupId, settings });
