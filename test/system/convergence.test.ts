import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverAuditVerify } from '../../cli/commands/server';
import { differences } from '../sync/compare';
import { engineFor, expectConverged, localOnly, openDevice, runScenario } from '../sync/scenario';
import { startSystem, type System } from '../sync/system';

const MUTATIONS = Number(process.env.FIELDLINE_CONVERGENCE_MUTATIONS ?? 2000);
const SEED = Number(process.env.FIELDLINE_SEED ?? 20261124);

let system: System;
beforeAll(async () => {
  system = await startSystem(inject('databaseUrl'), [
    { email: 'ana@agency.test', role: 'agent', team: 'North' },
    { email: 'ben@agency.test', role: 'agent', team: 'North' },
    { email: 'mia@agency.test', role: 'manager', team: 'North' },
    { email: 'zoe@agency.test', role: 'agent', team: 'South' },
  ]);
}, 60_000);
afterAll(async () => system?.stop());

describe('three replicas and the gateway converge', () => {
  it(`after ${MUTATIONS} random mutations with offline periods and restarts (seed ${SEED})`, async () => {
    const devices = await runScenario(system.url, system.users.slice(0, 3), { mutations: MUTATIONS, seed: SEED });
    const figures = await expectConverged(system, devices, MUTATIONS);
    console.info(
      `convergence: ${figures.issued} mutations issued, ${figures.rejected} rejected by the server, 3 replicas equal to the server`,
    );
    // A device of another team sees none of the North team's rows.
    const south = await openDevice(
      system.url,
      system.users[3]!,
      join(mkdtempSync(join(tmpdir(), 'fieldline-south-')), 'south.db'),
    );
    await engineFor(south, system.url).syncOnce(60_000);
    expect((south.app.db.prepare('SELECT count(*) AS n FROM leads').get() as { n: number }).n).toBe(0);
    expect(await differences(system.admin, south.app.db, south.user, localOnly(south))).toEqual([]);
    for (const d of [...devices, south]) d.app.close();
    await checkLedger();
  }, 900_000);
});

/**
 * The audit ledger the run wrote: `server:audit-verify` passes, every applied mutation and
 * sign-in is in it once, and an entry altered directly in Postgres is named.
 */
async function checkLedger() {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = system.db.url;
  try {
    const intact = (await serverAuditVerify([])) as { ok: true; entries: number };
    const { rows } = await system.admin.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM audit_ledger GROUP BY kind ORDER BY kind`,
    );
    const applied = await system.admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM applied_mutations WHERE outcome <> 'rejected'`,
    );
    expect(rows.find((r) => r.kind === 'mutation')?.n).toBe(applied.rows[0]!.n);
    expect(rows.find((r) => r.kind === 'sign_in')?.n).toBeGreaterThanOrEqual(4);
    expect(intact.entries).toBe(rows.reduce((n, r) => n + r.n, 0));
    const middle = Math.ceil(intact.entries / 2);
    // A superuser edits one entry with the guard triggers off.
    await system.admin.query(`SET session_replication_role = replica`);
    await system.admin.query(`UPDATE audit_ledger SET at = at + interval '1 ms' WHERE seq = $1`, [middle]);
    await system.admin.query(`SET session_replication_role = DEFAULT`);
    await expect(serverAuditVerify([])).rejects.toThrow(new RegExp(`audit ledger broken at entry ${middle}:`));
    console.info(
      `convergence: audit ledger of ${intact.entries} entries verified; the altered entry ${middle} was named`,
    );
  } finally {
    process.env.DATABASE_URL = saved;
  }
}
