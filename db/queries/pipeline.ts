import { pipelineQuery, type PipelineCursor, type PipelineSort } from '../../shared/api/inputs';
import type { KanbanColumn, LeadListItem, LeadPage } from '../../shared/api/types';
import type { z } from 'zod';
import type { ReplicaDb } from '../sqlite/open';
import { ftsQuery } from './fts';
import { displayName } from './rows';
import { cachedStatement } from './statements';
import { userNames } from './user-names';

type Query = z.output<typeof pipelineQuery>;
type Filters = Omit<Query, 'sort' | 'dir' | 'limit' | 'after'>;

/** Sort keys that may be NULL: their NULLs come last, paged after the non-null rows. */
export const NULLABLE: ReadonlySet<PipelineSort> = new Set([
  'last_name',
  'quoted_premium',
  'next_follow_up_at',
  'status_changed_at',
  'policy_expiration_date',
]);

/** WHERE clauses for the pipeline's filters; every value is a bound parameter. */
function whereFor(q: Filters, probe = false): { sql: string[]; params: unknown[] } {
  const sql = ['l.deleted_at IS NULL'];
  const params: unknown[] = [];
  const inList = (col: string, values?: readonly string[]) => {
    if (!values?.length) return;
    sql.push(`${col} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  // Unary + keeps this standing filter (most leads pass it) from choosing the plan: given
  // is_converted's own index, SQLite read 80k unconverted leads and sorted them (150 ms) rather
  // than walk the sort index, which carries is_converted and stops after a page (0.1 ms).
  if (!q.include_converted) sql.push('+l.is_converted = 0');
  inList('l.status_id', q.status_ids);
  inList('l.insurance_type_id', q.insurance_type_ids);
  inList('l.owner_id', q.owner_ids);
  // Walking a sort index (probe), each lead is tested by one seek into the (make|tag, lead_id)
  // index, so a page costs its rows; `IN (subquery)` first lists every match (linear in the book:
  // 2.3 ms at 100k leads for a common make, 0.5 ms at 10k). LIMIT 1 keeps the EXISTS a correlated
  // probe: without it SQLite turns it into a semi-join whose Bloom filter is built from every match
  // (1.7 ms at 10k leads; 0.24 ms with LIMIT 1). Otherwise the match list drives the plan.
  for (const tag of q.tags ?? []) {
    sql.push(
      probe
        ? 'EXISTS (SELECT 1 FROM lead_tags t WHERE t.tag = ? AND t.lead_id = l.id LIMIT 1)'
        : 'l.id IN (SELECT lead_id FROM lead_tags WHERE tag = ?)',
    );
    params.push(tag);
  }
  // The X-date window; idx_leads_policy_expiration_date serves it as a range (and as the X-date sort).
  if (q.xdate_from) {
    sql.push('l.policy_expiration_date >= ?');
    params.push(q.xdate_from);
  }
  if (q.xdate_to) {
    sql.push('l.policy_expiration_date <= ?');
    params.push(q.xdate_to);
  }
  if (q.vehicle_make) {
    sql.push(
      probe
        ? 'EXISTS (SELECT 1 FROM lead_vehicles v WHERE v.make = ? AND v.lead_id = l.id LIMIT 1)'
        : 'l.id IN (SELECT lead_id FROM lead_vehicles WHERE make = ?)',
    );
    params.push(q.vehicle_make);
  }
  for (const [key, value] of Object.entries(q.custom_fields ?? {})) {
    sql.push(`json_extract(l.custom_fields, ?) = ?`);
    params.push(`$."${key}"`, typeof value === 'boolean' ? Number(value) : value);
  }
  const match = q.text ? ftsQuery(q.text) : null;
  if (q.text && !match) sql.push('0');
  if (match) {
    sql.push(
      `l.id IN (SELECT m.ref_id FROM search_names s JOIN search_map m ON m.rowid = s.rowid WHERE search_names MATCH ? AND m.kind = 'lead')`,
    );
    params.push(match);
  }
  return { sql, params };
}

/**
 * A lead's list item as ONE JSON array, in ListRow's order, built from the lead row aliased `a`.
 * better-sqlite3 pays about 0.1 µs for every value it hands to JavaScript, even a NULL, and a page
 * is 51 rows of 18 values: that crossing cost more than the SQL itself, so a page crosses as one
 * text per row and JSON.parse reads it. `json(tags)` embeds the stored tag array, so tags arrive
 * parsed; SQLite renders REALs so that they read back as the same double.
 *
 * The replica keeps each lead's item ready in lead_list_items (migration 0007, by triggers with
 * this same expression; a test compares every stored item with it), and the sort indexes carry the
 * list's standing filters (deleted_at, is_converted): a page walks an index and reads one stored
 * text per lead, never the wide lead row. At 100k leads that took a page's p50 from about
 * 0.30 ms (18 values a row) to about 0.19 ms, in the same process. A lead whose stored item is missing comes back as its
 * id (a JSON string) and gets its item built by id, so a gap in the derived table can slow a page,
 * never hide a lead. Owner names come from the in-memory users map rather than a join.
 */
export const listItemJson = (
  a: string,
) => `json_array(${a}.id, ${displayName(a)}, ${a}.lead_type, ${a}.status_id, ${a}.insurance_type_id,
  ${a}.owner_id, ${a}.email, ${a}.phone, ${a}.quoted_premium, ${a}.priority, ${a}.ai_follow_up_priority, ${a}.next_follow_up_at,
  ${a}.last_contacted_at, ${a}.status_changed_at, ${a}.created_at, ${a}.updated_at, json(${a}.tags), ${a}.is_converted, ${a}.current_carrier, ${a}.current_premium,
  ${a}.policy_expiration_date)`;

/** A sort on last_name, which an item does not show, also reads it for the cursor (raw rows). */
const select = (sort: PipelineSort, hint = '') =>
  `SELECT coalesce(li.item, json_quote(l.id))${sort === 'last_name' ? ', l.last_name' : ''}
  FROM leads l ${hint} LEFT JOIN lead_list_items li ON li.lead_id = l.id`;
const mode = (sort: PipelineSort) => (sort === 'last_name' ? { raw: true } : { pluck: true });
const BUILD_ONE = `SELECT ${listItemJson('l')} FROM leads l WHERE l.id = ?`;

type ListRow = [
  id: string,
  name: string,
  lead_type: LeadListItem['lead_type'],
  status_id: string,
  insurance_type_id: string,
  owner_id: string,
  email: string | null,
  phone: string | null,
  quoted_premium: number | null,
  priority: number,
  ai_follow_up_priority: number | null,
  next_follow_up_at: string | null,
  last_contacted_at: string | null,
  status_changed_at: string | null,
  created_at: string,
  updated_at: string,
  tags: string[],
  is_converted: number,
  current_carrier: string | null,
  current_premium: number | null,
  policy_expiration_date: string | null,
  last_name?: string | null,
];

/**
 * Item texts (pluck), or [item text, last_name] pairs for a last_name sort (raw). A lead built by
 * id that another connection hard-deleted in between is left out, as a later read would.
 */
/** Where a last_name sort puts the lead's last_name, after the item's own fields. */
const LAST_NAME = 21;

function parseRows(db: ReplicaDb, sort: PipelineSort, rows: unknown[]): ListRow[] {
  const parse = (text: string): ListRow | null => {
    const value = JSON.parse(text) as ListRow | string;
    if (typeof value !== 'string') return value;
    const built = cachedStatement(db, BUILD_ONE, { pluck: true }).get(value) as string | undefined;
    return built === undefined ? null : (JSON.parse(built) as ListRow);
  };
  const out: ListRow[] = [];
  for (const r of rows) {
    const row = sort === 'last_name' ? parse((r as [string, string | null])[0]) : parse(r as string);
    if (!row) continue;
    if (sort === 'last_name') row[LAST_NAME] = (r as [string, string | null])[1];
    out.push(row);
  }
  return out;
}

function toItem(r: ListRow, owners: ReadonlyMap<string, string>): LeadListItem {
  return {
    id: r[0],
    name: r[1],
    lead_type: r[2],
    status_id: r[3],
    insurance_type_id: r[4],
    owner_id: r[5],
    owner_name: owners.get(r[5]) ?? null,
    email: r[6],
    phone: r[7],
    quoted_premium: r[8],
    priority: r[9],
    ai_follow_up_priority: r[10],
    next_follow_up_at: r[11],
    last_contacted_at: r[12],
    status_changed_at: r[13],
    created_at: r[14],
    updated_at: r[15],
    tags: r[16],
    is_converted: r[17] === 1,
    current_carrier: r[18],
    current_premium: r[19],
    policy_expiration_date: r[20],
  };
}

/** The cursor's sort value of a row: the item's own field, or the extra last_name column. */
function sortValue(sort: PipelineSort, row: ListRow, item: LeadListItem): string | number | null {
  return sort === 'last_name' ? (row[LAST_NAME] ?? null) : item[sort];
}

/** The index that walks leads in each sort order. */
const SORT_INDEX: Partial<Record<PipelineSort, string>> = {
  updated_at: 'idx_leads_updated_at',
  created_at: 'idx_leads_created_at',
  last_name: 'idx_leads_name',
  quoted_premium: 'idx_leads_quoted_premium',
  next_follow_up_at: 'idx_leads_next_follow_up_at',
  status_changed_at: 'idx_leads_status_changed_at',
  priority: 'idx_leads_priority',
  policy_expiration_date: 'idx_leads_policy_expiration_date',
};

/**
 * With only a vehicle-make or tag filter, walking the sort's index and probing the filter stops
 * after one page (3 ms at 100k leads); SQLite's own plan builds the whole match list and sorts
 * it (35 ms for a common make). With column filters, their indexes are the better start.
 */
function sortIndexHint(q: Query): string {
  const derivedOnly =
    (q.vehicle_make || q.tags?.length) &&
    !q.status_ids?.length &&
    !q.insurance_type_ids?.length &&
    !q.owner_ids?.length &&
    !q.xdate_from &&
    !q.xdate_to &&
    !q.text;
  const index = SORT_INDEX[q.sort];
  return derivedOnly && index ? `INDEXED BY ${index}` : '';
}

/**
 * One page of the pipeline, by keyset: (sort value, id) after the cursor. Rows whose sort value
 * is NULL come after all others, in a second phase, so each phase can walk an index.
 */
export function listLeads(db: ReplicaDb, input: unknown): LeadPage {
  const q = pipelineQuery.parse(input);
  const hint = sortIndexHint(q);
  const { sql: where, params } = whereFor(q, hint !== '');
  const col = `l.${q.sort}`;
  const desc = q.dir === 'desc';
  const cmp = desc ? '<' : '>';
  const order = `ORDER BY ${col} ${desc ? 'DESC' : 'ASC'}, l.id ${desc ? 'DESC' : 'ASC'}`;
  const rows: ListRow[] = [];
  const nullable = NULLABLE.has(q.sort);
  const after = q.after;

  if (!after || !after.nulls) {
    const phase = [...where, ...(nullable ? [`${col} IS NOT NULL`] : [])];
    const p = [...params];
    if (after) {
      phase.push(`(${col}, l.id) ${cmp} (?, ?)`);
      p.push(after.v, after.id);
    }
    rows.push(
      ...parseRows(
        db,
        q.sort,
        cachedStatement(db, `${select(q.sort, hint)} WHERE ${phase.join(' AND ')} ${order} LIMIT ?`, mode(q.sort)).all(
          ...p,
          q.limit + 1,
        ),
      ),
    );
  }
  if (nullable && rows.length <= q.limit) {
    const phase = [...where, `${col} IS NULL`];
    const p = [...params];
    if (after?.nulls) {
      phase.push(`l.id ${cmp} ?`);
      p.push(after.id);
    }
    const need = q.limit + 1 - rows.length;
    rows.push(
      ...parseRows(
        db,
        q.sort,
        cachedStatement(
          db,
          `${select(q.sort)} WHERE ${phase.join(' AND ')} ORDER BY l.id ${desc ? 'DESC' : 'ASC'} LIMIT ?`,
          mode(q.sort),
        ).all(...p, need),
      ),
    );
  }
  const more = rows.length > q.limit;
  if (more) rows.length = q.limit;
  const owners = userNames(db);
  const items = rows.map((r) => toItem(r, owners));
  const last = rows.length ? sortValue(q.sort, rows[rows.length - 1]!, items[items.length - 1]!) : null;
  const next: PipelineCursor | null = more ? { v: last, id: items[items.length - 1]!.id, nulls: last === null } : null;
  return { items, next };
}

/**
 * Lead counts and quoted premium per status, with the same filters as the list. With only status,
 * type and owner filters, the live-leads roll-up index holds every column this reads, so the
 * board scans that narrow index instead of every wide lead row (16 ms instead of 150 ms at 100k
 * leads); SQLite's own choice, a sort index that yields status order, read the rows.
 */
export function kanban(db: ReplicaDb, input: unknown): KanbanColumn[] {
  const q = pipelineQuery.parse(input);
  const { sql: where, params } = whereFor(q);
  const narrow =
    !q.tags?.length &&
    !q.vehicle_make &&
    !q.text &&
    !q.xdate_from &&
    !q.xdate_to &&
    !Object.keys(q.custom_fields ?? {}).length;
  const hint = narrow ? 'INDEXED BY idx_leads_live_rollup' : '';
  const sql = `SELECT l.status_id, count(*) AS count, coalesce(sum(l.quoted_premium), 0) AS premium FROM leads l ${hint} WHERE ${where.join(' AND ')} GROUP BY l.status_id`;
  return cachedStatement(db, sql).all(...params) as KanbanColumn[];
}
