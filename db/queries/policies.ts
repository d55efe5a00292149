/**
 * The book of business on the replica: the renewal and X-date work lists, the policies list, a
 * policy's chain of terms and a client's (and household's) policies. Work lists are keyset-paged
 * along their indexes (idx_policies_live_expiration, idx_leads_xdate), so a page reads no more
 * rows than it shows.
 */
import type { z } from 'zod';
import type {
  ClientBook,
  InForce,
  PolicyDetail,
  PolicyListItem,
  PolicySort,
  policiesQuery,
  renewalsQuery,
  XDateItem,
  xdatesQuery,
} from '../../shared/api/book';
import { retentionRisk } from '../../shared/book/retention';
import { addDaysToDate, isRetentionRisk } from '../../shared/book/terms';
import { AppError } from '../../shared/errors';
import { LIVE_POLICY_SQL } from '../../shared/model/tables/policies';
import type { ReplicaDb } from '../sqlite/open';
import { displayName, rowById } from './rows';
import { identifierKey } from './search-keys';
import { cachedStatement, inSnapshot } from './statements';

/** The live-term predicate on alias p, written as the partial indexes' WHERE so SQLite can use them. */
const LIVE_P = LIVE_POLICY_SQL.replace('deleted_at', 'p.deleted_at').replace('status', 'p.status');

const ITEM_COLUMNS = `p.id, p.client_id, ${displayName('c')} AS client_name, p.carrier_id, k.name AS carrier_name,
  p.insurance_type_id, t.name AS line_name, p.policy_number, p.status, p.effective_date, p.expiration_date,
  p.written_premium, p.premium_change_pct, p.ai_retention_risk, p.owner_id, p.renews_policy_id`;
const ITEM_FROM = `FROM policies p JOIN clients c ON c.id = p.client_id JOIN carriers k ON k.id = p.carrier_id
  JOIN insurance_types t ON t.id = p.insurance_type_id`;
const ITEM = `SELECT ${ITEM_COLUMNS} ${ITEM_FROM}`;
/** The renewal list's rows carry what the retention rule weighs about the client, read in the same join. */
const RENEWAL_ITEM = `SELECT ${ITEM_COLUMNS}, c.client_since AS signal_client_since, c.last_contact_at AS signal_last_contact_at ${ITEM_FROM}`;

type RawItem = Omit<PolicyListItem, 'retention_risk'>;

/** Adds one condition and its values to a query being built. */
function filter(where: string[], params: unknown[], sql: string, ...values: unknown[]) {
  where.push(sql);
  params.push(...values);
}
const item = (r: RawItem): PolicyListItem => ({ ...r, retention_risk: isRetentionRisk(r.premium_change_pct) });
const today = (now: Date) => now.toISOString().slice(0, 10);

/** The renewal list's conditions (without its cursor), shared by the list and its count. */
function renewalsWhere(q: Omit<z.output<typeof renewalsQuery>, 'limit' | 'after'>, now: Date) {
  const from = today(now);
  const where = [LIVE_P, 'p.expiration_date >= ?', 'p.expiration_date <= ?'];
  const params: unknown[] = [from, addDaysToDate(from, q.days)];
  if (q.owner_id) filter(where, params, 'p.owner_id = ?', q.owner_id);
  if (q.carrier_id) filter(where, params, 'p.carrier_id = ?', q.carrier_id);
  if (q.insurance_type_id) filter(where, params, 'p.insurance_type_id = ?', q.insurance_type_id);
  return { where, params };
}

/** How many terms the renewal list holds in all (every page). */
export function countRenewals(db: ReplicaDb, q: Omit<z.output<typeof renewalsQuery>, 'limit' | 'after'>, now: Date) {
  const { where, params } = renewalsWhere(q, now);
  const sql = `SELECT count(*) AS n FROM policies p WHERE ${where.join(' AND ')}`;
  return (cachedStatement(db, sql).get(...params) as { n: number }).n;
}

