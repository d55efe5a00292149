import { mkdirSync } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { ChangeFeed, ChangeTable } from '../../../db/sqlite/change-feed';
import type { ReplicaDb } from '../../../db/sqlite/open';
import { settings } from '../../../db/sqlite/sync-state';
import type {
  ImportRun,
  InspectResult,
  PreviewCell,
  PreviewResult,
  SavedMapping,
  StoredImport,
  UploadResult,
  WizardMapping,
  inspectInput,
  issuesInput,
  previewInput,
  saveMappingInput,
  startImportInput,
  uploadInput,
} from '../../../shared/api/files';
import { MAX_UPLOAD_BYTES, UPLOAD_EXTENSIONS } from '../../../shared/api/files';
import { AppError } from '../../../shared/errors';
import { IMPORT_FIELDS, type ImportKind } from '../../../shared/import/fields';
import { importMapping, suggestMapping } from '../../../shared/import/mapping';
import { mapRow, planRow, type RowContext, type RowIssue } from '../../../shared/import/rows';
import { uuidv7 } from '../../../shared/ids';
import type { Actor } from '../../../shared/mutations/define';
import { cellString } from '../../../shared/export/cells';
import { resumeImport, runImport, type ImportDeps, type ImportSummary } from './job';
import { openTableFile } from './read-file';
import { parentResolver } from './replica-index';
import { importIssues, undoImport } from './undo';

