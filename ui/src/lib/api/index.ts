// The UI's side of the IPC contract, one module per file of src-tauri/src/commands/ (checked by
// contract.test.ts), gathered here as one `api` object so components can take a fake backend.
import * as app from './app';
import * as attendance from './attendance';
import * as backups from './backups';
import * as bundles from './bundles';
import * as celebrations from './celebrations';
import * as events from './events';
import * as files from './files';
import * as format from './format';
import * as groups from './groups';
import * as handover from './handover';
import * as meetings from './meetings';
import * as privacy from './privacy';
import * as reports from './reports';
import * as resources from './resources';
import * as room from './room';
import * as rounds from './rounds';
import * as shares from './shares';
import * as slips from './slips';

export const api = {
  ...app,
  ...groups,
  ...meetings,
  ...attendance,
  ...shares,
  ...room,
  ...rounds,
  ...format,
  ...celebrations,
  ...handover,
  ...files,
  ...bundles,
  ...backups,
  ...privacy,
  ...reports,
  ...slips,
  ...resources,
  ...events,
};

export type Api = typeof api;

export { AppError, attempt, messageOf, sentence } from './ipc';
