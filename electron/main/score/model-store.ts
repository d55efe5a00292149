import type { ReplicaDb } from '../../../db/sqlite/open';

/**
 * Learned models live in local_settings, one JSON value per key. Not synced: they are derived
 * data that every device recomputes from the same synced rows (training is deterministic, so
 * devices agree), and an old app version never has to read a model format it does not know.
 */
export const RETRAIN_GROWTH = 0.1;

export function loadModel<M extends { version: number; kind: string }>(
  db: ReplicaDb,
  key: string,
  kind: M['kind'],
): M | null {
  const row = db.prepare('SELECT value FROM local_settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return null;
  try {
    const m = JSON.parse(row.value) as M;
    return m.version === 1 && m.kind === kind ? m : null;
  } catch {
    return null;
  }
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
