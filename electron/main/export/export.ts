import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import archiver from 'archiver';
import ExcelJS from 'exceljs';
import type { ReplicaDb } from '../../../db/sqlite/open';
import { AppError } from '../../../shared/errors';
import { cellString, csvLine } from '../../../shared/export/cells';
import { addDaysToDate, RENEWAL_WINDOWS } from '../../../shared/book/terms';
import { INSURANCE_TYPES, LEAD_STATUSES } from '../../../shared/lookups';
import { TABLE_NAMES, tableSpec } from '../../../shared/model/catalogue';
import { LIVE_POLICY_SQL, POLICY_STATUSES } from '../../../shared/model/tables/policies';
import { TICKET_STATUSES } from '../../../shared/model/tables/service';

export const EXPORT_KINDS = ['leads', 'clients', 'contacts', 'notes', 'policies', 'renewals', 'tickets'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportFilters {
  /** Leads: a lead status; policies: a term status; tickets: a ticket status. */
  status?: string;
  /** Leads and policies: a line of business (code or name). */
  type?: string;
  /** The Leads list's X-date window (ISO dates, both included; either end may be open). */
  xdate_from?: string;
  xdate_to?: string;
  /** Renewals: terms expiring from today to this many days ahead (the work list's window). */
  days?: number;
  /** Renewals: what "today" is (tests and the bench pin it). */
  today?: string;
}

function lineId(type: string): string {
  const t = INSURANCE_TYPES.find((x) => x.code === type || x.name.toLowerCase() === type.toLowerCase());
  if (!t) throw new AppError('invalid_input', `unknown insurance type "${type}"`, 'type');
  return t.id;
}

function oneOf<T extends string>(values: readonly T[], value: string, what: string): T {
  const hit = values.find((v) => v === value.toLowerCase());
  if (!hit) throw new AppError('invalid_input', `unknown ${what} "${value}" (${values.join(', ')})`, 'status');
  return hit;
}

/** A record's key for relinking on import: the id it had in the system it came from, else its own. */
const extOf = (alias: string) => `coalesce(json_extract(${alias}.custom_fields, '$.external_id'), ${alias}.id)`;
/** A client's or lead's name as the lists show it. */
const nameOf = (a: string) =>
  `coalesce(${a}.business_name, trim(coalesce(${a}.first_name, '') || ' ' || coalesce(${a}.last_name, '')))`;

/** A term's columns, named like the policies import's fields (Client is the client's key), so it imports back. */
const POLICY_COLUMNS = `p.policy_number AS "Policy number", k.name AS "Carrier", it.code AS "Line of business",
  p.status AS "Status", p.effective_date AS "Effective date", p.expiration_date AS "Expiration date",
  p.written_premium AS "Written premium", p.billing AS "Billing", p.commission_rate AS "Commission %",
  ${extOf('c')} AS "Client", ${nameOf('c')} AS "Client name", c.email AS "Client email"`;
const POLICY_FROM = `FROM policies p JOIN clients c ON c.id = p.client_id JOIN carriers k ON k.id = p.carrier_id
  JOIN insurance_types it ON it.id = p.insurance_type_id`;

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
        where.push('l.insurance_type_id = ?');
        params.push(lineId(f.type));
      }
      if (f.xdate_from) {
        where.push('l.policy_expiration_date >= ?');
        params.push(f.xdate_from);
      }
      if (f.xdate_to) {
        where.push('l.policy_expiration_date <= ?');
        params.push(f.xdate_to);
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
    case 'policies': {
      const where = ['p.deleted_at IS NULL'];
      const params: unknown[] = [];
      if (f.status) {
        where.push('p.status = ?');
        params.push(oneOf(POLICY_STATUSES, f.status, 'policy status'));
      }
      if (f.type) {
        where.push('p.insurance_type_id = ?');
        params.push(lineId(f.type));
      }
      return {
        sql: `SELECT ${POLICY_COLUMNS} ${POLICY_FROM} WHERE ${where.join(' AND ')} ORDER BY p.expiration_date, p.id`,
        params,
      };
    }
    case 'renewals': {
      // The renewal work list: live terms expiring from today to `days` ahead, soonest first.
      const today = f.today ?? new Date().toISOString().slice(0, 10);
      const live = LIVE_POLICY_SQL.replace('deleted_at', 'p.deleted_at').replace('status', 'p.status');
      return {
        sql: `SELECT ${POLICY_COLUMNS}, c.phone AS "Client phone", p.premium_change_pct AS "Premium change %",
                u.full_name AS "Owner"
                ${POLICY_FROM} LEFT JOIN users u ON u.id = p.owner_id
                WHERE ${live} AND p.expiration_date >= ? AND p.expiration_date <= ?
                ORDER BY p.expiration_date, p.id`,
        params: [today, addDaysToDate(today, f.days ?? RENEWAL_WINDOWS[1])],
      };
    }
    case 'tickets': {
      const where = ['t.deleted_at IS NULL'];
      const params: unknown[] = [];
      if (f.status) {
        where.push('t.status = ?');
        params.push(oneOf(TICKET_STATUSES, f.status, 'ticket status'));
      }
      return {
        sql: `SELECT t.subject AS "Subject", t.status AS "Status", t.priority AS "Priority", t.issue_type AS "Issue type",
                coalesce(${extOf('c')}, ${extOf('l')}) AS "Client or lead", coalesce(${nameOf('c')}, ${nameOf('l')}) AS "Name",
                u.full_name AS "Assigned to", t.due_at AS "Due", t.created_at AS "Opened", t.resolved_at AS "Resolved",
                t.resolution AS "Resolution", t.description AS "Description"
                FROM support_tickets t LEFT JOIN clients c ON c.id = t.client_id LEFT JOIN leads l ON l.id = t.lead_id
                LEFT JOIN users u ON u.id = t.assigned_to
                WHERE ${where.join(' AND ')} ORDER BY t.created_at, t.id`,
        params,
      };
    }
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
 * The whole book: every table of the replica (which holds exactly what this user may see),
 * columns as stored, either one XLSX workbook with a sheet per table or a zip of one CSV per
 * table (for books past a spreadsheet's million rows, and for other tools). An agency can always
 * leave with its data.
 */
export async function exportBook(db: ReplicaDb, out: string) {
  const ext = extname(out).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.zip')
    throw new AppError('invalid_input', 'a full book export is an .xlsx workbook or a .zip of CSV files', 'out');
  const sheets = TABLE_NAMES.map((t) => {
    const headers = Object.keys(tableSpec(t)!.columns);
    const rows = db
      .prepare(`SELECT ${headers.map((h) => `"${h}"`).join(', ')} FROM "${t}" ORDER BY rowid`)
      .raw(true)
      .iterate() as IterableIterator<unknown[]>;
    return { name: t, headers, rows };
  });
  const n = ext === '.zip' ? await writeZip(out, sheets) : await writeTable(out, sheets);
  return { kind: 'book', out, rows: n, tables: TABLE_NAMES.length };
}

/** A sheet as CSV text in chunks of about 64 KB (UTF-8 with BOM, every cell escaped). */
function* csvChunks(sheet: Sheet, count: () => void): Generator<string> {
  let buffer = `\ufeff${csvLine(sheet.headers)}`;
  for (const row of sheet.rows) {
    buffer += csvLine(row);
    count();
    if (buffer.length > 64 * 1024) {
      yield buffer;
      buffer = '';
    }
  }
  yield buffer;
}

/**
 * One CSV per table in a zip, streamed through archiver: each table is read from SQLite as the
 * zip is written (one at a time), so memory stays flat whatever the book's size.
 */
async function writeZip(out: string, sheets: Sheet[]): Promise<number> {
  const zip = archiver('zip', { zlib: { level: 6 } });
  const file = createWriteStream(out);
  const closed = once(file, 'close');
  const failed = new Promise<never>((_, reject) => zip.on('error', reject));
  zip.pipe(file);
  let n = 0;
  for (const sheet of sheets)
    zip.append(
      Readable.from(
        csvChunks(sheet, () => n++),
        { objectMode: false },
      ),
      { name: `${sheet.name}.csv` },
    );
  await Promise.race([zip.finalize(), failed]);
  await Promise.race([closed, failed]);
  return n;
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
  for (const chunk of csvChunks(sheet, () => n++)) if (!stream.write(chunk)) await once(stream, 'drain');
  stream.end();
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
