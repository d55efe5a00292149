/**
 * Through the real gateway and shape stream: an import's batches reach another replica, and a
 * change made offline on a second replica to a client that is merged meanwhile lands on the
 * survivor after both sync, on every replica and the server.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runImport } from '../../electron/main/import/job';
import { engineFor, openDevice } from '../sync/scenario';
import { startSystem, type System } from '../sync/system';

let system: System;
beforeAll(async () => {
  system = await startSystem(inject('databaseUrl'), [
    { email: 'ana@agency.test', role: 'agent', team: 'North' },
    { email: 'mia@agency.test', role: 'manager', team: 'North' },
  ]);
}, 60_000);
afterAll(async () => system?.stop());

describe('import and merge through sync', () => {
  it('imported clients reach the team; an offline note to a merged client lands on the survivor', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fieldline-import-sync-'));
    const ana = await openDevice(system.url, system.users[0]!, join(dir, 'ana.db'));
    const mia = await openDevice(system.url, system.users[1]!, join(dir, 'mia.db'));
    try {
      const csv = join(dir, 'book.csv');
      writeFileSync(
        csv,
        'Client #,First Name,Last Name,Email\nK-1,Ana,Silva,ana@x.com\nK-2,Anna,Silva,anna@x.com\nK-3,Bo,Berg,\n',
      );
      const result = await runImport(
        { db: ana.app.db, actor: ana.app.actor, exclusive: (fn) => ana.app.writer.exclusive(fn) },
        { kind: 'clients', file: csv },
      );
      expect(result).toMatchObject({ created: 3, invalid: 0 });
      await engineFor(ana, system.url).syncOnce(60_000);
      await engineFor(mia, system.url).syncOnce(60_000);
      const ids = (email: string, db = mia.app.db) =>
        (db.prepare('SELECT id FROM clients WHERE email = ?').get(email) as { id: string } | undefined)?.id;
      const survivor = ids('ana@x.com')!;
      const merged = ids('anna@x.com')!;
      expect([survivor, merged].every(Boolean)).toBe(true);

      // Mia, offline, notes the client Ana is about to merge away.
      const { result: note } = (await mia.app.writer.mutate('addNote', {
        client_id: merged,
        body: 'offline note',
      })) as {
        result: { id: string };
      };
      await ana.app.writer.mutate('mergeClients', { survivor_id: survivor, merged_id: merged });
      await engineFor(ana, system.url).syncOnce(60_000);
      await engineFor(mia, system.url).syncOnce(60_000);
      await engineFor(ana, system.url).syncOnce(60_000);

      const server = await system.admin.query('SELECT client_id FROM lead_notes WHERE id = $1', [note.id]);
      expect(server.rows[0]?.client_id).toBe(survivor);
      for (const d of [ana, mia]) {
        expect(d.app.db.prepare('SELECT client_id FROM lead_notes WHERE id = ?').get(note.id)).toEqual({
          client_id: survivor,
        });
        expect(d.app.db.prepare('SELECT merged_into_id FROM clients WHERE id = ?').get(merged)).toEqual({
          merged_into_id: survivor,
        });
      }
      expect(mia.app.db.prepare(`SELECT count(*) AS n FROM conflicts WHERE resolved_at IS NULL`).get()).toEqual({
        n: 0,
      });
    } finally {
      ana.app.close();
      mia.app.close();
    }
  }, 240_000);
});
