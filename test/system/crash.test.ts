import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { differences } from '../sync/compare';
import { engineFor, localOnly, openDevice } from '../sync/scenario';
import { startSystem, type System } from '../sync/system';
import { rng } from '../sync/workload';

const KILLS = Number(process.env.FIELDLINE_CRASH_KILLS ?? 50);

let system: System;
beforeAll(async () => {
  system = await startSystem(inject('databaseUrl'), [{ email: 'ana@agency.test', role: 'agent', team: 'North' }]);
}, 60_000);
afterAll(async () => system?.stop());

/** Runs the child until it has been up `ms` after READY, then SIGKILLs it; returns the ids it committed. */
function runAndKill(file: string, seed: number, ms: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/system/crash-child.ts', file, system.url, String(seed)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const ids: string[] = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line === 'READY') setTimeout(() => child.kill('SIGKILL'), ms);
        else if (line.startsWith('M ')) ids.push(line.slice(2));
      }
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(ids) : reject(new Error(`child exited ${code}: ${stderr.slice(-500)}`)),
    );
  });
}

describe('a replica killed at random points', () => {
  it(`loses and duplicates nothing over ${KILLS} SIGKILLs during apply and push`, async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fieldline-crash-')), 'replica.db');
    const user = system.users[0]!;
    (await openDevice(system.url, user, file)).app.close(); // signs in once; the children reuse the session
    const next = rng(99);
    const committed: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      committed.push(...(await runAndKill(file, 1000 + i, 100 + Math.floor(next() * 900))));
      const db = new Database(file);
      expect(db.pragma('integrity_check', { simple: true }), `after kill ${i + 1}`).toBe('ok');
      db.close();
    }
    const device = await openDevice(system.url, user, file);
    await engineFor(device, system.url).syncOnce(180_000);
    const { rows } = await system.admin.query<{ id: string }>('SELECT id FROM applied_mutations');
    const applied = new Set(rows.map((r) => r.id));
    expect(committed.length).toBeGreaterThan(KILLS);
    expect(committed.filter((id) => !applied.has(id))).toEqual([]); // nothing committed was lost
    expect(rows.length).toBe(new Set(rows.map((r) => r.id)).size);
    const outboxLeft = device.app.db.prepare(`SELECT count(*) AS n FROM outbox WHERE status != 'rejected'`).get() as {
      n: number;
    };
    expect(outboxLeft.n).toBe(0);
    expect(await differences(system.admin, device.app.db, user, localOnly(device))).toEqual([]);
    console.info(`crash: ${KILLS} kills, ${committed.length} mutations committed before kills, all applied once`);
    device.app.close();
  }, 900_000);
});
