import { cachedStatement } from '../../../db/queries/statements';
import type { ReplicaDb } from '../../../db/sqlite/open';

/**
 * Learned models live in local_settings, one JSON value per key. Not synced: they are derived
 * data that every device recomputes from the same synced rows (training is deterministic, so
 * devices agree), and an old app version never has to read a model format it does not know.
 */
export const RETRAIN_GROWTH = 0.1;

/**
 * The last model parsed on each connection under each key, with the stored text it came from.
 * Today loads the lead model on every read, and parsing its JSON each time cost about a tenth of
 * a millisecond of its 2 ms budget. The text is compared whole rather than a field of it: a save
 * by any means (retrain, another version of the app) rewrites it, and is seen on the next load.
 */
const parsed = new WeakMap<ReplicaDb, Map<string, { text: string; model: unknown }>>();

/** The stored model, or null. Loads of the same stored text share one object: never change it (copy it first). */
export function loadModel<M extends { version: number; kind: string }>(
  db: ReplicaDb,
  key: string,
  kind: M['kind'],
): M | null {
  const text = cachedStatement(db, 'SELECT value FROM local_settings WHERE key = ?', { pluck: true }).get(key) as
    string | undefined;
  if (text === undefined) return null;
  let byKey = parsed.get(db);
  if (!byKey) parsed.set(db, (byKey = new Map()));
  let hit = byKey.get(key);
  if (hit?.text !== text) {
    let model: unknown = null;
    try {
      model = JSON.parse(text);
    } catch {
      // Not a model this version can read: as if none were stored.
    }
    byKey.set(key, (hit = { text, model }));
  }
  const m = hit.model as M | null;
  return m && m.version === 1 && m.kind === kind ? m : null;
}

export function saveModel(db: ReplicaDb, key: string, model: unknown, now: Date) {
  db.prepare(
    `INSERT INTO local_settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(model), now.toISOString());
}

/** A lookup table's display names by id, for a model's factors in plain words. */
export function namesById(
  db: ReplicaDb,
  table: 'insurance_types' | 'users' | 'carriers',
  column: 'name' | 'full_name',
): Map<string, string> {
  const rows = db.prepare(`SELECT id, ${column} AS name FROM ${table}`).all() as Array<{ id: string; name: string }>;
  return new Map(rows.map((r) => [r.id, r.name]));
}
