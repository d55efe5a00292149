import { stat } from 'node:fs/promises';
import type { z } from 'zod';
import type {
  ImportRun,
  InspectResult,
  PreviewResult,
  SavedMapping,
  StoredImport,
  UploadResult,
  inspectInput,
  issuesInput,
  previewInput,
  saveMappingInput,
  startImportInput,
  uploadInput,
} from '../../../shared/api/files';
import { AppError } from '../../../shared/errors';
import { IMPORT_FIELDS, type ImportKind } from '../../../shared/import/fields';
import { suggestMapping } from '../../../shared/import/mapping';
import type { RowIssue } from '../../../shared/import/row-types';
import { uuidv7 } from '../../../shared/ids';
import { launchRun, runView, type LiveRun, type RunDeps } from './background-run';
import { resumeImport, runImport } from './job';
import { previewFile, rowContextFor } from './preview';
import { openTableFile } from './read-file';
import { saveMapping, savedMappings } from './saved-mappings';
import { importIssues, undoImport } from './undo';
import { createUploads } from './uploads';

export interface WizardDeps extends RunDeps {
  /** Where uploaded files are kept (under the app's data folder): an import resumes from its file. */
  dir: string;
}

/**
 * The import wizard's side of the main process: the file arrives in chunks and is written to a
 * file as it comes (never held whole), the wizard reads its headers and a preview, then starts a
 * dry run or an import, whose progress it follows through `imports.run`: every committed batch
 * emits `import_jobs` on the change feed, so the page re-reads the job's state (no timers).
 */
