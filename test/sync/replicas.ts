import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { setSession } from '../../electron/main/actor';
import { openApp, type FieldlineApp } from '../../electron/main/app';
import type { TableName } from '../../shared/model/catalogue';
import type { ServerChange } from '../../electron/main/sync/messages';
import type { RawRow } from '../../electron/main/sync/rows';

export const AGENT = {
  userId: '01900000-0000-7000-8000-00000000a001',
  teamId: '01900000-0000-7000-8000-00000000b001',
  role: 'agent' as const,
};

/** A replica file acting as the given agent (the users/teams rows it needs are inserted). */
export function replica(name: string, actor = AGENT): FieldlineApp {
  const dir = mkdtempSync(join(tmpdir(), `fieldline-${name}-`));
  const app = openApp(join(dir, 'replica.db'));
  const now = '2025-01-01T00:00:00.000Z';
  app.db
    .prepare('INSERT OR IGNORE INTO teams (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)')
    .run(actor.teamId, 'Team', now, now);
  app.db
    .prepare(
      `INSERT OR IGNORE INTO users (id, email, full_name, role, team_id, created_at, updated_at) VALUES (?, ?, 'Agent', ?, ?, ?, ?)`,
    )
    .run(actor.userId, `${name}@example.com`, actor.role, actor.teamId, now, now);
  setSession(app.db, actor);
  app.refreshActor();
  return app;
}

/** `replica`, each one closed after the test that opened it. */
export function useReplicas(): (name: string, actor?: typeof AGENT) => FieldlineApp {
  const apps: FieldlineApp[] = [];
  afterEach(() => apps.splice(0).forEach((a) => a.close()));
  return (name, actor) => {
    const app = replica(name, actor);
    apps.push(app);
    return app;
  };
}

/** A row of `source` as a server insert message would carry it (full row). */
export function insertOf(source: FieldlineApp, table: TableName, id: string, txid: string, lsn = 1n): ServerChange {
  const values = source.db.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as RawRow;
  if (!values) throw new Error(`no ${table} ${id} in source`);
  return { table, op: 'insert', id, values, txids: [txid], lsn };
}

/** Every row a mutation wrote in `source`, as server inserts with one txid (its transaction). */
export function echoOf(
  source: FieldlineApp,
  touched: Array<{ table: TableName; id: string }>,
  txid: string,
  lsn = 1n,
): ServerChange[] {
  const seen = new Set<string>();
  return touched
    .filter((t) => (seen.has(`${t.table}/${t.id}`) ? false : (seen.add(`${t.table}/${t.id}`), true)))
    .map((t) => insertOf(source, t.table, t.id, txid, lsn));
}

export const outbox = (app: FieldlineApp) =>
  app.db.prepare('SELECT id, name, status FROM outbox ORDER BY seq').all() as Array<{
    id: string;
    name: string;
    status: string;
  }>;
export const shadowCount = (app: FieldlineApp) =>
  (app.db.prepare('SELECT count(*) AS n FROM sync_shadows').get() as { n: number }).n;
export const lead = (app: FieldlineApp, id: string) =>
  app.db.prepare('SELECT * FROM leads WHERE id = ?').get(id) as Record<string, unknown> | undefined;
