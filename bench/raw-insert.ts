/**
 * The sync figures' yardstick: the same rows put into a fresh replica by plain better-sqlite3
 * inserts, one transaction, no network and no parsing. A first sync's rate is reported against it.
 */
import { join } from 'node:path';
import { openReplica, type ReplicaDb } from '../db/sqlite/open';
import { TABLE_NAMES } from '../shared/model/catalogue';

/** Plain inserts of every row of `source` into a fresh replica (same schema, triggers and all). */
export function rawInsert(source: ReplicaDb, dir: string): number {
  const target = openReplica(join(dir, 'raw.db'));
  target.pragma('foreign_keys = OFF');
  const t0 = performance.now();
  let rows = 0;
  target.transaction(() => {
    for (const table of TABLE_NAMES) {
      const cols = (source.prepare(`SELECT * FROM "${table}" LIMIT 1`).columns() as Array<{ name: string }>).map(
        (c) => c.name,
      );
      if (cols.length === 0) continue;
      const insert = target.prepare(
        `INSERT OR REPLACE INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      );
      for (const row of source.prepare(`SELECT * FROM "${table}"`).raw().iterate()) {
        insert.run(...(row as unknown[]));
        rows++;
      }
    }
  })();
  const rate = rows / ((performance.now() - t0) / 1000);
  target.close();
  return rate;
}
