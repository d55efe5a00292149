import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp } from '../../electron/main/app';
import { SyncEngine } from '../../electron/main/sync/engine';
import { deviceId, storedSession } from '../../electron/main/sync/session';
import { seedViaMutations } from '../../db/sqlite/bulk-load';
import { openReplica, type ReplicaDb } from '../../db/sqlite/open';
import { derivedSuspended } from '../../db/sqlite/derived';
import { listLeads } from '../../db/queries/pipeline';
import { searchAll } from '../../db/queries/search';
import { TABLE_NAMES } from '../../shared/model/catalogue';
import { copyTable } from '../../bench/postgres';
import { differences } from '../sync/compare';
import { engineFor, localOnly, openDevice, type Device } from '../sync/scenario';
import { startSystem, type System } from '../sync/system';

/**
 * A first sync into an empty replica sets the search and vehicle/tag triggers aside and builds
 * that state once at the end. The reference is a replica built by the same mutations with the
 * triggers in place: after the sync, search and filters must answer exactly as it does.
 */
let system: System;
let reference: ReplicaDb;
const dir = mkdtempSync(join(tmpdir(), 'fieldline-first-sync-'));

beforeAll(async () => {
  system = await startSystem(inject('databaseUrl'), [
    { email: 'boss@agency.test', role: 'admin', team: null },
    { email: 'zed@agency.test', role: 'agent', team: 'Elsewhere' },
  ]);
  reference = openReplica(join(dir, 'reference.db'));
  await seedViaMutations(reference, { leads: 40, seed: 11 });
  reference.prepare('DELETE FROM outbox').run();
  for (const table of TABLE_NAMES) await copyTable(reference, system.admin, table);
}, 120_000);
afterAll(async () => {
  reference?.close();
  await system?.stop();
});

const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();

/** The derived state, independent of rowids: what search and the vehicle/tag filters read. */
function derived(db: ReplicaDb) {
  return {
    vehicles: sorted(db.prepare('SELECT lead_id, make, model, year FROM lead_vehicles').all()),
    tags: sorted(db.prepare('SELECT lead_id, tag FROM lead_tags').all()),
    listItems: sorted(db.prepare('SELECT lead_id, item FROM lead_list_items').all()),
    indexed: sorted(db.prepare('SELECT kind, ref_id FROM search_map').all()),
    triggers: sorted(db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all()),
  };
}

/** Words that occur in the reference's names and notes: what the FTS checks search for. */
function words(db: ReplicaDb): string[] {
  const text = (
    db
      .prepare(
        `SELECT first_name || ' ' || last_name || ' ' || coalesce(email, '') FROM leads UNION ALL SELECT body FROM lead_notes LIMIT 300`,
      )
      .pluck()
      .all() as string[]
  ).join(' ');
  const all = [...new Set(text.toLowerCase().match(/[a-z]{4,}/g) ?? [])];
  return all.filter((_, i) => i % Math.max(1, Math.floor(all.length / 40)) === 0);
}

/** Every document each FTS index matches for the word (no window), as kind/id pairs. */
function ftsHits(db: ReplicaDb, word: string) {
  return ['search_names', 'search_text', 'search_text_match'].flatMap((fts) =>
    sorted(
      db
        .prepare(`SELECT m.kind, m.ref_id FROM ${fts} JOIN search_map m ON m.rowid = ${fts}.rowid WHERE ${fts} MATCH ?`)
        .all(`"${word}"*`),
    ),
  );
}

function expectSameAsReference(db: ReplicaDb) {
  expect(derivedSuspended(db)).toBe(false);
  expect(derived(reference).listItems.length).toBe(reference.prepare('SELECT count(*) FROM leads').pluck().get());
  expect(derived(db)).toEqual(derived(reference));
  const checked = words(reference);
  expect(checked.length).toBeGreaterThan(10);
  for (const word of checked) {
    expect({ word, hits: ftsHits(db, word) }).toEqual({ word, hits: ftsHits(reference, word) });
    expect({ word, results: sorted(searchAll(db, word, 50)) }).toEqual({
      word,
      results: sorted(searchAll(reference, word, 50)),
    });
  }
  const makes = reference.prepare('SELECT DISTINCT make FROM lead_vehicles').pluck().all() as string[];
  const tags = reference.prepare('SELECT DISTINCT tag FROM lead_tags').pluck().all() as string[];
  expect(makes.length + tags.length).toBeGreaterThan(0);
  const ids = (d: ReplicaDb, filter: object) =>
    listLeads(d, { ...filter, include_converted: true, limit: 200 }).items.map((l) => l.id);
  for (const make of makes) expect(ids(db, { vehicle_make: make })).toEqual(ids(reference, { vehicle_make: make }));
  for (const tag of tags) expect(ids(db, { tags: [tag] })).toEqual(ids(reference, { tags: [tag] }));
}

