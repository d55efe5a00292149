import { z } from 'zod';
import { IMPORT_KINDS, type ImportKind } from '../import/fields';
import { importMapping } from '../import/mapping';
import type { RowIssue } from '../import/row-types';
import { leadsViewQuery } from './inputs';

/**
 * Files that cross the API: an import's file, sent up in chunks (the same command over IPC and
 * HTTP, so a picked or dropped file works in both), and exports and reports, written by the main
 * process to a file the page then downloads (GET /api/download/ID in the web host).
 */

/** The largest file an import takes. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
/** One chunk's bytes: as base64 it stays well under the bus's 512 K characters of JSON. */
export const UPLOAD_CHUNK_BYTES = 256 * 1024;
export const UPLOAD_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx'] as const;

const uploadId = z.string().regex(/^[0-9a-f-]{36}$/, 'is not an upload id');
const runId = uploadId;
const importId = z.string().regex(/^[0-9a-f-]{36}$/, 'is not an import id');

export const uploadInput = z.object({
  /** Left out for the first chunk: the answer names the new upload. */
  upload_id: uploadId.optional(),
  name: z
    .string()
    .min(1)
    .max(200)
    .refine((n) => UPLOAD_EXTENSIONS.some((e) => n.toLowerCase().endsWith(e)), {
      message: `must end in ${UPLOAD_EXTENSIONS.join(', ')}`,
    }),
  /** Where this chunk goes: the bytes received so far (chunks come in order). */
  offset: z.number().int().min(0).max(MAX_UPLOAD_BYTES),
  data: z.base64().max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4),
  last: z.boolean(),
});

/** The mapping as the wizard edits it (the kind comes with the request). */
export const wizardMapping = importMapping.omit({ kind: true });
export type WizardMapping = z.input<typeof wizardMapping>;

export const inspectInput = z.object({ upload_id: uploadId, kind: z.enum(IMPORT_KINDS) });
export const previewInput = z.object({
  upload_id: uploadId,
  kind: z.enum(IMPORT_KINDS),
  mapping: wizardMapping,
  limit: z.number().int().min(1).max(50).default(10),
});
export const ON_DUPLICATE_CHOICES = ['create', 'update', 'skip'] as const;
export const startImportInput = z.object({
  upload_id: uploadId,
  kind: z.enum(IMPORT_KINDS),
  mapping: wizardMapping,
  on_duplicate: z.enum(ON_DUPLICATE_CHOICES).default('skip'),
  dry_run: z.boolean().default(false),
});
export const runInput = z.object({ run_id: runId });
export const importIdInput = z.object({ import_id: importId });
export const emptyInput = z.object({}).strict();
export const issuesInput = z.object({
  run_id: runId,
  limit: z.number().int().min(1).max(1000).default(200),
});
export const mappingsInput = z.object({ kind: z.enum(IMPORT_KINDS) });
export const saveMappingInput = z.object({
  name: z.string().trim().min(1).max(60),
  kind: z.enum(IMPORT_KINDS),
  mapping: wizardMapping,
});

/**
 * What an export can be: importcore's backend names the kinds (electron/main/export); a kind
 * it does not know yet answers a clear error instead of a file.
 */
export const EXPORT_CHOICES = [
  'leads',
  'clients',
  'contacts',
  'notes',
  'policies',
  'renewals',
  'tickets',
  'book',
] as const;
export type ExportChoice = (typeof EXPORT_CHOICES)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;

export const exportInput = z.object({
  kind: z.enum(EXPORT_CHOICES),
  format: z.enum(EXPORT_FORMATS),
  /** Leads only: the view's filters and sort, as the Leads screen sends them to leads.list. */
  leads: leadsViewQuery.optional(),
  /** Leads only: the view's visible columns, in order (keys of LEAD_EXPORT_COLUMNS). */
  columns: z.array(z.string().max(40)).max(40).optional(),
});

export interface UploadResult {
  upload_id: string;
  bytes: number;
}

export interface InspectResult {
  name: string;
  bytes: number;
  format: 'csv' | 'xlsx';
  headers: string[];
  /** A field per column, suggested from the headers. */
  suggested: (string | null)[];
}

export interface PreviewCell {
  column: string;
  field: string | null;
  raw: string;
  /** The value as it will be stored (text as shown), or null when empty or left out. */
  value: string | null;
  error: string | null;
}

export interface PreviewRow {
  row: number;
  cells: PreviewCell[];
  /** Problems not tied to one column (the row as a whole, a missing required field). */
  issues: RowIssue[];
}

export interface PreviewResult {
  headers: string[];
  rows: PreviewRow[];
}

export type RunStatus = 'running' | 'done' | 'cancelled' | 'failed' | 'undone';

/** An import or dry run as the wizard follows it: from the job's state, pushed by the change feed. */
export interface ImportRun {
  run_id: string;
  kind: ImportKind;
  dry_run: boolean;
  status: RunStatus;
  /** The stored job (a real import), once it has started. */
  import_id: string | null;
  /** Rows read so far, and the rows the file holds when known (from a dry run, or counted lines). */
  rows: number;
  total: number | null;
  per_second: number;
  created: number;
  updated: number;
  skipped: number;
  invalid: number;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

/** An import as this replica stored it (import_jobs). */
export interface StoredImport {
  import_id: string;
  kind: ImportKind;
  status: RunStatus;
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  invalid: number;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

export interface SavedMapping {
  name: string;
  kind: ImportKind;
  mapping: WizardMapping;
}

export interface DownloadResult {
  download_id: string;
  file_name: string;
  rows: number;
}

/** The URL a page downloads a prepared file from, in the web host. */
export const downloadPath = (id: string) => `/api/download/${id}`;

/** The Leads table's columns as an export names them (the same labels the table shows). */
export const LEAD_EXPORT_COLUMNS: Record<string, string> = {
  name: 'Name',
  status: 'Status',
  type: 'Insurance',
  owner: 'Owner',
  premium: 'Premium',
  priority: 'Priority',
  next_follow_up_at: 'Next follow-up',
  last_contacted_at: 'Last contact',
  updated_at: 'Updated',
  status_changed_at: 'In status since',
  created_at: 'Created',
  email: 'Email',
  phone: 'Phone',
  tags: 'Tags',
  kind: 'Kind',
};