/** Live terms expiring from today to `days` ahead, soonest first, with their premium-change flags. */
export function renewals(
  db: ReplicaDb,
  q: z.output<typeof renewalsQuery>,
  now: Date,
  learned?: (ids: readonly string[]) => Map<string, LearnedChance>,
): PolicyListItem[] {
  const { where, params } = renewalsWhere(q, now);
  if (q.after) filter(where, params, '(p.expiration_date, p.id) > (?, ?)', q.after.date, q.after.id);
  const sql = `${RENEWAL_ITEM} WHERE ${where.join(' AND ')} ORDER BY p.expiration_date, p.id LIMIT ?`;
  const rows = cachedStatement(db, sql).all(...params, q.limit) as RenewalRow[];
  const chances = learned?.(rows.map((r) => r.id));
  // The rule's counts only for the clients of terms the learned model has no chance for.
  const ruled = rows.filter((r) => !chances?.has(r.id)).map((r) => r.client_id);
  const counts = ruleCounts(db, [...new Set(ruled)]);
  return rows.map(({ signal_client_since, signal_last_contact_at, ...r }) => {
    const chance = chances?.get(r.id);
    if (chance)
      return {
        ...item(r),
        retention: {
          score: Math.round(100 * (1 - chance.probability)),
          reasons: chance.factors.map((f) => f.text),
          learned: true,
        },
      };
    const retention = retentionRisk(
      {
        premiumChangePct: r.premium_change_pct,
        clientSince: signal_client_since,
        lastContactAt: signal_last_contact_at,
        openTickets: counts.tickets.get(r.client_id) ?? 0,
        livePolicies: counts.policies.get(r.client_id) ?? 0,
      },
      now,
    );
    return { ...item(r), retention };
  });
}

type RenewalRow = RawItem & { signal_client_since: string | null; signal_last_contact_at: string | null };

/** A term's learned chance to renew with its top factor (electron/main/score/retention-score.ts). */
export interface LearnedChance {
  probability: number;
  factors: Array<{ text: string }>;
}

/**
 * What the retention rule counts about the page's clients: one query per count for the whole
 * page (the ids as one JSON array), each walking the clients' own indexes, where a query per row
 * cost ~60 µs a row. Counts are grouped per client; a client with none has no row (zero).
 */
const COUNT_SQL = {
  tickets: `SELECT t.client_id AS id, count(*) AS n FROM support_tickets t WHERE t.client_id IN (SELECT value FROM json_each(?))
    AND t.status IN ('open', 'pending') AND t.deleted_at IS NULL GROUP BY t.client_id`,
  policies: `SELECT q.client_id AS id, count(*) AS n FROM policies q WHERE q.client_id IN (SELECT value FROM json_each(?))
    AND q.status = 'active' AND q.deleted_at IS NULL GROUP BY q.client_id`,
};

function ruleCounts(db: ReplicaDb, clientIds: string[]) {
  const count = (sql: string) =>
    new Map(
      clientIds.length === 0
        ? []
        : (cachedStatement(db, sql).all(JSON.stringify(clientIds)) as Array<{ id: string; n: number }>).map(
            (r) => [r.id, r.n] as const,
          ),
    );
  return { tickets: count(COUNT_SQL.tickets), policies: count(COUNT_SQL.policies) };
}

/** The X-date list's conditions (without its cursor), shared by the list and its count. */
function xdatesWhere(q: Omit<z.output<typeof xdatesQuery>, 'limit' | 'after'>, now: Date) {
  const from = today(now);
  const where = [
    'l.deleted_at IS NULL',
    'l.is_converted = 0',
    'l.policy_expiration_date >= ?',
    'l.policy_expiration_date <= ?',
  ];
  const params: unknown[] = [from, addDaysToDate(from, q.days)];
  if (q.owner_id) filter(where, params, 'l.owner_id = ?', q.owner_id);
  return { where, params };
}

/** How many prospects the X-date list holds in all (every page). */
export function countXdates(db: ReplicaDb, q: Omit<z.output<typeof xdatesQuery>, 'limit' | 'after'>, now: Date) {
  const { where, params } = xdatesWhere(q, now);
  const sql = `SELECT count(*) AS n FROM leads l INDEXED BY idx_leads_xdate WHERE ${where.join(' AND ')}`;
  return (cachedStatement(db, sql).get(...params) as { n: number }).n;
}

