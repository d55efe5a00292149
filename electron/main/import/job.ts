import { CapturingTx } from '../../../db/sqlite/capturing-tx';
import type { ReplicaDb } from '../../../db/sqlite/open';
import { mapSqliteError } from '../../../db/sqlite/writer';
import { AppError } from '../../../shared/errors';
import { matchKeys } from '../../../shared/import/duplicates';
import type { ImportKind } from '../../../shared/import/fields';
import { importMapping, mappingIssue, suggestMapping, type ImportMapping } from '../../../shared/import/mapping';
import {
  mapRow,
  matchFields,
  planRow,
  runIssue,
  type MappedRow,
  type RowContext,
  type RowIssue,
  type RowPlan,
} from '../../../shared/import/rows';
import { uuidv7 } from '../../../shared/ids';
import type { Actor } from '../../../shared/mutations/define';
import { IMPORT_BATCH_MAX_ITEMS, importBatch } from '../../../shared/mutations/import';
import { openTableFile, type FileRow } from './read-file';
import { buildDuplicateIndex, carrierResolver, clientResolver, parentResolver } from './replica-index';

export const ON_DUPLICATE = ['create', 'update', 'skip'] as const;
export type OnDuplicate = (typeof ON_DUPLICATE)[number];

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

export interface ImportDeps {
  db: ReplicaDb;
  actor: () => Actor;
  /** Serializes the import's transactions with the app's other writes (ReplicaWriter.exclusive). */
  exclusive?: <T>(fn: () => Promise<T>) => Promise<T>;
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

interface Outcome {
  row: number;
  outcome: 'created' | 'updated' | 'skipped' | 'invalid';
  table?: string;
  recordId?: string;
  created?: RowPlan['created'];
  matchKey?: string;
  issues?: RowIssue[];
}

interface Pending {
  mapped: MappedRow;
  plan: RowPlan;
  outcome: Outcome;
  /** The row's items as JSON, without the array's brackets: sized once, then joined into the outbox entry. */
  json?: string;
}

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
    const done = await commitBatch(deps, job, batch, others, lastRow, dry, ctx);
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
      const outcome = planOne(job.kind, fileRow, ctx, index, onDuplicate);
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

/** What one file row becomes: a planned mutation, a skip, or the report's lines. */
function planOne(
  kind: ImportKind,
  fileRow: FileRow,
  ctx: RowContext,
  index: ReturnType<typeof buildDuplicateIndex>,
  onDuplicate: OnDuplicate,
): Pending | Outcome {
  const width = ctx.headers.length;
  const extra = fileRow.cells.slice(width).filter((c) => c.trim() !== '');
  if (fileRow.cells.length < width || extra.length > 0) {
    const reason = `has ${fileRow.cells.length} cells; the header has ${width}`;
    return {
      row: fileRow.row,
      outcome: 'invalid',
      issues: [{ row: fileRow.row, column: '', value: fileRow.cells.join(','), reason }],
    };
  }
  const mapped = mapRow(ctx, fileRow.row, fileRow.cells);
  if (mapped.issues.length > 0) {
    // The schema's view of the other cells too, so one pass of the report lists every bad cell.
    const planned = planRow(kind, mapped, { kind: 'create' }, ctx);
    const more = planned.ok ? [] : planned.issues.filter((i) => !mapped.issues.some((m) => m.column === i.column));
    const issues = [...mapped.issues, ...more].sort(
      (a, b) => ctx.headers.indexOf(a.column) - ctx.headers.indexOf(b.column),
    );
    return { row: fileRow.row, outcome: 'invalid', issues };
  }
  const parentKey = mapped.values.parent_key;
  const parent = parentKey !== undefined ? ctx.resolveParent?.(String(parentKey)) : null;
  const parentId = parent ? ('lead_id' in parent ? parent.lead_id : parent.client_id) : null;
  const keys = matchKeys(kind, matchFields(mapped, parentId, ctx));
  const match = index.match(keys);
  const table = kind === 'notes' ? 'lead_notes' : kind;
  if (match && (onDuplicate === 'skip' || (onDuplicate === 'update' && kind === 'notes')))
    return { row: fileRow.row, outcome: 'skipped', table, recordId: match.id, matchKey: match.key };
  const action =
    match && onDuplicate === 'update' ? ({ kind: 'update', id: match.id } as const) : ({ kind: 'create' } as const);
  const planned = planRow(kind, mapped, action, ctx);
  if (!planned.ok) return { row: fileRow.row, outcome: 'invalid', issues: planned.issues };
  if (planned.plan.items.length === 0)
    return { row: fileRow.row, outcome: 'skipped', table, recordId: planned.plan.recordId, matchKey: match?.key };
  if (action.kind === 'create') index.add(keys, planned.plan.recordId);
  return {
    mapped,
    plan: planned.plan,
    outcome: {
      row: fileRow.row,
      outcome: action.kind === 'create' ? 'created' : 'updated',
      table,
      recordId: planned.plan.recordId,
      created: planned.plan.created,
      matchKey: match?.key,
    },
  };
}

/**
 * Applies a batch's rows as one importBatch mutation and records, in the same transaction, its
 * outbox entry, every row's outcome, the report's lines and the job's position. A row whose
 * mutation fails is taken out with its reason and the rest retried: nothing half-written.
 */
async function commitBatch(
  deps: ImportDeps,
  job: JobRow,
  batch: Pending[],
  others: Outcome[],
  position: number,
  dry: boolean,
  ctx: RowContext,
): Promise<Outcome[]> {
  const { db } = deps;
  let rows = batch;
  const failed: Outcome[] = [];
  const attempt = async (): Promise<Outcome[]> => {
    const items = rows.flatMap((p) => p.plan.items);
    const owners = rows.flatMap((p) => p.plan.items.map(() => p));
    const now = new Date().toISOString();
    db.exec(dry ? 'SAVEPOINT import_batch' : 'BEGIN IMMEDIATE');
    try {
      if (items.length > 0) {
        // Each item was parsed by its mutation's schema (and checked for unstorable text) when
        // its row was planned, so the batch runs as parsed, and the outbox records those args.
        const args = { import_id: job.id, items };
        await importBatch.run(new CapturingTx(db), args, { actor: deps.actor(), now, side: 'replica' });
        // The same text JSON.stringify(args) gives, from the rows' JSON made when they were sized.
        const parts = rows.map((p) => p.json ?? JSON.stringify(p.plan.items).slice(1, -1)).filter((j) => j !== '');
        const json = `{"import_id":${JSON.stringify(job.id)},"items":[${parts.join(',')}]}`;
        if (!dry)
          db.prepare('INSERT INTO outbox (id, name, args, created_at) VALUES (?, ?, ?, ?)').run(
            uuidv7(),
            'importBatch',
            json,
            now,
          );
      }
      const outcomes = [...rows.map((p) => p.outcome), ...failed, ...others].sort((a, b) => a.row - b.row);
      if (!dry) record(db, job, outcomes, position);
      db.exec(dry ? 'RELEASE import_batch' : 'COMMIT');
      return outcomes;
    } catch (err) {
      if (dry) db.exec('ROLLBACK TO import_batch; RELEASE import_batch');
      else if (db.inTransaction) db.exec('ROLLBACK');
      const e = mapSqliteError(err);
      const at = e instanceof AppError ? /^items\[(\d+)\]/.exec(e.field ?? '') : null;
      const culprit = at ? owners[Number(at[1])] : undefined;
      if (!culprit) throw e;
      const reason = runIssue(ctx, culprit.mapped, (e as AppError).field, (e as AppError).message);
      failed.push({ row: culprit.outcome.row, outcome: 'invalid', issues: [reason] });
      rows = rows.filter((p) => p !== culprit);
      return attempt();
    }
  };
  return deps.exclusive && !dry ? deps.exclusive(attempt) : attempt();
}

function record(db: ReplicaDb, job: JobRow, outcomes: Outcome[], position: number) {
  const row = db.prepare(
    `INSERT OR REPLACE INTO import_rows (import_id, row, outcome, table_name, record_id, created, match_key) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const issue = db.prepare(
    `INSERT OR REPLACE INTO import_issues (import_id, row, seq, "column", value, reason) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const counts = { created: 0, updated: 0, skipped: 0, invalid: 0 };
  for (const o of outcomes) {
    counts[o.outcome]++;
    row.run(
      job.id,
      o.row,
      o.outcome,
      o.table ?? null,
      o.recordId ?? null,
      o.created?.length ? JSON.stringify(o.created) : null,
      o.matchKey ?? null,
    );
    o.issues?.forEach((i, seq) => issue.run(job.id, o.row, seq, i.column, i.value, i.reason));
  }
  db.prepare(
    `UPDATE import_jobs SET position = ?, rows = rows + ?, created = created + ?, updated = updated + ?,
            skipped = skipped + ?, invalid = invalid + ? WHERE id = ?`,
  ).run(position, outcomes.length, counts.created, counts.updated, counts.skipped, counts.invalid, job.id);
}
