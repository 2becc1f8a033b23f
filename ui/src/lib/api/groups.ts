// The groups the chair keeps, and each group's roster (src-tauri/src/commands/groups.rs).
import type { Group } from '../bindings/Group';
import type { GroupInput } from '../bindings/GroupInput';
import type { Person } from '../bindings/Person';
import type { PersonInput } from '../bindings/PersonInput';
import { call } from './ipc';

export const listGroups = () => call<Group[]>('list_groups');
export const createGroup = (input: GroupInput) => call<Group>('create_group', { input });
export const updateGroup = (id: string, input: GroupInput) => call<Group>('update_group', { id, input });
export const roster = (groupId: string) => call<Person[]>('roster', { groupId });
export const addPerson = (groupId: string, input: PersonInput) => call<Person>('add_person', { groupId, input });
