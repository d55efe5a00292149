import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bulkLoadDirect } from '../../../db/sqlite/bulk-load';
import { openReplica, type ReplicaDb } from '../../../db/sqlite/open';

/** A replica in a temporary folder holding the synthetic agency (deleted when closed). */
export async function seedAgencyInto(
  leads: number,
  seed: number,
  now = '2026-06-01T12:00:00.000Z',
): Promise<ReplicaDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldline-score-'));
  const db = openReplica(path.join(dir, 'replica.db'));
  await bulkLoadDirect(db, { leads, seed, now });
  const close = db.close.bind(db);
  db.close = () => {
    const r = close();
    fs.rmSync(dir, { recursive: true, force: true });
    return r;
  };
  return db;
}