export interface WizardDeps {
  db: ReplicaDb;
  actor: () => Actor;
  changes: ChangeFeed;
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Where uploaded files are kept (under the app's data folder): an import resumes from its file. */
  dir: string;
}

interface Upload {
  file: string;
  name: string;
  bytes: number;
  complete: boolean;
}

interface LiveRun extends ImportRun {
  controller: AbortController;
  file: string;
  /** A dry run's report, kept in memory (nothing of a dry run is stored). */
  issues: RowIssue[];
}

const MAPPING_PREFIX = 'import_mapping:';

/** What a committed batch of each kind writes, for its one change event (the held ones come at the end). */
const IMPORT_TABLES: Record<ImportKind, ChangeTable[]> = {
  leads: ['leads', 'addresses', 'timeline_events'],
  clients: ['clients', 'addresses', 'timeline_events'],
  contacts: ['contacts'],
  notes: ['lead_notes'],
  policies: ['policies', 'timeline_events'],
};

/**
 * The import wizard's side of the main process: the file arrives in chunks and is written to a
 * file as it comes (never held whole), the wizard reads its headers and a preview, then starts a
 * dry run or an import, whose progress it follows through `imports.run`: every committed batch
 * emits `import_jobs` on the change feed, so the page re-reads the job's state (no timers).
 */
export function createImportWizard(deps: WizardDeps) {
  const { db, changes } = deps;
  const uploads = new Map<string, Upload>();
  const runs = new Map<string, LiveRun>();
  const updated = () => changes.emit(['import_jobs'], 'local');

  const uploadOf = (id: string): Upload => {
    const u = uploads.get(id);
    if (!u)
      throw new AppError('not_found', 'the file was not uploaded (or the app restarted): pick it again', 'upload_id');
    if (!u.complete) throw new AppError('precondition_failed', 'the file is still uploading', 'upload_id');
    return u;
  };

  const contextFor = (kind: ImportKind, mapping: WizardMapping, headers: string[]): RowContext => {
    const parsed = importMapping.parse({ ...mapping, kind });
    if (parsed.columns.length !== headers.length)
      throw new AppError(
        'invalid_input',
        `the mapping has ${parsed.columns.length} columns; the file has ${headers.length}`,
        'mapping.columns',
      );
    const ctx: RowContext = { mapping: parsed, headers };
    if (kind === 'contacts' || kind === 'notes') ctx.resolveParent = parentResolver(db);
    return ctx;
  };

  const runOf = (id: string): LiveRun => {
    const r = runs.get(id);
    if (!r) throw new AppError('not_found', 'no such import run (the app may have restarted)', 'run_id');
    return r;
  };

  /** The run as the page sees it: counts from the stored job once it exists. */
  const view = (r: LiveRun): ImportRun => {
    if (r.import_id && r.status === 'running') {
      const job = db
        .prepare('SELECT rows, created, updated, skipped, invalid FROM import_jobs WHERE id = ?')
        .get(r.import_id) as Pick<ImportRun, 'rows' | 'created' | 'updated' | 'skipped' | 'invalid'> | undefined;
      if (job) Object.assign(r, job);
    }
    const { controller: _c, file: _f, issues: _i, ...shown } = r;
    return shown;
  };

  /**
   * Runs an import (or dry run, or resumed import) in the background, keeping `run` up to date.
   * Each row's writes are noted outside a feed transaction (one event per await otherwise, which
   * would make every open screen re-read thousands of times): held and sent once at the end,
   * while each committed batch sends one event of its own.
   */
  const launch = (run: LiveRun, go: (jobDeps: ImportDeps) => Promise<ImportSummary & { issues?: RowIssue[] }>) => {
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
            for (const [id, u] of uploads) if (u.file === run.file) uploads.delete(id);
            void rm(run.file, { force: true });
          }
          updated();
        },
        (err: unknown) => {
          findJob();
          run.status = 'failed';
          run.error = err instanceof AppError ? err.message : 'the import failed; the error was logged';
          run.finished_at = new Date().toISOString();
          if (!(err instanceof AppError)) console.error('import failed', err);
          updated();
        },
      );
  };

  return {
    async upload(input: z.output<typeof uploadInput>): Promise<UploadResult> {
      let u: Upload;
      let id = input.upload_id;
      if (!id) {
        if (input.offset !== 0) throw new AppError('invalid_input', 'a new upload starts at offset 0', 'offset');
        id = uuidv7();
        const ext = UPLOAD_EXTENSIONS.find((e) => input.name.toLowerCase().endsWith(e))!;
        mkdirSync(deps.dir, { recursive: true });
        u = { file: path.join(deps.dir, `${id}${ext}`), name: input.name, bytes: 0, complete: false };
        uploads.set(id, u);
      } else {
        const found = uploads.get(id);
        if (!found) throw new AppError('not_found', 'no such upload', 'upload_id');
        if (found.complete) throw new AppError('precondition_failed', 'the upload is already complete', 'upload_id');
        u = found;
      }
      if (input.offset !== u.bytes)
        throw new AppError('invalid_input', `expected the chunk at offset ${u.bytes}, got ${input.offset}`, 'offset');
      const chunk = Buffer.from(input.data, 'base64');
      if (u.bytes + chunk.length > MAX_UPLOAD_BYTES) {
        uploads.delete(id);
        await rm(u.file, { force: true });
        throw new AppError('invalid_input', `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`, 'data');
      }
      const fh = await open(u.file, u.bytes === 0 ? 'w' : 'a');
      try {
        await fh.write(chunk);
      } finally {
        await fh.close();
      }
      u.bytes += chunk.length;
      u.complete = input.last;
      return { upload_id: id, bytes: u.bytes };
    },

    async inspect({ upload_id, kind }: z.output<typeof inspectInput>): Promise<InspectResult> {
      const u = uploadOf(upload_id);
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
      const u = uploadOf(upload_id);
      const table = await openTableFile(u.file);
      try {
        const ctx = contextFor(kind, mapping, table.headers);
        const rows: PreviewResult['rows'] = [];
        for await (const fileRow of table.rows) {
          const mapped = mapRow(ctx, fileRow.row, fileRow.cells);
          const planned = planRow(kind, mapped, { kind: 'create' }, ctx);
          const issues = [...mapped.issues, ...(planned.ok ? [] : planned.issues)];
          const cells: PreviewCell[] = table.headers.map((column, i) => {
            const field = ctx.mapping.columns[i] ?? null;
            const value = field === 'full_name' ? fullName(mapped.values) : field ? mapped.values[field] : undefined;
            const error = issues.find((x) => x.column === column)?.reason ?? null;
            return {
              column,
              field,
              raw: fileRow.cells[i] ?? '',
              // A cell with a problem is not stored as it is: no value to show for it.
              value: error || value === undefined || value === null ? null : shown(value),
              error,
            };
          });
          rows.push({ row: fileRow.row, cells, issues: issues.filter((x) => !table.headers.includes(x.column)) });
          if (rows.length >= limit) break;
        }
        return { headers: table.headers, rows };
      } finally {
        table.close();
      }
    },

    /** Starts a dry run or an import in the background; the page follows it with `imports.run`. */
    async start(input: z.output<typeof startImportInput>): Promise<ImportRun> {
      const u = uploadOf(input.upload_id);
      const table = await openTableFile(u.file);
      table.close();
      contextFor(input.kind, input.mapping, table.headers); // a bad mapping fails here, not in the background
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

    mappings: async ({ kind }: { kind: ImportKind }): Promise<SavedMapping[]> => {
      const rows = db
        .prepare(`SELECT key, value FROM local_settings WHERE key >= ? AND key < ? ORDER BY key`)
        .all(MAPPING_PREFIX, `${MAPPING_PREFIX}\uffff`) as { key: string; value: string }[];
      return rows
        .map((r) => ({ name: r.key.slice(MAPPING_PREFIX.length), saved: JSON.parse(r.value) as { kind?: string } }))
        .filter((r) => r.saved.kind === kind)
        .map((r) => {
          const { kind: _k, ...mapping } = r.saved as WizardMapping & { kind: ImportKind };
          return { name: r.name, kind, mapping };
        });
    },

    /** Saved under the same key the CLI's --save-mapping uses, so either finds the other's. */
    saveMapping: async ({ name, kind, mapping }: z.output<typeof saveMappingInput>) => {
      const parsed = importMapping.parse({ ...mapping, kind });
      settings.write(db, `${MAPPING_PREFIX}${name}`, parsed);
      return { name, kind, mapping: parsed } satisfies SavedMapping;
    },

    /** The fields of a kind, for the mapping selects. */
    fields: (kind: ImportKind) => IMPORT_FIELDS[kind],
  };
}
export type ImportWizard = ReturnType<typeof createImportWizard>;

function fullName(values: Record<string, unknown>): string | null {
  const parts = [values.first_name, values.last_name].filter((v) => typeof v === 'string' && v !== '');
  return parts.length ? parts.join(' ') : null;
}

function shown(v: unknown): string {
  if (Array.isArray(v)) return v.map(String).join(', ');
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return cellString(v);
}
