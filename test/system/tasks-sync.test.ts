/**
 * A task crosses the real gateway: an admin gives a CSR of another team a task on an agent's
 * lead; the CSR's replica receives the task (its owner is the CSR) but not the lead, the CSR
 * completes it offline-first, and the admin's replica gets the completion back.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { insuranceTypeByCode } from '../../shared/lookups';
import { engineFor, openDevice } from '../sync/scenario';
import { startSystem, type System } from '../sync/system';

let system: System;
beforeAll(async () => {
  system = await startSystem(inject('databaseUrl'), [
    { email: 'ana@agency.test', role: 'agent', team: 'North' },
    { email: 'casey@agency.test', role: 'staff', team: 'Service' },
    { email: 'ada@agency.test', role: 'admin', team: null },
  ]);
}, 60_000);
afterAll(async () => system?.stop());

async function run<T>(app: Awaited<ReturnType<typeof openDevice>>['app'], name: string, args: unknown): Promise<T> {
  const res = await app.dispatch('mutate', { name, args });
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
  return (res.value as { result: T }).result;
}

describe('tasks through the gateway', () => {
  it("reach the assignee's replica without the record, and their completion comes back", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fieldline-tasks-sync-'));
    const [ana, casey, ada] = system.users;
    const agent = await openDevice(system.url, ana!, join(dir, 'ana.db'));
    const csr = await openDevice(system.url, casey!, join(dir, 'casey.db'));
    const admin = await openDevice(system.url, ada!, join(dir, 'ada.db'));
    try {
      const lead = await run<{ id: string }>(agent.app, 'createLead', {
        first_name: 'Nora',
        last_name: 'Lindqvist',
        insurance_type_id: insuranceTypeByCode('home').id,
      });
      // a field edit's history row reaches the server with the id the replica gave it (the gateway's LWW path)
      await run(agent.app, 'updateLead', { id: lead.id, patch: { email: 'nora@example.com' } });
      await engineFor(agent, system.url).syncOnce(60_000);
      const local = agent.app.db.prepare('SELECT id FROM record_changes WHERE lead_id = ?').all(lead.id);
      const remote = await system.admin.query('SELECT id::text AS id FROM record_changes WHERE lead_id = $1', [
        lead.id,
      ]);
      expect(local).toHaveLength(1);
      expect(remote.rows).toEqual(local);
      await engineFor(admin, system.url).syncOnce(60_000);
      const task = await run<{ id: string }>(admin.app, 'createTask', {
        lead_id: lead.id,
        title: 'Send ID cards',
        due_at: new Date(Date.now() + 3_600_000).toISOString(),
        assigned_to: casey!.id,
      });
      await engineFor(admin, system.url).syncOnce(60_000);

      await engineFor(csr, system.url).syncOnce(60_000);
      const mine = await csr.app.dispatch('tasks.list', { scope: 'mine' });
      expect(mine.ok && (mine.value as Array<{ id: string }>).map((t) => t.id)).toEqual([task.id]);
      expect(csr.app.db.prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 0 });

      await run(csr.app, 'completeTask', { id: task.id, outcome: 'mailed' });
      await engineFor(csr, system.url).syncOnce(60_000);
      const server = await system.admin.query('SELECT status, completed_by FROM tasks WHERE id = $1', [task.id]);
      expect(server.rows).toEqual([{ status: 'done', completed_by: casey!.id }]);

      await engineFor(admin, system.url).syncOnce(60_000);
      expect(admin.app.db.prepare('SELECT status, completed_by FROM tasks WHERE id = ?').get(task.id)).toEqual({
        status: 'done',
        completed_by: casey!.id,
      });
      // the agent who owns the lead sees the admin's timeline entry, with its actor
      await engineFor(agent, system.url).syncOnce(60_000);
      const entry = agent.app.db
        .prepare(`SELECT actor_id FROM timeline_events WHERE lead_id = ? AND json_extract(payload, '$.task_id') = ?`)
        .all(lead.id, task.id);
      expect(entry).toEqual([{ actor_id: ada!.id }]);
    } finally {
      for (const d of [agent, csr, admin]) d.app.close();
    }
  }, 180_000);
});