/** Prospects not converted (lost ones too) whose current policy expires from today to `days` ahead. */
export function xdates(db: ReplicaDb, q: z.output<typeof xdatesQuery>, now: Date): XDateItem[] {
  const { where, params } = xdatesWhere(q, now);
  if (q.after) filter(where, params, '(l.policy_expiration_date, l.id) > (?, ?)', q.after.date, q.after.id);
  const sql = `SELECT l.id AS lead_id, ${displayName('l')} AS name, s.name AS status_name, s.category AS status_category,
    l.current_carrier, l.current_premium, l.policy_expiration_date, l.next_follow_up_at, l.follow_up_note, l.owner_id
    FROM leads l INDEXED BY idx_leads_xdate JOIN lead_statuses s ON s.id = l.status_id
    WHERE ${where.join(' AND ')} ORDER BY l.policy_expiration_date, l.id LIMIT ?`;
  return cachedStatement(db, sql).all(...params, q.limit) as XDateItem[];
}

export function listPolicies(db: ReplicaDb, q: z.output<typeof policiesQuery>): PolicyListItem[] {
  const { sql, params } = policiesListSql(q);
  return (cachedStatement(db, sql).all(...params) as RawItem[]).map(item);
}

/** The policies list's statement and its values (the plan test explains this very SQL). */
export function policiesListSql(q: z.output<typeof policiesQuery>): { sql: string; params: unknown[] } {
  const where = ['p.deleted_at IS NULL'];
  const params: unknown[] = [];
  const key = q.text ? identifierKey(q.text) : null;
  if (key)
    filter(where, params, 'p.id IN (SELECT ref_id FROM search_keys WHERE key >= ? AND key < ?)', key, `${key}\uffff`);
  else if (q.text?.trim())
    filter(where, params, `${displayName('c')} LIKE ?`, `%${q.text.trim().replace(/[%_]/g, '')}%`);
  if (q.client_id) filter(where, params, 'p.client_id = ?', q.client_id);
  if (q.status) filter(where, params, 'p.status = ?', q.status);
  if (q.carrier_id) filter(where, params, 'p.carrier_id = ?', q.carrier_id);
  const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
  const sql = `${ITEM} WHERE ${where.join(' AND ')} ORDER BY ${POLICY_ORDER[q.sort]} ${dir}, p.id ${dir} LIMIT ? OFFSET ?`;
  return { sql, params: [...params, q.limit, q.offset] };
}

/**
 * What each policies-list sort orders by, then by id. Number, dates and premium walk their
 * idx_policies_sort_* index ((value, id)), so a page reads only its rows; the names (client,
 * carrier, line) come from joins and status has no index of its own (see the catalogue), so those
 * sorts order the matching terms first (a top-N sort bounded by LIMIT + OFFSET, not an index walk).
 */
const POLICY_ORDER: Record<PolicySort, string> = {
  policy_number: 'p.policy_number',
  client: 'client_name',
  carrier: 'carrier_name',
  line: 'line_name',
  status: 'p.status',
  effective_date: 'p.effective_date',
  expiration_date: 'p.expiration_date',
  written_premium: 'p.written_premium',
};

/** A term and its whole chain: back along renews_policy_id, forward along the unique index on it. */
export function policyDetail(db: ReplicaDb, id: string): PolicyDetail {
  return inSnapshot(db, () => readPolicyDetail(db, id));
}

function readPolicyDetail(db: ReplicaDb, id: string): PolicyDetail {
  const policy = rowById(db, 'policies', id);
  if (!policy || policy.deleted_at) throw new AppError('not_found', `policy ${id} does not exist`, 'id');
  const byId = cachedStatement(db, `${ITEM} WHERE p.id = ?`);
  const renewedBy = cachedStatement(db, `${ITEM} WHERE p.renews_policy_id = ?`);
  const terms: PolicyListItem[] = [];
  // The chain has no cycle (a term renews an older one, once), but a bound costs nothing.
  for (let at: RawItem | undefined = byId.get(id) as RawItem; at && terms.length < 500;) {
    terms.unshift(item(at));
    at = at.renews_policy_id ? (byId.get(at.renews_policy_id) as RawItem | undefined) : undefined;
  }
  for (let at = renewedBy.get(id) as RawItem | undefined; at && terms.length < 1000;) {
    terms.push(item(at));
    at = renewedBy.get(at.id) as RawItem | undefined;
  }
  return { policy, item: terms.find((t) => t.id === id)!, terms };
}

