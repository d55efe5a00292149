import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { ReplicaDb } from '../../../db/sqlite/open';
import { listLeads } from '../../../db/queries/pipeline';
import type { DownloadResult, exportInput } from '../../../shared/api/files';
import { LEAD_EXPORT_COLUMNS } from '../../../shared/api/files';
import type { LeadListItem } from '../../../shared/api/types';
import { AppError } from '../../../shared/errors';
import { uuidv7 } from '../../../shared/ids';
import type { RowIssue } from '../../../shared/import/row-types';
import { writeReport } from '../import/undo';
import { EXPORT_KINDS, exportBook, exportList, writeTable, type ExportKind } from './export';

export interface PreparedFile {
  file: string;
  name: string;
  type: string;
}

const TYPES: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
};

/**
 * Files the main process writes for the person to take away (exports, import reports), under the
 * app's data folder. The web host serves each at GET /api/download/ID as an attachment; the id
 * is a fresh UUID known only to the page that asked for it.
 */
export function createDownloads(db: ReplicaDb, dir: string) {
  const prepared = new Map<string, PreparedFile>();

  const place = (base: string, ext: string) => {
    mkdirSync(dir, { recursive: true });
    const id = uuidv7();
    const stamp = new Date().toISOString().slice(0, 10);
    const file = path.join(dir, `${id}${ext}`);
    return { id, file, name: `${base}-${stamp}${ext}` };
  };
  const keep = (id: string, file: string, name: string, rows: number): DownloadResult => {
    prepared.set(id, { file, name, type: TYPES[path.extname(file)] ?? 'application/octet-stream' });
    return { download_id: id, file_name: name, rows };
  };

  return {
    get: (id: string): PreparedFile | undefined => prepared.get(id),

    async exportFile(input: z.output<typeof exportInput>): Promise<DownloadResult> {
      const ext = `.${input.format}`;
      if (input.kind === 'book') {
        // An XLSX workbook, or (once importcore's backend writes it) a zip of CSVs.
        const p = place('fieldline-book', input.format === 'xlsx' ? '.xlsx' : '.zip');
        const r = await exportBook(db, p.file);
        return keep(p.id, p.file, p.name, r.rows);
      }
      if (input.kind === 'leads' && (input.leads || input.columns)) {
        const p = place('leads', ext);
        const rows = await exportLeadView(db, p.file, input.leads ?? {}, input.columns);
        return keep(p.id, p.file, p.name, rows);
      }
      if (!(EXPORT_KINDS as readonly string[]).includes(input.kind))
        throw new AppError('invalid_input', `exporting ${input.kind} is not available in this version yet`, 'kind');
      const p = place(input.kind, ext);
      const r = await exportList(db, input.kind as ExportKind, p.file);
      return keep(p.id, p.file, p.name, r.rows);
    },

    async report(issues: Iterable<RowIssue>): Promise<DownloadResult> {
      const p = place('import-report', '.csv');
      let rows = 0;
      const counted = (function* () {
        for (const i of issues) {
          rows++;
          yield i;
        }
      })();
      await writeReport(p.file, counted);
      return keep(p.id, p.file, p.name, rows);
    },
  };
}
export type Downloads = ReturnType<typeof createDownloads>;

/**
 * The Leads view as the person sees it: the same query as the screen (filters, sort), paged
 * through to the end, with the visible columns in their order and as the table shows them.
 */
async function exportLeadView(
  db: ReplicaDb,
  out: string,
  query: Record<string, unknown>,
  columns: string[] | undefined,
): Promise<number> {
  const keys = (columns ?? Object.keys(LEAD_EXPORT_COLUMNS)).filter((k) => k in LEAD_EXPORT_COLUMNS);
  if (keys.length === 0) throw new AppError('invalid_input', 'no column to export', 'columns');
  const names = (table: string) =>
    new Map(
      (db.prepare(`SELECT id, name FROM ${table}`).all() as { id: string; name: string }[]).map((r) => [r.id, r.name]),
    );
  const statuses = names('lead_statuses');
  const types = names('insurance_types');
  const value = (r: LeadListItem, key: string): unknown => {
    switch (key) {
      case 'status':
        return statuses.get(r.status_id) ?? r.status_id;
      case 'type':
        return types.get(r.insurance_type_id) ?? r.insurance_type_id;
      case 'owner':
        return r.owner_name;
      case 'premium':
        return r.quoted_premium;
      case 'tags':
        return r.tags.join(', ');
      case 'kind':
        return r.lead_type === 'business' ? 'Business' : 'Individual';
      default:
        return (r as unknown as Record<string, unknown>)[key] ?? null;
    }
  };
  function* rows() {
    let after: unknown = undefined;
    for (;;) {
      const page = listLeads(db, { ...query, limit: 500, after });
      for (const item of page.items) yield keys.map((k) => value(item, k));
      if (!page.next) return;
      after = page.next;
    }
  }
  return writeTable(out, [{ name: 'leads', headers: keys.map((k) => LEAD_EXPORT_COLUMNS[k]!), rows: rows() }]);
}
