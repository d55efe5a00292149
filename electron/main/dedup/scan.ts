import type { ReplicaDb } from '../../../db/sqlite/open';
import { findDuplicates, scorePair, type DedupRecord, type DuplicatePair } from '../../../shared/dedup/score';
import { readSetting, writeSetting } from '../actor';

export const DEDUP_KINDS = ['leads', 'clients', 'contacts'] as const;
export type DedupKind = (typeof DEDUP_KINDS)[number];

type Stamped = DedupRecord & { updated_at: string };

function records(db: ReplicaDb, kind: DedupKind): Stamped[] {
  if (kind === 'contacts')
    return db
      .prepare(
        `SELECT id, first_name, last_name, NULL AS business_name, email, coalesce(phone, mobile_phone) AS phone,
                NULL AS date_of_birth, NULL AS postal_code, NULL AS line1, updated_at
           FROM contacts WHERE deleted_at IS NULL`,
      )
      .all() as Stamped[];
  return db
    .prepare(
      `SELECT t.id, t.first_name, t.last_name, t.business_name, t.email, t.phone, t.date_of_birth, a.postal_code, a.line1, t.updated_at
         FROM "${kind}" t LEFT JOIN addresses a ON a.id = t.address_id WHERE t.deleted_at IS NULL`,
    )
    .all() as Stamped[];
}

interface Stored {
  /** The latest updated_at the scan saw (the data's clock, not this device's). */
  at: string;
  /** Records the scan saw: one synced in later with an older updated_at is still new to it. */
  ids: string[];
  pairs: DuplicatePair[];
}

/**
 * The probable duplicates of a kind. The first scan scores every pair its blocking keys bring
 * together; later scans score only pairs with a record changed since, and keep the earlier
 * pairs whose records did not change (stored in the replica's local settings).
 */
export function scanDuplicates(db: ReplicaDb, kind: DedupKind, options: { full?: boolean } = {}) {
  const key = `dedup_scan:${kind}`;
  const stored = options.full ? undefined : readSetting<Stored>(db, key);
  const all = records(db, kind);
  const at = all.reduce((m, r) => (r.updated_at > m ? r.updated_at : m), '');
  let pairs: DuplicatePair[];
  let changedCount = all.length;
  if (stored) {
    const known = new Set(stored.ids);
    const changed = new Set(all.filter((r) => r.updated_at > stored.at || !known.has(r.id)).map((r) => r.id));
    changedCount = changed.size;
    const live = new Set(all.map((r) => r.id));
    const kept = stored.pairs.filter((p) => live.has(p.a) && live.has(p.b) && !changed.has(p.a) && !changed.has(p.b));
    pairs = [...kept, ...findDuplicates(all, { changed })].sort((p, q) => q.score - p.score || (p.a < q.a ? -1 : 1));
  } else pairs = findDuplicates(all);
  writeSetting(db, key, { at, ids: all.map((r) => r.id), pairs } satisfies Stored);
  return { kind, records: all.length, scanned: changedCount, incremental: Boolean(stored), pairs };
}

const displayName = (r: DedupRecord) => r.business_name ?? [r.first_name, r.last_name].filter(Boolean).join(' ');

/** Records like a new lead or client about to be saved (the "possible duplicate" warning). */
export function possibleDuplicates(
  db: ReplicaDb,
  kind: 'leads' | 'clients',
  draft: Omit<DedupRecord, 'id'>,
  limit = 5,
) {
  const candidate: DedupRecord = { id: '', ...draft };
  return records(db, kind)
    .map((r) => ({ ...scorePair(candidate, r), record: r }))
    .filter((p) => p.score >= 0.6)
    .sort((p, q) => q.score - p.score)
    .slice(0, limit)
    .map((p) => ({ id: p.record.id, name: displayName(p.record), score: p.score, reasons: p.reasons }));
}
