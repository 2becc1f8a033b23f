// The way out on paper and in files (src-tauri/src/commands/reports.rs): a group's trends, the
// spreadsheet of its meetings, and the printout on screen saved as a PDF.
import { save as saveDialog } from '@tauri-apps/plugin-dialog';

import type { CsvRows } from '../bindings/CsvRows';
import type { Paper } from '../bindings/Paper';
import type { Trends } from '../bindings/Trends';
import { call } from './ipc';

/** Month by month and quarter by quarter, `from` to `to` ("YYYY-MM-DD", both included). */
export const trends = (groupId: string, from: string, to: string) => call<Trends>('trends', { groupId, from, to });

/** `from` and `to` null: from the group's first meeting to its last. */
export const saveTrendsCsv = (groupId: string, from: string | null, to: string | null, rows: CsvRows, path: string) =>
  call<void>('save_trends_csv', { groupId, from, to, rows, path });

/** The printout on screen, laid out on `paper`, saved as a PDF at `path` (Linux; elsewhere the
 *  print window's own "Save as PDF" does it). */
export const savePdf = (paper: Paper, path: string) => call<void>('save_pdf', { paper, path });

/** The system's print window for the printout on screen; resolves when it closes. */
export const printPage = () => call<void>('print_page');

/** The system's save chooser, starting at `start`; `null` when the chair cancels. */
export async function chooseWhereToSave(
  title: string,
  start: string,
  filter: { name: string; extension: string },
): Promise<string | null> {
  const picked = await saveDialog({
    title,
    defaultPath: start,
    filters: [{ name: filter.name, extensions: [filter.extension] }],
  });
  return typeof picked === 'string' ? picked : null;
}