export function createImportWizard(deps: WizardDeps) {
  const { db, changes } = deps;
  const uploads = createUploads(deps.dir);
  const runs = new Map<string, LiveRun>();
  const updated = () => changes.emit(['import_jobs'], 'local');
  const view = (r: LiveRun) => runView(db, r);
  const launch = (run: LiveRun, go: Parameters<typeof launchRun>[2]) =>
    launchRun(deps, run, go, { imported: uploads.forgetFile, updated });

  const runOf = (id: string): LiveRun => {
    const r = runs.get(id);
    if (!r) throw new AppError('not_found', 'no such import run (the app may have restarted)', 'run_id');
    return r;
  };

  return {
    upload: (input: z.output<typeof uploadInput>): Promise<UploadResult> => uploads.write(input),

    async inspect({ upload_id, kind }: z.output<typeof inspectInput>): Promise<InspectResult> {
      const u = uploads.complete(upload_id);
      const table = await openTableFile(u.file);
      table.close();
      return {
        name: u.name,
        bytes: (await stat(u.file)).size,
        format: table.format,
        headers: table.headers,
        suggested: suggestMapping(kind, table.headers),
      };
    },

    /** The first rows exactly as they would be stored, with each cell's problem. */
    async preview({ upload_id, kind, mapping, limit }: z.output<typeof previewInput>): Promise<PreviewResult> {
      const u = uploads.complete(upload_id);
      return previewFile(db, u.file, kind, mapping, limit);
    },

    /** Starts a dry run or an import in the background; the page follows it with `imports.run`. */
    async start(input: z.output<typeof startImportInput>): Promise<ImportRun> {
      const u = uploads.complete(input.upload_id);
      const table = await openTableFile(u.file);
      table.close();
      rowContextFor(db, input.kind, input.mapping, table.headers); // a bad mapping fails here, not in the background
      const dryTotal = [...runs.values()].find((r) => r.file === u.file && r.dry_run && r.status === 'done')?.rows;
      const run: LiveRun = {
        run_id: uuidv7(),
        kind: input.kind,
        dry_run: input.dry_run,
        status: 'running',
        import_id: null,
        rows: 0,
        total: dryTotal ?? null,
        per_second: 0,
        created: 0,
        updated: 0,
        skipped: 0,
        invalid: 0,
        error: null,
        started_at: new Date().toISOString(),
        finished_at: null,
        controller: new AbortController(),
        file: u.file,
        issues: [],
      };
      runs.set(run.run_id, run);
      launch(run, (jobDeps) =>
        runImport(jobDeps, {
          kind: input.kind,
          file: u.file,
          mapping: { ...input.mapping, columns: input.mapping.columns },
          onDuplicate: input.on_duplicate,
          dryRun: input.dry_run,
        }),
      );
      return view(run);
    },

    run: async ({ run_id }: { run_id: string }) => view(runOf(run_id)),

    /** This replica's imports, newest first (Settings lists them to open, resume or undo). */
    list: async (): Promise<StoredImport[]> =>
      db
        .prepare(
          `SELECT id AS import_id, kind, status, rows, created, updated, skipped, invalid, error, started_at, finished_at
             FROM import_jobs ORDER BY started_at DESC LIMIT 20`,
        )
        .all() as StoredImport[],

    /** A stored import as a run the wizard can show (report, undo, resume), after a restart too. */
    async open({ import_id }: { import_id: string }): Promise<ImportRun> {
      const live = [...runs.values()].find((r) => r.import_id === import_id);
      if (live) return view(live);
      const job = db.prepare('SELECT * FROM import_jobs WHERE id = ?').get(import_id) as
        (StoredImport & { file: string }) | undefined;
      if (!job) throw new AppError('not_found', `import ${import_id} does not exist`, 'import_id');
      const run: LiveRun = {
        run_id: uuidv7(),
        kind: job.kind,
        dry_run: false,
        // Marked running but not running here: the app stopped mid-import; it can be resumed.
        status: job.status === 'running' ? 'cancelled' : job.status,
        import_id,
        rows: job.rows,
        total: null,
        per_second: 0,
        created: job.created,
        updated: job.updated,
        skipped: job.skipped,
        invalid: job.invalid,
        error: job.error,
        started_at: job.started_at,
        finished_at: job.finished_at,
        controller: new AbortController(),
        file: job.file,
        issues: [],
      };
      runs.set(run.run_id, run);
      return view(run);
    },

    /** Goes on with a stopped import after its last committed batch (the same job, the same report). */
    async resume({ run_id }: { run_id: string }): Promise<ImportRun> {
      const run = runOf(run_id);
      if (run.dry_run || !run.import_id)
        throw new AppError('precondition_failed', 'only a stored import resumes', 'run_id');
      if (run.status === 'running')
        throw new AppError('precondition_failed', 'the import is already running', 'run_id');
      if (run.status === 'done' || run.status === 'undone')
        throw new AppError('precondition_failed', `the import is ${run.status}: nothing to resume`, 'run_id');
      Object.assign(run, { status: 'running', error: null, finished_at: null, controller: new AbortController() });
      const importId = run.import_id;
      launch(run, (jobDeps) => resumeImport(jobDeps, importId));
      updated();
      return view(run);
    },

    cancel: async ({ run_id }: { run_id: string }) => {
      const r = runOf(run_id);
      r.controller.abort();
      return view(r);
    },

    /** A run's invalid rows: the dry run's from memory, an import's from its stored report. */
    async issues({ run_id, limit }: z.output<typeof issuesInput>): Promise<RowIssue[]> {
      const r = runOf(run_id);
      if (r.dry_run) return r.issues.slice(0, limit);
      if (!r.import_id) return [];
      const out: RowIssue[] = [];
      for (const i of importIssues({ db }, r.import_id)) {
        out.push(i);
        if (out.length >= limit) break;
      }
      return out;
    },

    /** Every issue of a run, for the report file. */
    allIssues(run_id: string): Iterable<RowIssue> {
      const r = runOf(run_id);
      if (r.dry_run) return r.issues;
      return r.import_id ? importIssues({ db }, r.import_id) : [];
    },

    async undo({ run_id }: { run_id: string }) {
      const r = runOf(run_id);
      if (!r.import_id || r.dry_run)
        throw new AppError('precondition_failed', 'a dry run stores nothing to undo', 'run_id');
      const result = await changes.quietly('local', () =>
        undoImport({ db, actor: deps.actor, exclusive: deps.exclusive }, r.import_id!),
      );
      r.status = 'undone';
      updated();
      return result;
    },

    mappings: async ({ kind }: { kind: ImportKind }): Promise<SavedMapping[]> => savedMappings(db, kind),

    /** Saved under the same key the CLI's --save-mapping uses, so either finds the other's. */
    saveMapping: async (input: z.output<typeof saveMappingInput>) => saveMapping(db, input),

    /** The fields of a kind, for the mapping selects. */
    fields: (kind: ImportKind) => IMPORT_FIELDS[kind],
  };
}
export type ImportWizard = ReturnType<typeof createImportWizard>;
