import { commitBatch, type BatchDeps } from './commit-batch';
import type { ReplicaDb } from '../../../db/sqlite/open';
import { AppError } from '../../../shared/errors';
import type { ImportKind } from '../../../shared/import/fields';
import { importMapping, mappingIssue, suggestMapping, type ImportMapping } from '../../../shared/import/mapping';
import type { RowContext, RowIssue } from '../../../shared/import/row-types';
import { uuidv7 } from '../../../shared/ids';
import { IMPORT_BATCH_MAX_ITEMS } from '../../../shared/mutations/import';
import { planFileRow, type OnDuplicate, type Outcome, type Pending } from './plan-file-row';
import { openTableFile } from './read-file';
import { buildDuplicateIndex, carrierResolver, clientResolver, parentResolver } from './replica-index';

export { ON_DUPLICATE, type OnDuplicate } from './plan-file-row';

export interface ImportRequest {
  kind: ImportKind;
  file: string;
  /** Column fields; suggested from the headers when left out. */
  mapping?: Partial<ImportMapping> & { columns?: (string | null)[] };
  onDuplicate?: OnDuplicate;
  dryRun?: boolean;
}

export interface ImportProgress {
  rows: number;
  perSecond: number;
}

export interface ImportSummary {
  import_id: string;
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  invalid: number;
  dry_run: boolean;
  status: string;
}

export interface ImportDeps extends BatchDeps {
  /** After each committed batch (the sync engine pushes). */
  onCommit?: () => void;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
  /** Rows per batch (each batch is one importBatch mutation, one transaction on each side). */
  batchRows?: number;
}

/** A batch's JSON is kept well under the gateway's 1 MB request body, which also carries other mutations. */
const BATCH_MAX_BYTES = 400 * 1024;
const DEFAULT_BATCH_ROWS = 500;
/**
 * SQLite's page cache while an import runs, in KiB (the replica's own is 64 MB). An import
 * appends, so a large cache buys it little, and the pages it fills stay resident: 8 MB keeps an
 * import of 100k clients about 60 MB smaller at the same speed (bench: import_peak_rss_mb).
 */
const IMPORT_CACHE_KIB = 8 * 1024;

interface JobRow {
  id: string;
  kind: ImportKind;
  file: string;
  options: string;
  status: string;
  position: number;
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  invalid: number;
}

/** Starts an import (or a dry run, which stores nothing) and runs it to the end. */
export async function runImport(deps: ImportDeps, req: ImportRequest): Promise<ImportSummary> {
  const table = await openTableFile(req.file);
  table.close();
  const mapping = importMapping.parse({
    kind: req.kind,
    ...req.mapping,
    columns: req.mapping?.columns ?? suggestMapping(req.kind, table.headers),
  });
  if (mapping.columns.length !== table.headers.length)
    throw new AppError(
      'invalid_input',
      `the mapping has ${mapping.columns.length} columns; the file has ${table.headers.length}`,
      'mapping',
    );
  const issue = mappingIssue(mapping);
  if (issue) throw new AppError('invalid_input', `mapping: ${issue}`, 'mapping');
  const job: JobRow = {
    id: uuidv7(),
    kind: req.kind,
    file: req.file,
    options: JSON.stringify({ mapping, onDuplicate: req.onDuplicate ?? 'skip' }),
    status: 'running',
    position: 0,
    rows: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    invalid: 0,
  };
  if (req.dryRun) return dryRun(deps, job);
  deps.db
    .prepare(`INSERT INTO import_jobs (id, kind, file, options, status, started_at) VALUES (?, ?, ?, ?, 'running', ?)`)
    .run(job.id, job.kind, job.file, job.options, new Date().toISOString());
  return execute(deps, job, false);
}

/** Continues an import a crash, a restart or a cancel stopped, after its last committed batch. */
export async function resumeImport(deps: ImportDeps, importId: string): Promise<ImportSummary> {
  const job = deps.db.prepare('SELECT * FROM import_jobs WHERE id = ?').get(importId) as JobRow | undefined;
  if (!job) throw new AppError('not_found', `import ${importId} does not exist`, 'import');
  if (job.status === 'done' || job.status === 'undone') return summary(job, false);
  deps.db.prepare(`UPDATE import_jobs SET status = 'running', error = NULL WHERE id = ?`).run(importId);
  return execute(deps, { ...job, status: 'running' }, false);
}

