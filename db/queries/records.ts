import type { CampaignDetail, TicketDetail, TrashItem } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import { decodeRow } from '../../shared/model/codec';
import type { ReplicaDb } from '../sqlite/open';
import { displayName, rowById } from './rows';

/** The name of the lead or client a row is about, for a line that links to it. */
function subjectName(db: ReplicaDb, lead_id: string | null, client_id: string | null): string | null {
  const [table, id] = client_id ? ['clients', client_id] : ['leads', lead_id];
  if (!id) return null;
  const row = db.prepare(`SELECT ${displayName('x')} AS name FROM ${table} x WHERE x.id = ?`).get(id) as
    { name: string } | undefined;
  return row?.name ?? null;
}

/** A ticket with its comment thread: notes on its record that name it in metadata.ticket_id. */
export function ticketDetail(db: ReplicaDb, id: string): TicketDetail {
  const ticket = rowById(db, 'support_tickets', id);
  if (!ticket || ticket.deleted_at) throw new AppError('not_found', `ticket ${id} does not exist`, 'id');
  // The record's notes are found through their (lead|client, created_at) index, then filtered.
  const [column, subject] = ticket.client_id ? ['client_id', ticket.client_id] : ['lead_id', ticket.lead_id];
  const comments = (
    db
      .prepare(
        `SELECT * FROM lead_notes WHERE ${column} = ? AND deleted_at IS NULL AND json_extract(metadata, '$.ticket_id') = ? ORDER BY created_at, id`,
      )
      .all(subject, id) as Record<string, unknown>[]
  ).map((r) => decodeRow('lead_notes', r));
  return { ticket, subject_name: subjectName(db, ticket.lead_id, ticket.client_id), comments };
}

/** A campaign, who it is aimed at (its enrollments, by status) and the leads it brought in. */
export function campaignDetail(db: ReplicaDb, id: string): CampaignDetail {
  const campaign = rowById(db, 'campaigns', id);
  if (!campaign || campaign.deleted_at) throw new AppError('not_found', `campaign ${id} does not exist`, 'id');
  const enrollments = db
    .prepare(
      `SELECT e.id, e.lead_id, e.client_id, e.status, e.enrolled_at,
              coalesce(${displayName('l')}, ${displayName('c')}) AS name
       FROM campaign_enrollments e LEFT JOIN leads l ON l.id = e.lead_id LEFT JOIN clients c ON c.id = e.client_id
       WHERE e.campaign_id = ? AND e.deleted_at IS NULL ORDER BY e.enrolled_at DESC, e.id LIMIT 500`,
    )
    .all(id) as CampaignDetail['enrollments'];
  const sourced = db
    .prepare(`SELECT count(*) AS n FROM leads WHERE campaign_id = ? AND deleted_at IS NULL`)
    .get(id) as { n: number };
  return { campaign, enrollments, sourced_leads: sourced.n };
}

/** What was deleted (softly) and can be restored: newest first. */
export function trashList(db: ReplicaDb, limit: number): TrashItem[] {
  const name = (a: string) => displayName(a);
  return db
    .prepare(
      `SELECT * FROM (
         SELECT 'leads' AS "table", x.id, ${name('x')} AS name, x.deleted_at FROM leads x WHERE x.deleted_at IS NOT NULL
         UNION ALL SELECT 'clients', x.id, ${name('x')}, x.deleted_at FROM clients x WHERE x.deleted_at IS NOT NULL
         UNION ALL SELECT 'contacts', x.id, trim(x.first_name || ' ' || x.last_name), x.deleted_at FROM contacts x WHERE x.deleted_at IS NOT NULL
         UNION ALL SELECT 'support_tickets', x.id, x.subject, x.deleted_at FROM support_tickets x WHERE x.deleted_at IS NOT NULL
       ) ORDER BY deleted_at DESC, id DESC LIMIT ?`,
    )
    .all(limit) as TrashItem[];
}