async function expectServerRows(d: Device) {
  expect(await differences(system.admin, d.app.db, system.users[0]!, localOnly(d))).toEqual([]);
}

/**
 * A child process starts the first sync of `file` and is SIGKILLed once its applied batches hold
 * `rows` rows (1: after the first batch). Resolves with the batches it saw applied.
 */
function killPartWay(file: string, url: string, rows = 1) {
  return new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/system/first-sync-child.ts', file, url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let batches = 0;
    let applied = 0;
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const lines = out.split('\n').filter((l) => l.startsWith('apply ') && l.includes(' in '));
      batches = lines.length;
      applied = lines.reduce(
        (n, l) => n + (JSON.parse(l.slice(6, l.lastIndexOf(' in '))) as { applied: number }).applied,
        0,
      );
      if (batches >= 1 && applied >= rows) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(batches) : reject(new Error(`child exited ${code}: ${err.slice(-500)}`)),
    );
  });
}

describe('a first sync into an empty replica', () => {
  it('builds search and the vehicle/tag tables exactly as the triggers would, and puts the triggers back', async () => {
    const d = await openDevice(system.url, system.users[0]!, join(dir, 'fresh.db'));
    const r = await engineFor(d, system.url).syncOnce(120_000);
    expect(r.pulled).toBeGreaterThan(1000);
    await expectServerRows(d);
    expectSameAsReference(d.app.db);
    // The page cache, smaller while the first sync ran, is the replica's own again.
    expect(d.app.db.pragma('cache_size', { simple: true })).toBe(-65536);
    // Later writes are indexed by the triggers again.
    const { result } = await d.app.writer.mutate('createLead', {
      first_name: 'Zebulon',
      last_name: 'Quartermaine',
      insurance_type_id: reference.prepare(`SELECT id FROM insurance_types LIMIT 1`).pluck().get() as string,
    });
    expect(searchAll(d.app.db, 'quartermaine').map((h) => h.id)).toEqual([(result as { id: string }).id]);
    d.app.close();
  });

  it('finishes, triggers back, when every shape in scope is empty (the completing batch has no rows)', async () => {
    const d = await openDevice(system.url, system.users[1]!, join(dir, 'empty-scope.db'));
    const r = await engineFor(d, system.url).syncOnce(60_000);
    expect(d.app.db.prepare('SELECT count(*) FROM leads').pluck().get()).toBe(0);
    expect(r.pulled).toBeGreaterThan(0); // lookups and the agent's own user and team
    expect(derivedSuspended(d.app.db)).toBe(false);
    expect(derived(d.app.db).triggers).toEqual(derived(reference).triggers);
    await expect(differences(system.admin, d.app.db, system.users[1]!, localOnly(d))).resolves.toEqual([]);
    d.app.close();
  });

  it('rejects a malformed row with a clear error and keeps nothing of its response', async () => {
    const d = await openDevice(system.url, system.users[0]!, join(dir, 'malformed.db'));
    let corrupted = 0;
    // The leads snapshot arrives with one timestamp that is not a timestamp.
    const tamper: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.searchParams.get('table') !== 'leads' || res.status !== 200 || corrupted > 0) return res;
      const body = (await res.json()) as Array<{ value?: Record<string, unknown> }>;
      const row = body.find((m) => m.value);
      if (row) {
        row.value!.created_at = 'yesterday-ish';
        corrupted++;
      }
      return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
    };
    const engine = new SyncEngine({
      db: d.app.db,
      writer: d.app.writer,
      actor: d.app.actor,
      serverUrl: system.url,
      token: storedSession(d.app.db)!.token,
      clientId: deviceId(d.app.db),
      fetch: tamper,
    });
    await expect(engine.syncOnce(60_000)).rejects.toThrow(
      /malformed leads message: leads\.created_at is not a valid timestamp: "yesterday-ish"/,
    );
    expect(corrupted).toBe(1);
    expect(d.app.db.prepare('SELECT count(*) FROM leads').pluck().get()).toBe(0);
    expect(d.app.db.prepare(`SELECT count(*) FROM sync_state WHERE shape = 'leads'`).pluck().get()).toBe(0);
    // The triggers came back when the engine stopped: the replica keeps working offline.
    expect(derivedSuspended(d.app.db)).toBe(false);
    // With the server's real rows, the same replica then syncs to the right state.
    await engineFor(d, system.url).syncOnce(120_000);
    await expectServerRows(d);
    expect(derived(d.app.db)).toEqual(derived(reference));
    d.app.close();
  });

  it('killed part-way, is repaired when reopened and resumes to the right state', async () => {
    const file = join(dir, 'killed.db');
    const d = await openDevice(system.url, system.users[0]!, file);
    d.app.close();
    const applied = await killPartWay(file, system.url);
    expect(applied).toBeGreaterThan(0);
    // The kill left the triggers aside; opening the replica rebuilds the derived state from its rows.
    const raw = openReplica(file);
    expect(derivedSuspended(raw)).toBe(false);
    const vehicles = raw
      .prepare(
        `SELECT count(*) FROM leads l, json_each(l.auto_data, '$.vehicles') v WHERE json_extract(v.value, '$.make') IS NOT NULL`,
      )
      .pluck()
      .get();
    expect(raw.prepare('SELECT count(*) FROM lead_vehicles').pluck().get()).toBe(vehicles);
    const searchable = TABLE_NAMES.filter((t) =>
      ['leads', 'clients', 'contacts', 'lead_notes', 'lead_communications', 'support_tickets'].includes(t),
    )
      .map((t) => raw.prepare(`SELECT count(*) FROM "${t}" WHERE deleted_at IS NULL`).pluck().get() as number)
      .reduce((a, b) => a + b, 0);
    expect(raw.prepare('SELECT count(*) FROM search_map').pluck().get()).toBe(searchable);
    raw.close();
    const again = { ...d, app: openApp(file) };
    await engineFor(again, system.url).syncOnce(120_000);
    await expectServerRows(again);
    expectSameAsReference(again.app.db);
    again.app.close();
  });

  it('killed inside a snapshot, resumes from its stored chunk as a first sync (derived state aside, rebuilt once)', async () => {
    // Snapshot responses of 100 rows, so the kill lands with some shape part-way through its snapshot.
    const small = await startSystem(inject('databaseUrl'), [{ email: 'boss@agency.test', role: 'admin', team: null }], {
      chunkRows: 100,
    });
    try {
      for (const table of TABLE_NAMES) await copyTable(reference, small.admin, table);
      const file = join(dir, 'killed-mid-snapshot.db');
      const d = await openDevice(small.url, small.users[0]!, file);
      d.app.close();
      await killPartWay(file, small.url, 300);
      const again = { ...d, app: openApp(file) };
      const offsets = again.app.db.prepare('SELECT offset FROM sync_state WHERE handle IS NOT NULL').pluck().all();
      expect(offsets.filter((o) => /^0_\d+$/.test(String(o))).length).toBeGreaterThan(0);
      const rowsIn = () =>
        TABLE_NAMES.reduce(
          (n, t) => n + (again.app.db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number),
          0,
        );
      expect(rowsIn()).toBeGreaterThan(300);
      const engine = engineFor(again, small.url);
      const done = engine.syncOnce(120_000);
      // The rest of the snapshot goes in as a first sync's rows do: the sync reports its progress.
      expect(engine.status().firstSync).toMatchObject({ indexing: false });
      const r = await done;
      // Resumed from the stored chunks: the rows already in were not all sent again.
      expect(r.pulled).toBeLessThan(rowsIn());
      expect(engine.status().firstSync).toBeNull();
      expect(await differences(small.admin, again.app.db, small.users[0]!, localOnly(again))).toEqual([]);
      expectSameAsReference(again.app.db);
      again.app.close();
    } finally {
      await small.stop();
    }
  });
});
