import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CachedTx } from '../../db/sqlite/batch-writer';
import { openReplica } from '../../db/sqlite/open';
import { SqliteTx } from '../../db/sqlite/tx';
import { newRow } from '../../shared/model/new-row';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldline-cached-tx-'));
const db = openReplica(path.join(dir, 'cache.db'));

afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const NOW = '2025-06-15T00:00:00.000Z';
const id = (i: number) => `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;

describe('CachedTx', () => {
  it('serves what SQLite holds through many generations of a small cache', async () => {
    const sqlite = new SqliteTx(db);
    const tx = new CachedTx(sqlite, 6); // generations of 3 rows: rotated every few writes
    db.exec('BEGIN');
    for (let i = 0; i < 40; i++) {
      await tx.insert('teams', newRow('teams', { id: id(i), name: `team ${i}` }, NOW));
      // rename an earlier team: some are cached (young or old generation), some long dropped
      const j = (i * 7) % (i + 1);
      await tx.update('teams', id(j), { name: `team ${j} renamed at ${i}`, updated_at: NOW });
      for (const k of [i, j, Math.floor(i / 2), Math.max(0, i - 3)])
        expect(await tx.get('teams', id(k)), `team ${k} after step ${i}`).toEqual(await sqlite.get('teams', id(k)));
    }
    db.exec('COMMIT');
  });
});
