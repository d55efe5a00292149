import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import type { ReplicaDb } from '../../../db/sqlite/open';
import { AppError } from '../../../shared/errors';
import { cellString, csvLine } from '../../../shared/export/cells';
import { INSURANCE_TYPES, LEAD_STATUSES } from '../../../shared/lookups';
import { TABLE_NAMES, tableSpec } from '../../../shared/model/catalogue';

export const EXPORT_KINDS = ['leads', 'clients', 'contacts', 'notes'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportFilters {
  status?: string;
  type?: string;
}

/** A record's key for relinking on import: the id it had in the system it came from, else its own. */
const extOf = (alias: string) => `coalesce(json_extract(${alias}.custom_fields, '$.external_id'), ${alias}.id)`;
const ADDRESS = `a.line1 AS "Street address", a.line2 AS "Address line 2", a.city AS "City", a.state AS "State", a.postal_code AS "ZIP code"`;

/**
 * Each list as columns named like the import's fields, so an export imports back as it is
 * (External id keeps the link between clients and their contacts and notes).
 */
function query(kind: ExportKind, f: ExportFilters): { sql: string; params: unknown[] } {
  switch (kind) {
    case 'clients':
      return {
        sql: `SELECT ${extOf('c')} AS "External id", c.client_type AS "Type", c.first_name AS "First name", c.middle_name AS "Middle name",
                c.last_name AS "Last name", c.business_name AS "Business name", c.date_of_birth AS "Date of birth",
                c.occupation AS "Occupation", c.fein AS "FEIN", c.website AS "Website", c.email AS "Email", c.phone AS "Phone",
                c.source AS "Source", substr(c.client_since, 1, 10) AS "Client since", ${ADDRESS}
                FROM clients c LEFT JOIN addresses a ON a.id = c.address_id WHERE c.deleted_at IS NULL ORDER BY c.id`,
        params: [],
      };
    case 'leads': {
      const where = ['l.deleted_at IS NULL'];
      const params: unknown[] = [];
      if (f.status) {
        const s = LEAD_STATUSES.find((x) => x.code === f.status || x.name.toLowerCase() === f.status!.toLowerCase());
        if (!s) throw new AppError('invalid_input', `unknown status "${f.status}"`, 'status');
        where.push('l.status_id = ?');
        params.push(s.id);
      }
      if (f.type) {
        const t = INSURANCE_TYPES.find((x) => x.code === f.type || x.name.toLowerCase() === f.type!.toLowerCase());
        if (!t) throw new AppError('invalid_input', `unknown insurance type "${f.type}"`, 'type');
        where.push('l.insurance_type_id = ?');
        params.push(t.id);
      }
      return {
        sql: `SELECT ${extOf('l')} AS "External id", l.lead_type AS "Type", l.first_name AS "First name", l.last_name AS "Last name",
                l.business_name AS "Business name", l.date_of_birth AS "Date of birth", it.code AS "Line of business",
                st.name AS "Status", l.source AS "Source", l.current_carrier AS "Current carrier", l.current_premium AS "Current premium",
                l.quoted_premium AS "Quoted premium", l.policy_expiration_date AS "X-date",
                (SELECT group_concat(value, ', ') FROM json_each(l.tags)) AS "Tags", l.email AS "Email", l.phone AS "Phone", ${ADDRESS}
                FROM leads l LEFT JOIN addresses a ON a.id = l.address_id
                JOIN insurance_types it ON it.id = l.insurance_type_id JOIN lead_statuses st ON st.id = l.status_id
                WHERE ${where.join(' AND ')} ORDER BY l.id`,
        params,
      };
    }
    case 'contacts':
      return {
        sql: `SELECT coalesce(${extOf('c')}, ${extOf('l')}) AS "Client or lead", k.first_name AS "First name", k.last_name AS "Last name",
                k.email AS "Email", k.phone AS "Phone", k.mobile_phone AS "Mobile phone", k.job_title AS "Job title",
                k.department AS "Department", k.company AS "Company"
                FROM contacts k LEFT JOIN clients c ON c.id = k.client_id LEFT JOIN leads l ON l.id = k.lead_id
                WHERE k.deleted_at IS NULL ORDER BY k.id`,
        params: [],
      };
    case 'notes':
      return {
        sql: `SELECT coalesce(${extOf('c')}, ${extOf('l')}) AS "Client or lead", n.body AS "Note",
                (SELECT group_concat(value, ', ') FROM json_each(n.tags)) AS "Tags"
                FROM lead_notes n LEFT JOIN clients c ON c.id = n.client_id LEFT JOIN leads l ON l.id = n.lead_id
                WHERE n.deleted_at IS NULL ORDER BY n.id`,
        params: [],
      };
  }
}

export interface ExportResult {
  kind: string;
  out: string;
  rows: number;
}

/** Streams a list to CSV (UTF-8 with BOM, so Excel reads accents) or XLSX, by the file's extension. */
export async function exportList(db: ReplicaDb, kind: ExportKind, out: string, filters: ExportFilters = {}) {
  const { sql, params } = query(kind, filters);
  const stmt = db.prepare(sql);
  const headers = stmt.columns().map((c) => c.name);
  const rows = stmt.raw(true).iterate(...params) as IterableIterator<unknown[]>;
  const n = await writeTable(out, [{ name: kind, headers, rows }]);
  return { kind, out, rows: n } satisfies ExportResult;
}

/**
 * The whole book: every table of the replica (which holds exactly what this user may see), one
 * sheet each in one XLSX workbook, columns as stored. An agency can always leave with its data.
 */
export async function exportBook(db: ReplicaDb, out: string) {
  if (extname(out).toLowerCase() !== '.xlsx')
    throw new AppError('invalid_input', 'a full book export is an .xlsx workbook', 'out');
  const sheets = TABLE_NAMES.map((t) => {
    const headers = Object.keys(tableSpec(t)!.columns);
    const rows = db
      .prepare(`SELECT ${headers.map((h) => `"${h}"`).join(', ')} FROM "${t}" ORDER BY rowid`)
      .raw(true)
      .iterate() as IterableIterator<unknown[]>;
    return { name: t, headers, rows };
  });
  const n = await writeTable(out, sheets);
  return { kind: 'book', out, rows: n, tables: TABLE_NAMES.length };
}

export interface Sheet {
  name: string;
  headers: string[];
  rows: Iterable<unknown[]>;
}

export async function writeTable(out: string, sheets: Sheet[]): Promise<number> {
  const ext = extname(out).toLowerCase();
  if (ext === '.xlsx') return writeXlsx(out, sheets);
  if (ext === '.csv' && sheets.length === 1) return writeCsv(out, sheets[0]!);
  throw new AppError('invalid_input', 'the output file must end in .csv or .xlsx', 'out');
}

async function writeCsv(out: string, sheet: Sheet): Promise<number> {
  const stream = createWriteStream(out);
  let n = 0;
  let buffer = `\ufeff${csvLine(sheet.headers)}`;
  for (const row of sheet.rows) {
    buffer += csvLine(row);
    n++;
    if (buffer.length > 64 * 1024) {
      if (!stream.write(buffer)) await once(stream, 'drain');
      buffer = '';
    }
  }
  stream.end(buffer);
  await once(stream, 'finish');
  return n;
}

/**
 * XLSX through exceljs's streaming writer. Text is always written as a text cell, never a
 * formula, so a value that looks like one (=, +, -, @) is shown and never run.
 */
async function writeXlsx(out: string, sheets: Sheet[]): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: false, useStyles: false });
  let n = 0;
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name.slice(0, 31));
    ws.addRow(sheet.headers).commit();
    for (const row of sheet.rows) {
      ws.addRow(row.map((v) => (typeof v === 'number' ? v : v === null ? null : cellString(v)))).commit();
      n++;
    }
    ws.commit();
  }
  await wb.commit();
  return n;
}
