/**
 * Sync figures: a first sync of the synthetic agency into an empty replica (against plain
 * better-sqlite3 inserts of the same rows), pushing a day's offline work, and how soon a change
 * on one replica shows on another. Real Postgres, the dev shape server, the gateway on loopback.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReplica, type ReplicaDb } from '../db/sqlite/open';
import { TABLE_NAMES } from '../shared/model/catalogue';
import { insuranceTypeByCode } from '../shared/lookups';
import { engineFor, openDevice } from '../test/sync/scenario';
import { startSystem } from '../test/sync/system';
import { benchChangeToScreen } from './change-to-screen';
import { copyTable } from './postgres';
import { rawInsert } from './raw-insert';
import { log, median, round } from './stats';

const rowsIn = (db: ReplicaDb) =>
  TABLE_NAMES.reduce((n, t) => n + (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n, 0);

/**
 * `push: false` leaves out the push and replica-to-replica figures (while iterating on the first
 * sync); `screen: false` the change-to-screen figures (they need Chromium).
 */
export async function benchSync(
  sourceFile: string,
  baseUrl: string,
  options: { push?: boolean; screen?: boolean } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'fieldline-bench-sync-'));
  const source = openReplica(sourceFile, { readonly: true });
  const system = await startSystem(baseUrl, [
    { email: 'boss@agency.test', role: 'admin', team: null },
    { email: 'ana@agency.test', role: 'agent', team: 'North' },
    { email: 'probe@agency.test', role: 'agent', team: 'Probe' },
  ]);
  try {
    log('sync: loading the agency into Postgres …');
    for (const table of TABLE_NAMES) await copyTable(source, system.admin, table);
    const total = rowsIn(source);
    const raw = rawInsert(source, dir);

    const adminFile = join(dir, 'admin.db');
    const admin = await openDevice(system.url, system.users[0]!, adminFile);
    const t0 = performance.now();
    const pulled = await engineFor(admin, system.url).syncOnce(1_800_000);
    const initial = pulled.pulled / ((performance.now() - t0) / 1000);
    log(`sync: first sync of ${pulled.pulled} rows (${total} in the source replica)`);
    const first = {
      sync_rows: pulled.pulled,
      initial_sync_rows_per_s: Math.round(initial),
      raw_insert_rows_per_s: Math.round(raw),
      initial_sync_vs_raw_ratio: round(initial / raw, 2),
    };
    admin.app.close();
    // The synced admin replica, open on its Leads screen, watching a second admin's new leads.
    const screen = options.screen === false ? {} : await benchChangeToScreen(system.url, adminFile, system.users[2]!);
    if (options.push === false) return { ...first, ...screen };

    // A day's offline work: 5,000 mutations made offline, then pushed and confirmed.
    const agent = await openDevice(system.url, system.users[1]!, join(dir, 'agent.db'));
    const auto = insuranceTypeByCode('auto').id;
    let lead = '';
    for (let i = 0; i < 5000; i++) {
      if (i % 10 === 0)
        lead = (
          (
            await agent.app.writer.mutate('createLead', {
              first_name: 'Day',
              last_name: `Work ${i}`,
              insurance_type_id: auto,
            })
          ).result as { id: string }
        ).id;
      else await agent.app.writer.mutate('addNote', { lead_id: lead, body: `Offline note ${i}` });
    }
    const t1 = performance.now();
    await engineFor(agent, system.url).syncOnce(600_000);
    const push = (performance.now() - t1) / 1000;

    // A change on one replica, seen on another.
    const watcher = await openDevice(system.url, system.users[0]!, join(dir, 'watcher.db'));
    const a = engineFor(agent, system.url);
    const b = engineFor(watcher, system.url);
    await b.syncOnce(600_000);
    a.start();
    b.start();
    const lags: number[] = [];
    for (let i = 0; i < 20; i++) {
      const sent = performance.now();
      const { result } = await agent.app.writer.mutate('addNote', { lead_id: lead, body: `Ping ${i}` });
      const id = (result as { id: string }).id;
      while (!watcher.app.db.prepare('SELECT 1 FROM lead_notes WHERE id = ?').get(id)) {
        if (performance.now() - sent > 30_000) throw new Error('a change did not reach the other replica within 30 s');
        await new Promise((r) => setTimeout(r, 5));
      }
      lags.push(performance.now() - sent);
    }
    a.stop();
    b.stop();
    for (const d of [agent, watcher]) d.app.close();
    return {
      ...first,
      ...screen,
      push_5000_s: round(push, 2),
      replica_to_replica_p50_ms: round(median(lags), 1),
    };
  } finally {
    source.close();
    await system.stop();
  }
}
