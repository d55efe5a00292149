import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp, type FieldlineApp } from '../../electron/main/app';
import { SyncEngine } from '../../electron/main/sync/engine';
import { deviceId, signIn, storedSession } from '../../electron/main/sync/session';
import { differences } from './compare';
import { startSystem, type System, type SystemUser } from './system';
import { randomAction, rng } from './workload';

const MUTATIONS = Number(process.env.FIELDLINE_CONVERGENCE_MUTATIONS ?? 2000);
const SEED = Number(process.env.FIELDLINE_SEED ?? 20261124);

interface Device {
  user: SystemUser;
  file: string;
  app: FieldlineApp;
  engine: SyncEngine | null;
  issued: string[];
}

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

async function openDevice(user: SystemUser, file: string, issued: string[] = []): Promise<Device> {
  const app = openApp(file);
  await signIn(app.db, system.url, user.email, user.password);
  app.refreshActor();
  return { user, file, app, engine: null, issued };
}

/** The device's own "before sign-in" user, which never leaves the device. */
const localOnly = (d: Pick<Device, 'app'>) =>
  new Set((d.app.db.prepare(`SELECT id FROM users WHERE email LIKE 'local-%@fieldline.local'`).pluck().all() as string[]));

/** A sync engine for a device, with the token it signed in with. */
const engineFor = (d: Pick<Device, 'app'>) =>
  new SyncEngine({ db: d.app.db, writer: d.app.writer, actor: d.app.actor, serverUrl: system.url, token: storedSession(d.app.db)!.token, clientId: deviceId(d.app.db) });

function goOnline(d: Device) {
  d.engine = engineFor(d);
  d.engine.start();
}

describe('three replicas and the gateway converge', () => {
  it(`after ${MUTATIONS} random mutations with offline periods and restarts`, async () => {
    const next = rng(SEED);
    const dir = mkdtempSync(join(tmpdir(), 'fieldline-converge-'));
    const devices: Device[] = [];
    for (const [i, u] of system.users.slice(0, 3).entries()) devices.push(await openDevice(u, join(dir, `replica-${i}.db`)));
    devices.forEach(goOnline);

    for (let i = 0; i < MUTATIONS; i++) {
      const d = devices[Math.floor(next() * devices.length)]!;
      const id = await randomAction(d.app, next);
      if (id) d.issued.push(id);
      const r = next();
      if (r < 0.01 && d.engine) {
        d.engine.stop(); // offline for a while
        d.engine = null;
      } else if (r < 0.03 && !d.engine) {
        goOnline(d);
      } else if (r < 0.035) {
        // restart: the process goes away and comes back on the same file
        d.engine?.stop();
        d.app.close();
        const again = await openDevice(d.user, d.file, d.issued);
        devices[devices.indexOf(d)] = again;
        goOnline(again);
      }
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    // Everyone back online until quiet: all pushed, all streams caught up.
    for (const d of devices) d.engine?.stop();
    for (let round = 0; round < 2; round++) {
      for (const d of devices) await engineFor(d).syncOnce(120_000);
    }

    const issued = devices.flatMap((d) => d.issued);
    const { rows } = await system.admin.query<{ id: string; outcome: string }>('SELECT id, outcome FROM applied_mutations');
    const applied = new Map(rows.map((r) => [r.id, r.outcome]));
    expect(issued.length).toBeGreaterThan(MUTATIONS * 0.8);
    expect(issued.filter((id) => !applied.has(id))).toEqual([]); // every issued mutation reached the server …
    expect(rows.length).toBe(new Set(issued).size); // … once, and nothing else did
    for (const d of devices) {
      const rejected = (d.app.db.prepare(`SELECT count(*) AS n FROM outbox WHERE status = 'rejected'`).get() as { n: number }).n;
      const serverRejected = d.issued.filter((id) => applied.get(id) === 'rejected').length;
      expect(rejected).toBe(serverRejected); // rejections are kept, not dropped
      expect(await differences(system.admin, d.app.db, d.user, localOnly(d)), d.user.email).toEqual([]);
    }
    // A fourth device of another team sees none of the North team's rows.
    const south = await openDevice(system.users[3]!, join(dir, 'south.db'));
    await engineFor(south).syncOnce(60_000);
    expect((south.app.db.prepare('SELECT count(*) AS n FROM leads').get() as { n: number }).n).toBe(0);
    expect(await differences(system.admin, south.app.db, south.user, localOnly(south))).toEqual([]);
    for (const d of [...devices, south]) d.app.close();
  }, 600_000);
});
