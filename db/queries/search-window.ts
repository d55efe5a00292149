import type { ReplicaDb } from '../sqlite/open';
import { textMatchPhrase } from './search-terms';
import { cachedStatement } from './statements';

export type SearchIndex = 'search_names' | 'search_text';

/**
 * The table an index's matches are found in. search_text ranks (positions for bm25, no prefix
 * indexes); search_text_match finds (prefix indexes, no positions: SQLite migration 0026).
 */
const MATCHES: Record<SearchIndex, string> = { search_names: 'search_names', search_text: 'search_text_match' };

export interface RankOptions {
  /** How many of the newest matches are ranked. */
  window: number;
  /** A phrase in more documents than this is common: not counted, and left out of bm25. */
  common: number;
}

export const RANKING: RankOptions = { window: 200, common: 5000 };

/**
 * The newest matches of a query in one index, best first, as search_map rowids.
 *
 * FTS5 walks a MATCH in rowid order and stops at the LIMIT, so the window of the newest matches
 * costs the same for a word in a million documents as for a rare one. bm25 does not: before its
 * first score it counts every document that contains each phrase (55 ms for "the" in 1.2M notes,
 * whatever the LIMIT or rowid range). So each phrase is first probed for its `common`-th newest
 * match, which costs at most that many steps:
 * - no common phrase: bm25 over the whole query, within the window (as ever);
 * - some common phrases: bm25 over the others only, within the window: a common phrase's idf is
 *   small and every document in the window contains it anyway;
 * - only common phrases: newest first. Ranking the newest 200 of 100,000 hits by term frequency
 *   says little; recency is what a CRM user expects of "quote" or "the".
 * Ties keep the newest first.
 * In search_text a last word longer than the indexed prefixes is matched as the words it expands
 * to (search-terms.ts) for the window and the probe: the same rows, without merging their
 * doclists. bm25 still scores the phrases as typed, so the order is unchanged; it only runs on
 * phrases that are not common, whose doclists are short.
 * search_text's window and probes read search_text_match, which has the prefix indexes; bm25 reads
 * search_text, which has the positions. A prefix bm25 scores is merged from its words' doclists
 * there, at most `common` documents' worth.
 */
export function rankedWindow(
  db: ReplicaDb,
  fts: SearchIndex,
  phrases: string[],
  options: RankOptions = RANKING,
  take: number = options.window,
): number[] {
  const query = phrases.join(' ');
  const matching = fts === 'search_text' ? phrases.map((p) => textMatchPhrase(db, p)) : phrases;
  if (matching.includes(null)) return [];
  const found = MATCHES[fts];
  const newest = cachedStatement(db, `SELECT rowid FROM ${found} WHERE ${found} MATCH ? ORDER BY rowid DESC LIMIT ?`, {
    pluck: true,
  });
  // Explicit AND: FTS5's implicit AND is between phrases only, not before a parenthesised OR.
  const match = matching.join(' AND ');
  // Several phrases are probed before the window is read: when all are common, their newest
  // co-occurrences can be far apart ("quote umbrella ga": the newest 200 span 1.2M of 1.8M
  // notes), and only the `take` newest are wanted.
  const rare =
    phrases.length === 1 ? undefined : phrases.filter((_, i) => !isCommon(db, fts, matching[i]!, options.common));
  if (rare?.length === 0) return newest.all(match, Math.min(take, options.window)) as number[];
  const window = newest.all(match, options.window) as number[];
  if (window.length === 0) return [];
  if (rare === undefined) {
    // A lone phrase with a window to spare is in fewer documents than the window: no probe needed.
    if (window.length === options.window && isCommon(db, fts, matching[0]!, options.common)) return window;
    return ranked(db, fts, window, query, options.window);
  }
  return ranked(
    db,
    fts,
    window,
    rare.length === phrases.length ? query : rare.join(' '),
    options.window,
    rare.length < phrases.length,
  );
}

/**
 * The window ordered by bm25 over `rare`: the whole query as typed, or (`part`) only its rare
 * phrases, scored within the window's rowid range.
 */
function ranked(db: ReplicaDb, fts: SearchIndex, window: number[], rare: string, size: number, part = false) {
  const scores = part
    ? scored(
        db,
        `SELECT rowid, bm25(${fts}) FROM ${fts} WHERE ${fts} MATCH ? AND rowid BETWEEN ? AND ?`,
        rare,
        window.at(-1)!,
        window[0]!,
      )
    : scored(db, `SELECT rowid, bm25(${fts}) FROM ${fts} WHERE ${fts} MATCH ? ORDER BY rowid DESC LIMIT ?`, rare, size);
  // Sort positions, not rowids: a stable sort of the window's own (newest-first) order.
  return window
    .map((rowid, i) => ({ rowid, i, score: scores.get(rowid) ?? 0 }))
    .sort((a, b) => a.score - b.score || a.i - b.i)
    .map((h) => h.rowid);
}

function isCommon(db: ReplicaDb, fts: SearchIndex, phrase: string, common: number): boolean {
  const found = MATCHES[fts];
  const probe = cachedStatement(
    db,
    `SELECT rowid FROM ${found} WHERE ${found} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?`,
    { pluck: true },
  );
  return probe.get(phrase, common) !== undefined;
}

function scored(db: ReplicaDb, sql: string, ...params: unknown[]): Map<number, number> {
  return new Map(cachedStatement(db, sql, { raw: true }).all(...params) as Array<[number, number]>);
}
