import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
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
  }, 900_000);
});