/**
 * In force, as the client_policies_in_force view defines it (an active term not yet expired), for
 * one client through idx_policies_client: SQLite does not push a client filter into the view's
 * GROUP BY over every client, which cost 14 ms a page on 1,000 clients.
 */
const IN_FORCE_FIGURES = `count(p.id) AS policies_in_force, coalesce(sum(p.written_premium), 0) AS premium_in_force,
  coalesce(sum(p.commission_amount), 0) AS commission_in_force, count(DISTINCT p.insurance_type_id) AS lines_in_force,
  count(DISTINCT p.carrier_id) AS carriers_in_force, min(p.expiration_date) AS next_expiration_date`;
const IN_FORCE_TERM = "p.deleted_at IS NULL AND p.status = 'active' AND p.expiration_date >= date('now')";
const IN_FORCE = `SELECT ${IN_FORCE_FIGURES} FROM policies p WHERE p.client_id = ? AND ${IN_FORCE_TERM}`;

/** Every member of a household with what each has in force (IN_FORCE's figures), in one grouped read. */
const HOUSEHOLD_MEMBERS = `SELECT c.id AS client_id, ${displayName('c')} AS name, ${IN_FORCE_FIGURES}
  FROM clients c LEFT JOIN policies p ON p.client_id = c.id AND ${IN_FORCE_TERM}
  WHERE c.household_id = ? AND c.deleted_at IS NULL GROUP BY c.id ORDER BY name, c.id`;

type Member = { client_id: string; name: string } & InForce;
/** A member's in-force figures without who they are. */
const figuresOf = ({ client_id: _client, name: _name, ...figures }: Member): InForce => figures;

/** A client's terms (newest first), what is in force, and its household's members and live policies. */
export function clientBook(db: ReplicaDb, clientId: string): ClientBook {
  return inSnapshot(db, () => readClientBook(db, clientId));
}

function readClientBook(db: ReplicaDb, clientId: string): ClientBook {
  // Two columns, not the decoded row: decoding a whole client cost more than reading it.
  const client = cachedStatement(db, 'SELECT household_id, deleted_at FROM clients WHERE id = ?').get(clientId) as
    { household_id: string | null; deleted_at: string | null } | undefined;
  if (!client || client.deleted_at) throw new AppError('not_found', `client ${clientId} does not exist`, 'id');
  const inForce = (id: string) => cachedStatement(db, IN_FORCE).get(id) as InForce;
  const policies = (
    cachedStatement(
      db,
      `${ITEM} WHERE p.client_id = ? AND p.deleted_at IS NULL ORDER BY p.expiration_date DESC, p.id`,
    ).all(clientId) as RawItem[]
  ).map(item);
  const household = client.household_id ? rowById(db, 'households', client.household_id) : null;
  if (!household || household.deleted_at) return { in_force: inForce(clientId), policies, household: null };
  const members = cachedStatement(db, HOUSEHOLD_MEMBERS).all(household.id) as Member[];
  const householdPolicies = (
    cachedStatement(
      db,
      `${ITEM} WHERE c.household_id = ? AND c.deleted_at IS NULL AND ${LIVE_P} ORDER BY p.expiration_date, p.id`,
    ).all(household.id) as RawItem[]
  ).map(item);
  // The client is one of its household's members: its figures were just read.
  const own = members.find((m) => m.client_id === clientId);
  return {
    in_force: own ? figuresOf(own) : inForce(clientId),
    policies,
    household: {
      household,
      members,
      policies: householdPolicies,
      premium_in_force: members.reduce((sum, m) => sum + m.premium_in_force, 0),
    },
  };
}
