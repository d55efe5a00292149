import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFaultProxy } from '../sync/fault-proxy';
import { expectConverged, runScenario } from '../sync/scenario';
import { startSystem, type System } from '../sync/system';

const MUTATIONS = Number(process.env.FIELDLINE_FAULT_MUTATIONS ?? 600);
const SEED = Number(process.env.FIELDLINE_SEED ?? 7);

let system: System;
beforeAll(async () => {
  system = await startSystem(inject('databaseUrl'), [
    { email: 'ana@agency.test', role: 'agent', team: 'North' },
    { email: 'ben@agency.test', role: 'agent', team: 'North' },
    { email: 'mia@agency.test', role: 'manager', team: 'North' },
  ]);
}, 60_000);
afterAll(async () => system?.stop());

describe('convergence through a faulty network', () => {
  it(`holds with drops, 500s, hangs, lost and cut answers (${MUTATIONS} mutations)`, async () => {
    const proxy = await startFaultProxy(system.url, { rate: 0.15, seed: SEED, hangMs: 1200 });
    try {
      const devices = await runScenario(proxy.url, system.users, {
        mutations: MUTATIONS,
        seed: SEED,
        paceMs: 15,
        beforeQuiet: () => proxy.calm(),
      });
      const faults = Object.entries(proxy.counts).filter(([k]) => k !== 'passed');
      for (const [kind, n] of faults)
        expect(n, `injected ${kind} (${JSON.stringify(proxy.counts)})`).toBeGreaterThan(0);
      const figures = await expectConverged(system, devices, MUTATIONS);
      console.info(`faults: ${JSON.stringify(proxy.counts)}; ${figures.issued} mutations, all applied once`);
      for (const d of devices) d.app.close();
    } finally {
      await proxy.close();
    }
  }, 900_000);
});