/** Imports this replica started and never finished (the app offers to resume them at start). */
export function unfinishedImports(db: ReplicaDb): string[] {
  return (
    db.prepare(`SELECT id FROM import_jobs WHERE status = 'running' ORDER BY started_at`).all() as { id: string }[]
  ).map((r) => r.id);
}

function summary(job: JobRow, dry: boolean): ImportSummary {
  const { id, rows, created, updated, skipped, invalid, status } = job;
  return { import_id: id, rows, created, updated, skipped, invalid, dry_run: dry, status };
}

/** A dry run: every batch applied inside one transaction that is rolled back; the report stays in memory. */
async function dryRun(deps: ImportDeps, job: JobRow): Promise<ImportSummary & { issues: RowIssue[] }> {
  const issues: RowIssue[] = [];
  const run = async () => {
    deps.db.exec('BEGIN IMMEDIATE');
    try {
      const s = await execute(deps, job, true, issues);
      return { ...s, issues };
    } finally {
      if (deps.db.inTransaction) deps.db.exec('ROLLBACK');
    }
  };
  return deps.exclusive ? deps.exclusive(run) : run();
}

async function execute(
  deps: ImportDeps,
  job: JobRow,
  dry: boolean,
  dryIssues: RowIssue[] = [],
): Promise<ImportSummary> {
  const { db } = deps;
  const { mapping, onDuplicate } = JSON.parse(job.options) as { mapping: ImportMapping; onDuplicate: OnDuplicate };
  const file = await openTableFile(job.file);
  const ctx: RowContext = { mapping, headers: file.headers };
  if (job.kind === 'contacts' || job.kind === 'notes') ctx.resolveParent = parentResolver(db);
  if (job.kind === 'policies') {
    ctx.resolveClient = clientResolver(db);
    ctx.resolveCarrier = carrierResolver(db);
  }
  const index = buildDuplicateIndex(db, job.kind);
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  const batchRows = Math.min(deps.batchRows ?? DEFAULT_BATCH_ROWS, IMPORT_BATCH_MAX_ITEMS / 2);
  const started = Date.now();
  let seen = 0;
  let pending: Pending[] = [];
  let settled: Outcome[] = [];
  let bytes = 0;
  let lastRow = job.position;

  const flush = async () => {
    if (pending.length === 0 && settled.length === 0) return;
    const batch = pending;
    const others = settled;
    pending = [];
    settled = [];
    bytes = 0;
    const done = await commitBatch(deps, job.id, batch, others, lastRow, dry, ctx);
    for (const o of done) {
      job.rows++;
      if (o.outcome === 'invalid') {
        job.invalid++;
        if (dry) dryIssues.push(...(o.issues ?? []));
      } else job[o.outcome]++;
    }
    job.position = lastRow;
    if (!dry) deps.onCommit?.();
    const secs = (Date.now() - started) / 1000;
    deps.onProgress?.({ rows: job.rows, perSecond: secs > 0 ? Math.round(seen / secs) : 0 });
  };

  try {
    for await (const fileRow of file.rows) {
      if (fileRow.row <= job.position) continue;
      seen++;
      lastRow = fileRow.row;
      const outcome = planFileRow(job.kind, fileRow, ctx, index, onDuplicate);
      if ('plan' in outcome) {
        outcome.json = JSON.stringify(outcome.plan.items).slice(1, -1);
        pending.push(outcome);
        bytes += outcome.json.length;
      } else settled.push(outcome);
      if (pending.length >= batchRows || bytes >= BATCH_MAX_BYTES || settled.length >= batchRows * 4) await flush();
      if (deps.signal?.aborted) break;
    }
    await flush();
  } catch (err) {
    if (!dry)
      db.prepare(`UPDATE import_jobs SET status = 'failed', error = ? WHERE id = ?`).run(
        String((err as Error).message),
        job.id,
      );
    throw err;
  } finally {
    file.close();
    db.pragma(`cache_size = ${cacheSize}`);
  }
  job.status = deps.signal?.aborted ? 'cancelled' : 'done';
  if (!dry)
    db.prepare(`UPDATE import_jobs SET status = ?, finished_at = ? WHERE id = ?`).run(
      job.status,
      new Date().toISOString(),
      job.id,
    );
  return summary(job, dry);
}
