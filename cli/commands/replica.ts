import { existsSync } from 'node:fs';
import { z } from 'zod';
import { AppError, type Result } from '../../shared/errors';
import { CONVERTED_STATUS_ID, LEAD_STATUSES, INSURANCE_TYPES } from '../../shared/lookups';
import { openApp, type FieldlineApp } from '../../electron/main/app';
import { fileTokenVault } from '../../electron/main/sync/token-file';
import type { CommandName, CommandInput } from '../../shared/api/contract';
import { dbOption, intOption, parseOptions, usageError } from '../args';

/**
 * Opens the replica a command names; reading commands refuse to create a new, empty one. The
 * sync token lives in a 0600 file beside it (a token an older CLI kept inside is moved there).
 */
export async function withReplica<T>(path: string, create: boolean, fn: (app: FieldlineApp) => Promise<T>) {
  if (!create && !existsSync(path)) throw new AppError('not_found', `no replica at ${path}`);
  const app = openApp(path, { tokenVault: fileTokenVault(path) });
  try {
    return await fn(app);
  } finally {
    app.close();
    // After a crash the full check runs beside the command; its verdict is said before exiting.
    const damage = await app.integrity;
    if (damage) process.stderr.write(`warning: ${damage.message}\n`);
  }
}

/** Runs an API command and returns its value, or throws its error: the CLI's single path. */
export async function call<C extends CommandName>(app: FieldlineApp, command: C, input: CommandInput<C>) {
  const result = (await app.dispatch(command, input)) as Result<unknown>;
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.field);
  return result.value;
}

/** A lookup given by code or by name, case-insensitively (`--status quoted`, `--type "Personal Auto"`). */
function lookupByName(list: ReadonlyArray<{ id: string; code: string; name: string }>, what: string, value: string) {
  const v = value.trim().toLowerCase();
  const found = list.find((x) => x.code === v || x.name.toLowerCase() === v);
  if (!found) usageError(`unknown ${what} "${value}" (known: ${list.map((x) => x.code).join(', ')})`);
  return found.id;
}
export const statusId = (name: string) => lookupByName(LEAD_STATUSES, 'status', name);
export const typeId = (name: string) => lookupByName(INSURANCE_TYPES, 'insurance type', name);

export async function leadsCommand(argv: string[]) {
  const o = parseOptions(
    argv,
    z.object({
      db: dbOption,
      status: z.string().optional(),
      type: z.string().optional(),
      limit: intOption(1, 500).default(50),
    }),
  );
  const status = o.status ? statusId(o.status) : undefined;
  return withReplica(o.db, false, (app) =>
    call(app, 'leads.list', {
      status_ids: status ? [status] : undefined,
      insurance_type_ids: o.type ? [typeId(o.type)] : undefined,
      // The list hides converted leads; asking for the converted status by name means them.
      include_converted: status === CONVERTED_STATUS_ID,
      limit: o.limit,
    }),
  );
}

export async function searchCommand(argv: string[]) {
  const o = parseOptions(argv, z.object({ db: dbOption, limit: intOption(1, 100).default(20) }));
  const text = o._.join(' ');
  if (!text.trim()) usageError('search needs the text to find: search --db FILE "TEXT"');
  return withReplica(o.db, false, (app) => call(app, 'search.global', { text, limit: o.limit }));
}

export async function showCommand(argv: string[]) {
  const o = parseOptions(argv, z.object({ db: dbOption, lead: z.string({ error: '--lead ID is required' }) }));
  return withReplica(o.db, false, async (app) => {
    const detail = (await call(app, 'leads.get', { id: o.lead })) as { client: { id: string } | null };
    const client = detail.client ? await call(app, 'clients.get', { id: detail.client.id }) : null;
    return { ...detail, client_detail: client };
  });
}
