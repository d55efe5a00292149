import type { ReplicaDb } from '../../../db/sqlite/open';
import { rowById } from '../../../db/queries/rows';
import type {
  AddressSummary,
  DedupKind,
  DuplicateList,
  DuplicateSide,
  MergePreview,
  MergeSide,
} from '../../../shared/api/dedup';
import type { DuplicatePair } from '../../../shared/dedup/score';
import { AppError } from '../../../shared/errors';
import { MERGE_CHILDREN } from '../../../shared/mutations/merge';
import { readSetting, writeSetting } from '../actor';

/** The scan's stored pairs (see scan.ts: `dedup_scan:<kind>` in local settings). */
const scanKey = (kind: DedupKind) => `dedup_scan:${kind}`;
/**
 * Pairs a person said are not duplicates. Kept in the replica's local settings, next to the scan
 * they filter: the scan and its pairs are this replica's own (never synced), so the answer about
 * them is too, and a dismissal needs no new synced table, mutation or migration on both stores.
 */
const dismissedKey = (kind: DedupKind) => `dedup_dismissed:${kind}`;
const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

const nameSql = (kind: DedupKind) =>
  kind === 'contacts'
    ? `trim(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))`
    : `CASE WHEN business_name IS NOT NULL AND business_name <> '' THEN business_name ELSE trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) END`;

/** The last scan's pairs whose two records are still live and that nobody dismissed, best first. */
export function listDuplicatePairs(db: ReplicaDb, kind: DedupKind, limit: number): DuplicateList {
  const stored = readSetting<{ pairs: DuplicatePair[] }>(db, scanKey(kind));
  if (!stored) return { kind, scanned: false, pairs: [], more: 0 };
  const dismissed = new Set(readSetting<string[]>(db, dismissedKey(kind)) ?? []);
  const open = stored.pairs.filter((p) => !dismissed.has(pairKey(p.a, p.b)));
  const ids = [...new Set(open.flatMap((p) => [p.a, p.b]))];
  const sides = new Map<string, DuplicateSide>();
  const rows = db
    .prepare(
      `SELECT id, ${nameSql(kind)} AS name, email, phone, created_at FROM "${kind}"
        WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as DuplicateSide[];
  for (const r of rows) sides.set(r.id, r);
  const live = open.flatMap((p) => {
    const a = sides.get(p.a);
    const b = sides.get(p.b);
    return a && b ? [{ a, b, score: p.score, reasons: p.reasons }] : [];
  });
  return { kind, scanned: true, pairs: live.slice(0, limit), more: Math.max(0, live.length - limit) };
}

export function dismissPair(db: ReplicaDb, kind: DedupKind, a: string, b: string) {
  const key = dismissedKey(kind);
  const list = readSetting<string[]>(db, key) ?? [];
  const k = pairKey(a, b);
  if (!list.includes(k)) writeSetting(db, key, [...list, k]);
  return { dismissed: true as const };
}

/** What each child table is called on the merge screen (counted, so singular and plural). */
const CHILD_LABELS: Record<string, [string, string]> = {
  contacts: ['contact', 'contacts'],
  lead_marketing_settings: ['marketing preference', 'marketing preferences'],
  lead_notes: ['note', 'notes'],
  lead_communications: ['communication', 'communications'],
  opportunities: ['opportunity', 'opportunities'],
  support_tickets: ['ticket', 'tickets'],
  ai_interactions: ['AI record', 'AI records'],
  timeline_events: ['timeline event', 'timeline events'],
  campaign_enrollments: ['campaign enrollment', 'campaign enrollments'],
  leads: ['converted lead', 'converted leads'],
  policies: ['policy term', 'policy terms'],
};

function addressOf(db: ReplicaDb, id: unknown): AddressSummary | null {
  const a = typeof id === 'string' ? rowById(db, 'addresses', id) : null;
  if (!a || a.deleted_at) return null;
  return { id: a.id, text: [a.line1, a.line2, a.city, `${a.state} ${a.postal_code}`].filter(Boolean).join(', ') };
}

function side(db: ReplicaDb, kind: DedupKind, id: string, field: 'survivor_id' | 'merged_id'): MergeSide {
  const row = rowById(db, kind, id) as Record<string, unknown> | null;
  const label = kind.slice(0, -1);
  if (!row || row.deleted_at) throw new AppError('not_found', `${label} ${id} does not exist`, field);
  const name =
    typeof row.business_name === 'string' && row.business_name
      ? row.business_name
      : [row.first_name, row.last_name].filter(Boolean).join(' ');
  const addresses: MergeSide['addresses'] = {};
  if (kind !== 'contacts') addresses.address_id = addressOf(db, row.address_id);
  if (kind === 'clients') addresses.mailing_address_id = addressOf(db, row.mailing_address_id);
  return { row, name, addresses };
}

/**
 * Both records of a merge and what would move from the merged one to the survivor: the same
 * child tables mergeClients/mergeLeads/mergeContacts move (MERGE_CHILDREN), counted live.
 */
export function mergePreview(db: ReplicaDb, kind: DedupKind, survivorId: string, mergedId: string): MergePreview {
  const survivor = side(db, kind, survivorId, 'survivor_id');
  const merged = side(db, kind, mergedId, 'merged_id');
  const moving: MergePreview['moving'] = [];
  for (const [table, column] of MERGE_CHILDREN[kind]) {
    // A lead keeps one marketing-settings row: the survivor's own wins and the other's stays behind.
    if (kind === 'leads' && table === 'lead_marketing_settings') {
      const own = db.prepare(`SELECT 1 FROM lead_marketing_settings WHERE lead_id = ?`).get(survivorId);
      if (own) continue;
    }
    const { n } = db
      .prepare(`SELECT count(*) AS n FROM "${table}" WHERE "${column}" = ? AND deleted_at IS NULL`)
      .get(mergedId) as { n: number };
    if (n === 0) continue;
    const [one, many] = CHILD_LABELS[table] ?? [table, table];
    const label = kind === 'contacts' && table === 'contacts' ? 'contacts reporting to them' : n === 1 ? one : many;
    const at = moving.findIndex((m) => m.table === table);
    if (at >= 0) moving[at]!.count += n;
    else moving.push({ table, label, count: n });
  }
  return { kind, survivor, merged, moving };
}
