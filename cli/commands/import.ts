import { existsSync } from 'node:fs';
import { z } from 'zod';
import { readSetting, writeSetting } from '../../electron/main/actor';
import { ON_DUPLICATE, resumeImport, runImport, type ImportDeps } from '../../electron/main/import/job';
import { importIssues, undoImport, writeReport } from '../../electron/main/import/undo';
import { AppError } from '../../shared/errors';
import { IMPORT_KINDS } from '../../shared/import/fields';
import type { ImportMapping } from '../../shared/import/mapping';
import { DATE_ORDERS } from '../../shared/import/transform';
import type { RowIssue } from '../../shared/import/row-types';
import { dbOption, parseOptions } from '../args';
import { withReplica } from './replica';

const mappingKey = (name: string) => `import_mapping:${name}`;

/** A mapping given inline as JSON (an array of fields per column, or an object), or saved by name. */
function readMapping(db: ImportDeps['db'], value: string | undefined): Partial<ImportMapping> | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text.startsWith('[') || text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new AppError('invalid_input', '--mapping is not valid JSON', 'mapping');
    }
    return Array.isArray(parsed) ? { columns: parsed as (string | null)[] } : (parsed as Partial<ImportMapping>);
  }
  const saved = readSetting<Partial<ImportMapping>>(db, mappingKey(text));
  if (!saved) throw new AppError('not_found', `no saved mapping named "${text}"`, 'mapping');
  return saved;
}

export async function importCommand(argv: string[]) {
  const o = parseOptions(
    argv,
    z.object({
      db: dbOption,
      kind: z.enum(IMPORT_KINDS, { error: `--kind must be one of ${IMPORT_KINDS.join('|')}` }).optional(),
      file: z.string().optional(),
      mapping: z.string().optional(),
      'save-mapping': z.string().min(1).max(60).optional(),
      'on-duplicate': z.enum(ON_DUPLICATE).default('skip'),
      'date-order': z.enum(DATE_ORDERS).optional(),
      report: z.string().optional(),
      resume: z.string().optional(),
      'batch-rows': z.coerce.number().int().min(1).max(1000).optional(),
      'dry-run': z.boolean().optional(),
    }),
    ['dry-run'],
  );
  const dryRun = o['dry-run'] === true;
  if (!o.resume && (!o.kind || !o.file))
    throw new AppError('invalid_input', '--kind and --file are required (or --resume ID)');
  if (o.file && !existsSync(o.file)) throw new AppError('not_found', `no file at ${o.file}`, 'file');
  return withReplica(o.db, true, async (app) => {
    const deps: ImportDeps = {
      db: app.db,
      actor: app.actor,
      exclusive: (fn) => app.writer.exclusive(fn),
      batchRows: o['batch-rows'],
    };
    const mapping = { ...readMapping(app.db, o.mapping), ...(o['date-order'] ? { dateOrder: o['date-order'] } : {}) };
    const result = o.resume
      ? await resumeImport(deps, o.resume)
      : await runImport(deps, {
          kind: o.kind!,
          file: o.file!,
          mapping,
          onDuplicate: o['on-duplicate'],
          dryRun,
        });
    if (o['save-mapping'] && !dryRun) {
      const job = app.db.prepare('SELECT options FROM import_jobs WHERE id = ?').get(result.import_id) as
        { options: string } | undefined;
      if (job)
        writeSetting(app.db, mappingKey(o['save-mapping']), (JSON.parse(job.options) as { mapping: unknown }).mapping);
    }
    if (o.report) {
      const issues = (result as { issues?: RowIssue[] }).issues ?? importIssues(deps, result.import_id);
      await writeReport(o.report, issues);
    }
    const { issues: _issues, ...rest } = result as typeof result & { issues?: unknown };
    return rest;
  });
}

export async function undoImportCommand(argv: string[]) {
  const o = parseOptions(argv, z.object({ db: dbOption, import: z.string({ error: '--import ID is required' }) }));
  return withReplica(o.db, false, (app) =>
    undoImport({ db: app.db, actor: app.actor, exclusive: (fn) => app.writer.exclusive(fn) }, o.import),
  );
}
