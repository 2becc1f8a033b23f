// The group's resources card: crisis lines and local services (src-tauri/src/commands/resources.rs).
import type { Resource } from '../bindings/Resource';
import type { ResourceInput } from '../bindings/ResourceInput';
import { call } from './ipc';

export const resources = (groupId: string) => call<Resource[]>('resources', { groupId });
export const saveResource = (groupId: string, id: string | null, input: ResourceInput) =>
  call<Resource[]>('save_resource', { groupId, id, input });
export const removeResource = (groupId: string, id: string) => call<Resource[]>('remove_resource', { groupId, id });
