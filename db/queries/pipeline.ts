import { pipelineQuery, type PipelineCursor, type PipelineSort } from '../../shared/api/inputs';
import type { KanbanColumn, LeadListItem, LeadPage } from '../../shared/api/types';
import type { z } from 'zod';
import type { ReplicaDb } from '../sqlite/open';
import { ftsQuery } from './fts';
import { displayName } from './rows';

type Query = z.output<typeof pipelineQuery>;
type Filters = Omit<Query, 'sort' | 'dir' | 'limit' | 'after'>;

/** Sort keys that may be NULL: their NULLs come last, paged after the non-null rows. */
const NULLABLE: ReadonlySet<PipelineSort> = new Set(['last_name', 'quoted_premium', 'next_follow_up_at', 'status_changed_at']);

/** WHERE clauses for the pipeline's filters; every value is a bound parameter. */
function whereFor(q: Filters): { sql: string[]; params: unknown[] } {
  const sql = ['l.deleted_at IS NULL'];
  const params: unknown[] = [];
  const inList = (col: string, values?: readonly string[]) => {
    if (!values?.length) return;
    sql.push(`${col} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  if (!q.include_converted) sql.push('l.is_converted = 0');
  inList('l.status_id', q.status_ids);
  inList('l.insurance_type_id', q.insurance_type_ids);
  inList('l.owner_id', q.owner_ids);
  for (const tag of q.tags ?? []) {
    sql.push('l.id IN (SELECT lead_id FROM lead_tags WHERE tag = ?)');
    params.push(tag);
  }
  if (q.vehicle_make) {
    sql.push('l.id IN (SELECT lead_id FROM lead_vehicles WHERE make = ?)');
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

/** The list's columns plus the sort key (`sort_value`), which the cursor needs but an item may not show (last_name). */
const select = (col: string, hint = '') => `SELECT ${col} AS sort_value, l.id, ${displayName('l')} AS name, l.lead_type, l.status_id, l.insurance_type_id, l.owner_id,
  u.full_name AS owner_name, l.email, l.phone, l.quoted_premium, l.priority, l.ai_follow_up_priority, l.next_follow_up_at,
  l.last_contacted_at, l.status_changed_at, l.created_at, l.updated_at, l.tags, l.is_converted
  FROM leads l ${hint} LEFT JOIN users u ON u.id = l.owner_id`;

/** The index that walks leads in each sort order. */
const SORT_INDEX: Partial<Record<PipelineSort, string>> = {
  updated_at: 'idx_leads_updated_at',
  created_at: 'idx_leads_created_at',
  last_name: 'idx_leads_name',
  quoted_premium: 'idx_leads_quoted_premium',
  next_follow_up_at: 'idx_leads_next_follow_up_at',
  status_changed_at: 'idx_leads_status_changed_at',
};

/**
 * With only a vehicle-make or tag filter, walking the sort's index and probing the filter stops
 * after one page (3 ms at 100k leads); SQLite's own plan builds the whole match list and sorts
 * it (35 ms for a common make). With column filters, their indexes are the better start.
 */
function sortIndexHint(q: Query): string {
  const derivedOnly = (q.vehicle_make || q.tags?.length) && !q.status_ids?.length && !q.insurance_type_ids?.length && !q.owner_ids?.length && !q.text;
  const index = SORT_INDEX[q.sort];
  return derivedOnly && index ? `INDEXED BY ${index}` : '';
}

type ListRow = Record<string, unknown> & { sort_value: string | number | null };

function toItem({ sort_value: _, ...r }: ListRow): LeadListItem {
  return { ...(r as unknown as LeadListItem), tags: JSON.parse(String(r.tags)) as string[], is_converted: r.is_converted === 1 };
}

/**
 * One page of the pipeline, by keyset: (sort value, id) after the cursor. Rows whose sort value
 * is NULL come after all others, in a second phase, so each phase can walk an index.
 */
export function listLeads(db: ReplicaDb, input: unknown): LeadPage {
  const q = pipelineQuery.parse(input);
  const { sql: where, params } = whereFor(q);
  const col = `l.${q.sort}`;
  const desc = q.dir === 'desc';
  const cmp = desc ? '<' : '>';
  const order = `ORDER BY ${col} ${desc ? 'DESC' : 'ASC'}, l.id ${desc ? 'DESC' : 'ASC'}`;
  const items: ListRow[] = [];
  const nullable = NULLABLE.has(q.sort);
  const after = q.after;

  if (!after || !after.nulls) {
    const phase = [...where, ...(nullable ? [`${col} IS NOT NULL`] : [])];
    const p = [...params];
    if (after) {
      phase.push(`(${col}, l.id) ${cmp} (?, ?)`);
      p.push(after.v, after.id);
    }
    items.push(...(db.prepare(`${select(col, sortIndexHint(q))} WHERE ${phase.join(' AND ')} ${order} LIMIT ?`).all(...p, q.limit + 1) as ListRow[]));
  }
  if (nullable && items.length <= q.limit) {
    const phase = [...where, `${col} IS NULL`];
    const p = [...params];
    if (after?.nulls) {
      phase.push(`l.id ${cmp} ?`);
      p.push(after.id);
    }
    const need = q.limit + 1 - items.length;
    items.push(...(db.prepare(`${select(col)} WHERE ${phase.join(' AND ')} ORDER BY l.id ${desc ? 'DESC' : 'ASC'} LIMIT ?`).all(...p, need) as ListRow[]));
  }
  const more = items.length > q.limit;
  const page = items.slice(0, q.limit);
  const last = page[page.length - 1];
  const next: PipelineCursor | null = more && last ? { v: last.sort_value, id: String(last.id), nulls: last.sort_value === null } : null;
  return { items: page.map(toItem), next };
}

/** Lead counts and quoted premium per status, with the same filters as the list. */
export function kanban(db: ReplicaDb, input: unknown): KanbanColumn[] {
  const q = pipelineQuery.parse(input);
  const { sql: where, params } = whereFor(q);
  return db
    .prepare(
      `SELECT l.status_id, count(*) AS count, coalesce(sum(l.quoted_premium), 0) AS premium FROM leads l WHERE ${where.join(' AND ')} GROUP BY l.status_id`,
    )
    .all(...params) as KanbanColumn[];
}
