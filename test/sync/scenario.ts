import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openApp, type FieldlineApp } from '../../electron/main/app';
import { SyncEngine } from '../../electron/main/sync/engine';
import { deviceId, signIn, storedSession } from '../../electron/main/sync/session';
import { differences } from './compare';
import type { System, SystemUser } from './system';
import { randomAction, rng } from './workload';

export interface Device {
  user: SystemUser;
  file: string;
  app: FieldlineApp;
  engine: SyncEngine | null;
  issued: string[];
}

/** The device's own "before sign-in" user, which never leaves the device. */
const localOnly = (d: Pick<Device, 'app'>) =>
  new Set(
    d.app.db.prepare(`SELECT id FROM users WHERE email LIKE 'local-%@fieldline.local'`).pluck().all() as string[],
  );

export function engineFor(d: Pick<Device, 'app'>, url: string) {
  return new SyncEngine({
    db: d.app.db,
    writer: d.app.writer,
    actor: d.app.actor,
    serverUrl: url,
    token: storedSession(d.app.db)!.token,
    clientId: deviceId(d.app.db),
    refreshActor: d.app.refreshActor,
    log: process.env.FIELDLINE_SYNC_DEBUG ? (m) => console.log(m) : undefined,
  });
}

export async function openDevice(url: string, user: SystemUser, file: string, issued: string[] = []): Promise<Device> {
  const app = openApp(file);
  // Through a faulty network, sign-in is retried as a person would.
  for (let attempt = 1; !storedSession(app.db); attempt++) {
    try {
      await signIn(app.db, url, user.email, user.password);
    } catch (err) {
      if (attempt >= 20) throw err;
    }
  }
  app.refreshActor();
  return { user, file, app, engine: null, issued };
}

/**
 * Devices of the given users make `mutations` random changes between them, going offline,
 * coming back and restarting at random, all through `url` (the gateway, or a faulty proxy).
 * Then every device syncs until quiet.
 */
export async function runScenario(
  url: string,
  users: SystemUser[],
  opts: { mutations: number; seed: number; paceMs?: number; beforeQuiet?: () => void },
) {
  const next = rng(opts.seed);
  const dir = mkdtempSync(join(tmpdir(), 'fieldline-scenario-'));
  const devices: Device[] = [];
  for (const [i, u] of users.entries()) devices.push(await openDevice(url, u, join(dir, `replica-${i}.db`)));
  const online = (d: Device) => {
    d.engine = engineFor(d, url);
    d.engine.start();
  };
  devices.forEach(online);
  for (let i = 0; i < opts.mutations; i++) {
    const at = Math.floor(next() * devices.length);
    const d = devices[at]!;
    const id = await randomAction(d.app, next);
    if (id) d.issued.push(id);
    const r = next();
    if (r < 0.01 && d.engine) {
      d.engine.stop();
      d.engine = null;
    } else if (r < 0.03 && !d.engine) online(d);
    else if (r < 0.035) {
      d.engine?.stop();
      d.app.close();
      devices[at] = await openDevice(url, d.user, d.file, d.issued);
      online(devices[at]!);
    }
    if (opts.paceMs) await new Promise((res) => setTimeout(res, opts.paceMs));
    else if (i % 50 === 0) await new Promise((res) => setTimeout(res, 5));
  }
  for (const d of devices) d.engine?.stop();
  opts.beforeQuiet?.();
  for (let round = 0; round < 2; round++) for (const d of devices) await engineFor(d, url).syncOnce(300_000);
  return devices;
}

/** Every issued mutation was applied exactly once, rejections are kept, and replicas equal the server. */
export async function expectConverged(system: System, devices: Device[], mutations: number) {
  const issued = devices.flatMap((d) => d.issued);
  const { rows } = await system.admin.query<{ id: string; outcome: string }>(
    'SELECT id, outcome FROM applied_mutations',
  );
  const applied = new Map(rows.map((r) => [r.id, r.outcome]));
  expect(issued.length).toBeGreaterThan(mutations * 0.8);
  expect(issued.filter((id) => !applied.has(id))).toEqual([]);
  expect(rows.length).toBe(new Set(issued).size);
  for (const d of devices) {
    const rejected = (
      d.app.db.prepare(`SELECT count(*) AS n FROM outbox WHERE status = 'rejected'`).get() as { n: number }
    ).n;
    expect(rejected, d.user.email).toBe(d.issued.filter((id) => applied.get(id) === 'rejected').length);
    expect(await differences(system.admin, d.app.db, d.user, localOnly(d)), d.user.email).toEqual([]);
    expect(d.app.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }
  return { issued: issued.length, rejected: rows.filter((r) => r.outcome === 'rejected').length };
}

export { localOnly };
