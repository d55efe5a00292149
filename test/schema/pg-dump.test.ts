/**
 * The migrated Postgres schema survives pg_dump --schema-only and a psql restore into an empty
 * database, without warnings (the seed's "no more pg_dump warnings" after removing the circular
 * clients ↔ leads foreign keys). See pg-tools.ts for which server the dump is taken from.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/pg';
import { connect, migratedPostgres, TABLE_NAMES, VIEW_NAMES, type MigratedPg } from './helpers';
import { pgRelations, pgTableInfo } from './introspect';
import { clientBins, sideClusterBin, startSideCluster, type PgBin, type SideCluster } from './pg-tools';

const workDir = mkdtempSync(path.join(os.tmpdir(), 'fieldline-dump-'));
const dumpFile = path.join(workDir, 'schema.sql');
let where = '';
let unavailable: string | null = null;
let side: SideCluster | undefined;
let source: MigratedPg | undefined;
let target: TestDatabase | undefined;
let dump: SpawnSyncReturns<string>;
let restore: SpawnSyncReturns<string>;

async function serverMajor(url: string) {
  const c = await connect(url);
  try {
    return Math.floor(
      Number((await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v) / 10000,
    );
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  const testUrl = inject('databaseUrl');
  const major = await serverMajor(testUrl);
  const bins = clientBins();
  let bin: PgBin | undefined = bins.find((b) => b.major >= major);
  let base = testUrl;
  where = `test server (PostgreSQL ${major})`;
  if (!bin) {
    bin = sideClusterBin(bins);
    if (!bin) {
      unavailable = `no pg_dump >= ${major} and no local PostgreSQL installation (found: ${bins.map((b) => b.major).join(', ') || 'none'})`;
      return;
    }
    side = await startSideCluster(bin);
    base = side.url;
    where = `throw-away PostgreSQL ${bin.major} cluster (no pg_dump >= ${major} available for the test server)`;
  }
  console.info(`[pg-dump.test] dumping from the ${where} with ${bin.tool('pg_dump')}`);
  source = await migratedPostgres(base);
  dump = spawnSync(bin.tool('pg_dump'), ['--schema-only', '--dbname', source.db.url, '--file', dumpFile], {
    encoding: 'utf8',
  });
  target = await createTestDatabase(base);
  restore = spawnSync(bin.tool('psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--dbname', target.url, '-f', dumpFile], {
    encoding: 'utf8',
  });
}, 60_000);

afterAll(async () => {
  await source?.close();
  await target?.drop();
  await side?.stop();
  rmSync(workDir, { recursive: true, force: true });
}, 60_000);

describe('pg_dump --schema-only of the migrated database', () => {
  it('succeeds without any warning (none about circular foreign keys)', (ctx) => {
    if (unavailable) return ctx.skip(unavailable);
    expect(dump.error).toBeUndefined();
    expect(dump.stderr).not.toMatch(/circular/i);
    expect(dump.stderr).toBe('');
    expect(dump.status).toBe(0);
  });

  it('holds the tables, views, GIN indexes, policies and grants', (ctx) => {
    if (unavailable) return ctx.skip(unavailable);
    const sql = readFileSync(dumpFile, 'utf8');
    for (const t of TABLE_NAMES) expect(sql).toContain(`CREATE TABLE public.${t} (`);
    for (const v of VIEW_NAMES)
      expect(sql).toMatch(new RegExp(`CREATE VIEW public\\.${v} WITH \\(security_invoker='?true'?\\)`));
    expect(sql).toContain('USING gin (auto_data jsonb_path_ops)');
    expect(sql).toContain('CREATE POLICY leads_access ON public.leads TO fieldline_app');
    expect(sql).toContain('ALTER TABLE public.leads ENABLE ROW LEVEL SECURITY');
    expect(sql).toMatch(/GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public\.leads TO fieldline_app/);
  });
});

describe('restoring the dump with psql into an empty database', () => {
  it('runs with ON_ERROR_STOP and reports nothing', (ctx) => {
    if (unavailable) return ctx.skip(unavailable);
    expect(restore.error).toBeUndefined();
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
  });

  it('gives the same tables and views', async (ctx) => {
    if (unavailable) return ctx.skip(unavailable);
    const a = await connect(source!.db.url);
    const b = await connect(target!.url);
    try {
      const [from, to] = [await pgRelations(a), await pgRelations(b)];
      expect(to).toEqual(from);
      for (const t of TABLE_NAMES) expect(to.tables).toContain(t);
      expect(to.views).toEqual([...VIEW_NAMES].sort());
      for (const t of TABLE_NAMES) expect(await pgTableInfo(b, t), t).toEqual(await pgTableInfo(a, t));
      const policies = 'SELECT tablename, policyname, cmd, roles::text[] AS roles FROM pg_policies ORDER BY 1, 2';
      expect((await b.query(policies)).rows).toEqual((await a.query(policies)).rows);
      expect((await b.query(policies)).rows.length).toBeGreaterThan(0);
    } finally {
      await a.end();
      await b.end();
    }
  });
});
