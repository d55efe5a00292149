import type { SearchResult, SearchSegment } from '../../shared/api/types';
import type { ReplicaDb } from '../sqlite/open';
import { ftsPhrases, tokens } from './fts';
import { displayName } from './rows';
import { searchKeys } from './search-keys';
import { RANKING, rankedWindow, type RankOptions } from './search-window';
import { cachedStatement } from './statements';

const NAME_KINDS: ReadonlySet<SearchResult['kind']> = new Set(['lead', 'client', 'contact']);

const DETAILS: Record<SearchResult['kind'], string> = {
  lead: `SELECT id, ${displayName('x')} AS title, coalesce(x.email, '') || ' ' || coalesce(x.phone, '') AS text, id AS lead_id, converted_to_client_id AS client_id FROM leads x WHERE id = ?`,
  client: `SELECT id, ${displayName('x')} AS title, coalesce(x.email, '') || ' ' || coalesce(x.phone, '') AS text, NULL AS lead_id, id AS client_id FROM clients x WHERE id = ?`,
  contact: `SELECT id, first_name || ' ' || last_name AS title, coalesce(email, '') || ' ' || coalesce(company, '') || ' ' || coalesce(job_title, '') AS text, lead_id, client_id FROM contacts WHERE id = ?`,
  note: `SELECT id, 'Note' AS title, body AS text, lead_id, client_id FROM lead_notes WHERE id = ?`,
  communication: `SELECT id, coalesce(subject, 'Communication') AS title, coalesce(subject, '') || ' ' || coalesce(body, '') AS text, lead_id, client_id FROM lead_communications WHERE id = ?`,
  ticket: `SELECT id, subject AS title, coalesce(description, '') || ' ' || coalesce(resolution, '') AS text, lead_id, client_id FROM support_tickets WHERE id = ?`,
  policy: `SELECT id, policy_number AS title, '' AS text, NULL AS lead_id, client_id FROM policies WHERE id = ?`,
};

/** Matches a hit word, as a prefix, where a word starts; then the rest of that word. */
function hitPattern(words: string[]): RegExp {
  return new RegExp(
    `(?<![\\p{L}\\p{N}])(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})[\\p{L}\\p{N}]*`,
    'giu',
  );
}

/** A short excerpt around the first hit, split into plain and highlighted segments (no HTML). */
export function snippet(text: string, words: string[] | RegExp, width = 140): SearchSegment[] {
  if (!text) return [];
  const re = words instanceof RegExp ? words : hitPattern(words);
  re.lastIndex = 0;
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

type Detail = { id: string; title: string; text: string; lead_id: string | null; client_id: string | null };

/** A record's title, text and the lead or client to open, if it is in the replica and not deleted. */
export function recordDetail(db: ReplicaDb, kind: SearchResult['kind'], id: string): Detail | undefined {
  const row = cachedStatement(db, DETAILS[kind]).get(id) as Detail | undefined;
  if (!row) return undefined;
  const live = cachedStatement(db, `SELECT deleted_at IS NULL FROM ${LIVE_TABLE[kind]} WHERE id = ?`, {
    pluck: true,
  }).get(id);
  return live ? row : undefined;
}

const LIVE_TABLE: Record<SearchResult['kind'], string> = {
  lead: 'leads',
  client: 'clients',
  contact: 'contacts',
  note: 'lead_notes',
  communication: 'lead_communications',
  ticket: 'support_tickets',
  policy: 'policies',
};

/** A search result found but not yet read: its record, and how to read it (undefined when it is gone). */
export interface FoundRecord {
  kind: SearchResult['kind'];
  id: string;
  read: () => SearchResult | undefined;
}

/**
 * Global search over policy numbers and VINs (search-keys.ts), then leads, clients, contacts,
 * notes, communications and tickets: names first,
 * then free text, each index ranked within its newest matches (`rankedWindow`). The free-text
 * index is not asked when names alone fill the limit.
 */
export function searchAll(db: ReplicaDb, text: string, limit = 20, ranking: RankOptions = RANKING): SearchResult[] {
  return searchFound(db, text, limit, ranking).flatMap((f) => f.read() ?? []);
}

/**
 * searchAll's records in its order, each read (its row, a snippet) only when asked: hybrid search
 * reads only those it keeps after fusing them with the vector hits, each a row read from disk when
 * the replica is not in the OS's cache.
 */
export function searchFound(db: ReplicaDb, text: string, limit = 20, ranking: RankOptions = RANKING): FoundRecord[] {
  // A policy number or VIN (typed whole or in part) is what the person is after: those come first.
  const exact = searchKeys(db, text, limit).map((r) => ({ kind: r.kind, id: r.id, read: () => r }));
  if (exact.length >= limit) return exact;
  return [...exact, ...searchText(db, text, limit - exact.length, ranking)];
}

function searchText(db: ReplicaDb, text: string, limit: number, ranking: RankOptions): FoundRecord[] {
  const phrases = ftsPhrases(text);
  if (phrases.length === 0) return [];
  const rowids = rankedWindow(db, 'search_names', phrases, ranking, limit).slice(0, limit);
  if (rowids.length < limit) {
    const rest = limit - rowids.length;
    rowids.push(...rankedWindow(db, 'search_text', phrases, ranking, rest).slice(0, rest));
  }
  const pattern = hitPattern(tokens(text));
  const map = cachedStatement(db, 'SELECT kind, ref_id FROM search_map WHERE rowid = ?');
  return rowids.flatMap((rowid) => {
    const hit = map.get(rowid) as { kind: SearchResult['kind']; ref_id: string } | undefined;
    if (!hit) return [];
    return [{ kind: hit.kind, id: hit.ref_id, read: () => textResult(db, hit.kind, hit.ref_id, pattern) }];
  });
}

function textResult(db: ReplicaDb, kind: SearchResult['kind'], id: string, pattern: RegExp): SearchResult | undefined {
  const row = cachedStatement(db, DETAILS[kind]).get(id) as Detail | undefined;
  if (!row) return undefined;
  const shown = NAME_KINDS.has(kind) ? `${row.title} ${row.text}`.trim() : row.text;
  return {
    kind,
    id: row.id,
    title: row.title,
    snippet: snippet(shown, pattern),
    lead_id: row.lead_id,
    client_id: row.client_id,
  };
}
