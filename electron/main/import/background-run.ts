import { rm } from 'node:fs/promises';
import type { ChangeFeed, ChangeTable } from '../../../db/sqlite/change-feed';
import type { ReplicaDb } from '../../../db/sqlite/open';
import type { ImportRun } from '../../../shared/api/files';
import { AppError } from '../../../shared/errors';
import type { ImportKind } from '../../../shared/import/fields';
import type { RowIssue } from '../../../shared/import/row-types';
import type { Actor } from '../../../shared/mutations/define';
import type { ImportDeps, ImportSummary } from './job';

/** A run the wizard follows: what the page sees, plus what only the main process holds. */
export interface LiveRun extends ImportRun {
  controller: AbortController;
  file: string;
  /** A dry run's report, kept in memory (nothing of a dry run is stored). */
  issues: RowIssue[];
}

export interface RunDeps {
  db: ReplicaDb;
  actor: () => Actor;
  changes: ChangeFeed;
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
}

/** What a committed batch of each kind writes, for its one change event (the held ones come at the end). */
const IMPORT_TABLES: Record<ImportKind, ChangeTable[]> = {
  leads: ['leads', 'addresses', 'timeline_events'],
  clients: ['clients', 'addresses', 'timeline_events'],
  contacts: ['contacts'],
  notes: ['lead_notes'],
  policies: ['policies', 'timeline_events'],
};

/** The run as the page sees it: counts from the stored job once it exists. */
export function runView(db: ReplicaDb, r: LiveRun): ImportRun {
  if (r.import_id && r.status === 'running') {
    const job = db
      .prepare('SELECT rows, created, updated, skipped, invalid FROM import_jobs WHERE id = ?')
      .get(r.import_id) as Pick<ImportRun, 'rows' | 'created' | 'updated' | 'skipped' | 'invalid'> | undefined;
    if (job) Object.assign(r, job);
  }
  const { controller: _c, file: _f, issues: _i, ...shown } = r;
  return shown;
}

/**
 * Runs an import (or dry run, or resumed import) in the background, keeping `run` up to date.
 * Each row's writes are noted outside a feed transaction (one event per await otherwise, which
 * would make every open screen re-read thousands of times): held and sent once at the end,
 * while each committed batch sends one event of its own.
 */
export function launchRun(
  deps: RunDeps,
  run: LiveRun,
  go: (jobDeps: ImportDeps) => Promise<ImportSummary & { issues?: RowIssue[] }>,
  hooks: { imported: (file: string) => void; updated: () => void },
): void {
  const { db, changes } = deps;
  const findJob = () => {
    if (run.dry_run || run.import_id) return;
    const job = db
      .prepare('SELECT id FROM import_jobs WHERE file = ? ORDER BY started_at DESC LIMIT 1')
      .get(run.file) as { id: string } | undefined;
    run.import_id = job?.id ?? null;
  };
  const batchTables: ChangeTable[] = run.dry_run ? ['import_jobs'] : ['import_jobs', ...IMPORT_TABLES[run.kind]];
  const jobDeps: ImportDeps = {
    db,
    actor: deps.actor,
    exclusive: deps.exclusive,
    signal: run.controller.signal,
    onProgress: (p) => {
      findJob();
      run.rows = p.rows;
      run.per_second = p.perSecond;
      changes.emit(batchTables, 'local');
    },
  };
  void changes
    .quietly('local', () => go(jobDeps))
    .then(
      (summary) => {
        findJob();
        Object.assign(run, {
          import_id: run.dry_run ? null : summary.import_id,
          rows: summary.rows,
          created: summary.created,
          updated: summary.updated,
          skipped: summary.skipped,
          invalid: summary.invalid,
          status: summary.status === 'cancelled' ? 'cancelled' : summary.status === 'undone' ? 'undone' : 'done',
          finished_at: new Date().toISOString(),
          issues: summary.issues ?? [],
        });
        // A finished import needs its file no more (a stopped one keeps it, to resume from).
        if (!run.dry_run && run.status === 'done') {
          hooks.imported(run.file);
          void rm(run.file, { force: true });
        }
        hooks.updated();
      },
      (err: unknown) => {
        findJob();
        run.status = 'failed';
        run.error = err instanceof AppError ? err.message : 'the import failed; the error was logged';
        run.finished_at = new Date().toISOString();
        if (!(err instanceof AppError)) console.error('import failed', err);
        hooks.updated();
      },
    );
}
