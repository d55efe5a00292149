import type { TimelineItem, TimelineKind } from '../../shared/api/types';
import type { ReplicaDb } from '../sqlite/open';
import { cachedStatement } from './statements';
import { userNames } from './user-names';

/**
 * Each source of the merged timeline as one SELECT with the same columns. The last column is who
 * did it: the author of a note or activity, an event's actor, who ran an AI request; opportunities
 * and tickets record no creator, so their owner stands in. `@subject` is the subject
 * id; `SUBJ` becomes lead_id or client_id. Each part is limited before the merge so a record
 * with years of history still answers in a millisecond.
 */
const PARTS: Record<TimelineKind, string> = {
  note: `SELECT 'note' AS kind, id, created_at AS at, 'Note' AS title, body, json_object('pinned', is_pinned, 'author', created_by) AS meta, lead_id, client_id, created_by AS actor_id
    FROM lead_notes WHERE SUBJ = @subject AND deleted_at IS NULL ORDER BY created_at DESC LIMIT @limit`,
  communication: `SELECT 'communication', c.id, c.occurred_at, coalesce(t.name, 'Communication') || CASE WHEN c.subject IS NOT NULL THEN ': ' || c.subject ELSE '' END, c.body,
    json_object('type', t.code, 'channel', t.channel, 'direction', c.direction, 'outcome', c.outcome, 'duration_seconds', c.duration_seconds, 'sentiment', c.ai_sentiment), c.lead_id, c.client_id, c.created_by
    FROM lead_communications c LEFT JOIN communication_types t ON t.id = c.communication_type_id WHERE c.SUBJ = @subject AND c.deleted_at IS NULL ORDER BY c.occurred_at DESC LIMIT @limit`,
  event: `SELECT 'event', id, occurred_at, kind, NULL, payload, lead_id, client_id, actor_id
    FROM timeline_events WHERE SUBJ = @subject AND deleted_at IS NULL ORDER BY occurred_at DESC LIMIT @limit`,
  opportunity: `SELECT 'opportunity', id, created_at, 'Opportunity: ' || name, close_reason,
    json_object('stage', stage, 'amount', amount, 'closed_at', closed_at), lead_id, client_id, coalesce(created_by, owner_id)
    FROM opportunities WHERE SUBJ = @subject AND deleted_at IS NULL ORDER BY created_at DESC LIMIT @limit`,
  ticket: `SELECT 'ticket', id, created_at, 'Ticket: ' || subject, description,
    json_object('status', status, 'priority', priority, 'issue_type', issue_type), lead_id, client_id, coalesce(created_by, owner_id)
    FROM support_tickets WHERE SUBJ = @subject AND deleted_at IS NULL ORDER BY created_at DESC LIMIT @limit`,
  ai: `SELECT 'ai', id, created_at, 'AI ' || replace(type, '_', ' '), summary,
    json_object('model', model, 'status', status), lead_id, client_id, coalesce(user_id, owner_id)
    FROM ai_interactions WHERE SUBJ = @subject AND deleted_at IS NULL ORDER BY created_at DESC LIMIT @limit`,
};

/** One part per source for each subject (`@s0`, `@s1`, …), each limited before the merge. */
function timelineSql(subjects: Array<'lead_id' | 'client_id'>) {
  const parts = subjects.flatMap((column, i) =>
    Object.values(PARTS).map((p) => `SELECT * FROM (${p.replaceAll('SUBJ', column).replace('@subject', `@s${i}`)})`),
  );
  // UNION, not UNION ALL: a client's row that also names its lead is read twice and kept once.
  return `${parts.join(subjects.length > 1 ? ' UNION ' : ' UNION ALL ')} ORDER BY at DESC, id DESC LIMIT @limit`;
}

const LEAD_SQL = timelineSql(['lead_id']);
/** A client's statement by how many leads it came from (almost always one). */
const clientSql = (leads: number) => timelineSql(['client_id', ...Array<'lead_id'>(leads).fill('lead_id')]);

/**
 * A lead's or client's merged history, newest first, read in one statement. A client's includes
 * the lead(s) it came from.
 */
export function timeline(
  db: ReplicaDb,
  subject: { lead_id: string } | { client_id: string; lead_ids: string[] },
  limit = 100,
): TimelineItem[] {
  const ids = 'lead_id' in subject ? [subject.lead_id] : [subject.client_id, ...subject.lead_ids];
  const sql = 'lead_id' in subject ? LEAD_SQL : clientSql(subject.lead_ids.length);
  const params = Object.fromEntries([...ids.map((id, i) => [`s${i}`, id] as const), ['limit', limit] as const]);
  const rows = cachedStatement(db, sql).all(params) as Array<Record<string, unknown>>;
  const names = userNames(db);
  return rows.map((r) => ({
    kind: r.kind as TimelineKind,
    id: String(r.id),
    at: String(r.at),
    title: String(r.title),
    body: (r.body as string | null) ?? null,
    meta: r.meta ? (JSON.parse(String(r.meta)) as Record<string, unknown>) : {},
    lead_id: (r.lead_id as string | null) ?? null,
    client_id: (r.client_id as string | null) ?? null,
    actor_id: (r.actor_id as string | null) ?? null,
    actor_name: r.actor_id ? (names.get(String(r.actor_id)) ?? null) : null,
  }));
}
