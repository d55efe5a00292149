import type { SearchResult, SearchSegment } from '../../shared/api/types';
import type { ReplicaDb } from '../sqlite/open';
import { ftsQuery, tokens } from './fts';
import { displayName } from './rows';

/**
 * How many of the newest matches each index yields before ranking. FTS5 walks a MATCH in rowid
 * order and stops at the LIMIT, so a word found in half a million notes costs the same as a
 * rare one; bm25 then ranks within that window. Names are ranked before free text.
 */
const WINDOW = 200;

const NAME_KINDS: ReadonlySet<SearchResult['kind']> = new Set(['lead', 'client', 'contact']);

const DETAILS: Record<SearchResult['kind'], string> = {
  lead: `SELECT id, ${displayName('x')} AS title, coalesce(x.email, '') || ' ' || coalesce(x.phone, '') AS text, id AS lead_id, converted_to_client_id AS client_id FROM leads x WHERE id = ?`,
  client: `SELECT id, ${displayName('x')} AS title, coalesce(x.email, '') || ' ' || coalesce(x.phone, '') AS text, NULL AS lead_id, id AS client_id FROM clients x WHERE id = ?`,
  contact: `SELECT id, first_name || ' ' || last_name AS title, coalesce(email, '') || ' ' || coalesce(company, '') || ' ' || coalesce(job_title, '') AS text, lead_id, client_id FROM contacts WHERE id = ?`,
  note: `SELECT id, 'Note' AS title, body AS text, lead_id, client_id FROM lead_notes WHERE id = ?`,
  communication: `SELECT id, coalesce(subject, 'Communication') AS title, coalesce(subject, '') || ' ' || coalesce(body, '') AS text, lead_id, client_id FROM lead_communications WHERE id = ?`,
  ticket: `SELECT id, subject AS title, coalesce(description, '') || ' ' || coalesce(resolution, '') AS text, lead_id, client_id FROM support_tickets WHERE id = ?`,
};

/** A short excerpt around the first hit, split into plain and highlighted segments (no HTML). */
export function snippet(text: string, words: string[], width = 140): SearchSegment[] {
  if (!text) return [];
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})[\\p{L}\\p{N}]*`, 'giu');
  const first = re.exec(text);
  const start = first ? Math.max(0, first.index - 40) : 0;
  const slice = text.slice(start, start + width);
  const out: SearchSegment[] = [];
  if (start > 0) out.push({ text: '…', hit: false });
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    if (m.index > last) out.push({ text: slice.slice(last, m.index), hit: false });
    out.push({ text: m[0], hit: true });
    last = m.index + m[0].length;
  }
  if (last < slice.length) out.push({ text: slice.slice(last), hit: false });
  if (start + width < text.length) out.push({ text: '…', hit: false });
  return out;
}

function hits(db: ReplicaDb, fts: 'search_names' | 'search_text', match: string) {
  return db
    .prepare(
      `SELECT m.kind, m.ref_id, h.score FROM (SELECT rowid, bm25(${fts}) AS score FROM ${fts} WHERE ${fts} MATCH ? ORDER BY rowid DESC LIMIT ${WINDOW}) h
       JOIN search_map m ON m.rowid = h.rowid`,
    )
    .all(match) as Array<{ kind: SearchResult['kind']; ref_id: string; score: number }>;
}

/** Global search over leads, clients, contacts, notes, communications and tickets. */
export function searchAll(db: ReplicaDb, text: string, limit = 20): SearchResult[] {
  const match = ftsQuery(text);
  if (!match) return [];
  const words = tokens(text);
  const byScore = (a: { score: number }, b: { score: number }) => a.score - b.score;
  const ranked = [...hits(db, 'search_names', match).sort(byScore), ...hits(db, 'search_text', match).sort(byScore)].slice(0, limit);
  return ranked.flatMap((h) => {
    const row = db.prepare(DETAILS[h.kind]).get(h.ref_id) as
      | { id: string; title: string; text: string; lead_id: string | null; client_id: string | null }
      | undefined;
    if (!row) return [];
    return [{ kind: h.kind, id: row.id, title: row.title, snippet: snippet(NAME_KINDS.has(h.kind) ? `${row.title} ${row.text}`.trim() : row.text, words), lead_id: row.lead_id, client_id: row.client_id }];
  });
}
