import type { z } from 'zod';
import type { listQuery, ticketsQuery } from '../../shared/api/inputs';
import { decodeRow } from '../../shared/model/codec';
import type { TableName } from '../../shared/model/catalogue';
import type { ReplicaDb } from '../sqlite/open';
import { ftsQuery } from './fts';

/** `kind`'s rows matching the search text (names index or text index), as an IN clause. */
function textFilter(kind: string, fts: 'search_names' | 'search_text_match', text: string | undefined) {
  if (!text) return { sql: '', params: [] as unknown[], none: false };
  const match = ftsQuery(text);
  if (!match) return { sql: '', params: [], none: true };
  return {
    sql: ` AND x.id IN (SELECT m.ref_id FROM ${fts} s JOIN search_map m ON m.rowid = s.rowid WHERE ${fts} MATCH ? AND m.kind = '${kind}')`,
    params: [match],
    none: false,
  };
}

function decodeAll<T extends TableName>(table: T, rows: unknown[]) {
  return (rows as Record<string, unknown>[]).map((r) => decodeRow(table, r));
}

export function listContacts(db: ReplicaDb, q: z.output<typeof listQuery>) {
  const t = textFilter('contact', 'search_names', q.text);
  if (t.none) return [];
  const rows = db
    .prepare(
      `SELECT x.* FROM contacts x WHERE x.deleted_at IS NULL${t.sql} ORDER BY x.last_name, x.first_name, x.id LIMIT ? OFFSET ?`,
    )
    .all(...t.params, q.limit, q.offset);
  return decodeAll('contacts', rows);
}

export function listTickets(db: ReplicaDb, q: z.output<typeof ticketsQuery>) {
  const t = textFilter('ticket', 'search_text_match', q.text);
  if (t.none) return [];
  const status = q.status ? ' AND x.status = ?' : '';
  const rows = db
    .prepare(
      `SELECT x.* FROM support_tickets x WHERE x.deleted_at IS NULL${status}${t.sql}
       ORDER BY CASE x.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, x.created_at DESC LIMIT ? OFFSET ?`,
    )
    .all(...(q.status ? [q.status] : []), ...t.params, q.limit, q.offset);
  return decodeAll('support_tickets', rows);
}

export function listCampaigns(db: ReplicaDb, q: z.output<typeof listQuery>) {
  const like = q.text ? ' AND x.name LIKE ?' : '';
  const rows = db
    .prepare(
      `SELECT x.*, (SELECT count(*) FROM campaign_enrollments e WHERE e.campaign_id = x.id AND e.deleted_at IS NULL) AS enrolled
       FROM campaigns x WHERE x.deleted_at IS NULL${like} ORDER BY x.created_at DESC LIMIT ? OFFSET ?`,
    )
    .all(...(q.text ? [`%${q.text.replace(/[%_]/g, '')}%`] : []), q.limit, q.offset) as Array<Record<string, unknown>>;
  return rows.map((r) => ({ ...decodeRow('campaigns', r), enrolled: Number(r.enrolled) }));
}
