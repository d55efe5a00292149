import type { z } from 'zod';
import type { listQuery } from '../../shared/api/inputs';
import type { ClientDetail, ClientListItem } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import { decodeRow } from '../../shared/model/codec';
import type { ReplicaDb } from '../sqlite/open';
import { ftsQuery } from './fts';
import { displayName, rowById, rowsWhere } from './rows';
import { cachedStatement, inSnapshot } from './statements';
import { timeline } from './timeline';

export function listClients(db: ReplicaDb, q: z.output<typeof listQuery>): ClientListItem[] {
  const match = q.text ? ftsQuery(q.text) : null;
  const where = ['c.deleted_at IS NULL'];
  const params: unknown[] = [];
  if (q.text && !match) return [];
  if (match) {
    where.push(
      `c.id IN (SELECT m.ref_id FROM search_names s JOIN search_map m ON m.rowid = s.rowid WHERE search_names MATCH ? AND m.kind = 'client')`,
    );
    params.push(match);
  }
  return db
    .prepare(
      `SELECT c.id, ${displayName('c')} AS name, c.client_type, c.email, c.phone, c.owner_id, c.client_since, c.updated_at
       FROM clients c WHERE ${where.join(' AND ')} ORDER BY c.updated_at DESC, c.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, q.limit, q.offset) as ClientListItem[];
}

/** A client with the lead(s) it came from (client_lead_history) and one merged timeline. */
export function clientDetail(db: ReplicaDb, id: string): ClientDetail {
  return inSnapshot(db, () => readClientDetail(db, id));
}

function readClientDetail(db: ReplicaDb, id: string): ClientDetail {
  const client = rowById(db, 'clients', id);
  if (!client || client.deleted_at) throw new AppError('not_found', `client ${id} does not exist`, 'id');
  const leads = cachedStatement(
    db,
    `SELECT lead_id, insurance_type_code, lead_created_at, conversion_date, days_to_convert FROM client_lead_history WHERE client_id = ? ORDER BY conversion_date`,
  ).all(id) as ClientDetail['leads'];
  // The client's own opportunities and its leads' in one read; a converted lead's is both.
  const opportunities = (
    cachedStatement(
      db,
      `SELECT * FROM opportunities WHERE deleted_at IS NULL AND (client_id = ? OR lead_id IN (SELECT value FROM json_each(?))) ORDER BY created_at, id`,
    ).all(id, JSON.stringify(leads.map((l) => l.lead_id))) as Record<string, unknown>[]
  ).map((r) => decodeRow('opportunities', r));
  return {
    client,
    address: rowById(db, 'addresses', client.address_id),
    mailing_address: rowById(db, 'addresses', client.mailing_address_id),
    contacts: rowsWhere(db, 'contacts', 'client_id', id),
    opportunities,
    tickets: rowsWhere(db, 'support_tickets', 'client_id', id),
    leads,
    timeline: timeline(db, { client_id: id, lead_ids: leads.map((l) => l.lead_id) }),
  };
}
