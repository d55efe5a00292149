/** Fixtures for the query, API and CLI suites: a real replica file in a temp dir, written through the API. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { CommandInput, CommandName, CommandOutput } from '../../shared/api/contract';
import type { AppErrorShape, Result } from '../../shared/errors';
import { uuidv7 } from '../../shared/ids';
import { communicationTypeByCode, insuranceTypeByCode, statusByCode } from '../../shared/lookups';
import { openApp, type FieldlineApp } from '../../electron/main/app';

export const INS = {
  auto: insuranceTypeByCode('auto').id,
  home: insuranceTypeByCode('home').id,
  life: insuranceTypeByCode('life').id,
  bop: insuranceTypeByCode('bop').id,
};
export const STATUS = {
  new: statusByCode('new').id,
  contacted: statusByCode('contacted').id,
  qualified: statusByCode('qualified').id,
  quoted: statusByCode('quoted').id,
  converted: statusByCode('converted').id,
  lost: statusByCode('lost').id,
};
export const COMM = { call: communicationTypeByCode('call').id, email: communicationTypeByCode('email').id };

/** A fresh, unused id (never names a row). */
export const newId = () => uuidv7();

export interface TempApp {
  readonly app: FieldlineApp;
  readonly dir: string;
  readonly path: string;
}

/** Opens a new replica file in its own temp dir; the caller closes it with closeTemp. */
export function openTemp(options: Parameters<typeof openApp>[1] = {}): TempApp {
  const dir = mkdtempSync(join(tmpdir(), 'fieldline-q-'));
  const path = join(dir, 'replica.db');
  return { app: openApp(path, options), dir, path };
}

export function closeTemp(t: TempApp | undefined) {
  if (!t) return;
  t.app.close();
  rmSync(t.dir, { recursive: true, force: true });
}

/** A replica for the enclosing describe block (opened in beforeAll, removed in afterAll). */
export function useApp(options: Parameters<typeof openApp>[1] = {}): {
  readonly app: FieldlineApp;
  readonly path: string;
} {
  let t: TempApp | undefined;
  beforeAll(() => {
    t = openTemp(options);
  });
  afterAll(() => closeTemp(t));
  return {
    get app() {
      return t!.app;
    },
    get path() {
      return t!.path;
    },
  };
}

/** Runs a command that must succeed and returns its value. */
export async function call<C extends CommandName>(
  app: FieldlineApp,
  command: C,
  input: CommandInput<C>,
): Promise<CommandOutput<C>> {
  const r = (await app.dispatch(command, input)) as Result<CommandOutput<C>>;
  if (!r.ok) throw new Error(`${command} failed: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Runs a named mutation through the API and returns its result. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function mutate<T = any>(app: FieldlineApp, name: string, args: unknown): Promise<T> {
  const { result } = await call(app, 'mutate', { name, args });
  return result as T;
}

/** Runs a command that must fail, and returns its error. */
export async function fails(app: FieldlineApp, command: unknown, input: unknown): Promise<AppErrorShape> {
  const r = (await app.dispatch(command, input)) as Result<unknown>;
  if (r.ok) expect.fail(`${String(command)} ${JSON.stringify(input)?.slice(0, 200)} succeeded; expected an error`);
  return r.error;
}

export async function createLead(
  app: FieldlineApp,
  args: Record<string, unknown> = {},
): Promise<{ id: string } & Record<string, unknown>> {
  return mutate(app, 'createLead', { first_name: 'Pat', last_name: 'Doe', insurance_type_id: INS.auto, ...args });
}

/** Another agent of the agency, as sync would bring them (users are never written through mutations). */
export function addUser(app: FieldlineApp, fullName: string): string {
  const id = uuidv7();
  const now = new Date().toISOString();
  app.db
    .prepare(`INSERT INTO users (id, email, full_name, role, created_at, updated_at) VALUES (?, ?, ?, 'agent', ?, ?)`)
    .run(id, `${id.slice(-8)}@agency.test`, fullName, now, now);
  return id;
}

/** Row counts of every table (FTS shadow tables and the outbox included): a database fingerprint. */
export function fingerprint(app: FieldlineApp): Record<string, number | string> {
  const tables = app.db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as Array<{ name: string }>;
  const out: Record<string, number | string> = {};
  for (const { name } of tables)
    out[name] = (app.db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
  for (const t of ['leads', 'clients', 'lead_notes', 'contacts', 'opportunities', 'support_tickets']) {
    out[`${t}.updated_at`] = String(
      (app.db.prepare(`SELECT max(updated_at) AS m FROM "${t}"`).get() as { m: string | null }).m,
    );
  }
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
