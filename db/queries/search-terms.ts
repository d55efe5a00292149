/**
 * The words a long typed prefix stands for in the free-text index.
 *
 * search_text keeps prefix indexes up to LONGEST_INDEXED_PREFIX characters. A longer prefix
 * ("deductible"*, the last word as it is being typed) makes FTS5 merge the whole doclist of every
 * term it expands to before the first row: 15 ms for "deductible" in 1.7M documents, growing with
 * the book. The same rows are `("deductible" OR "deductibles")`, which FTS5 walks newest first and
 * stops at the LIMIT. The terms come from an fts5vocab 'instance' table, one seek per term (the
 * first instance of the next term, not a count of its documents), so the lookup costs what the
 * number of expansions costs, not what their documents cost.
 */
import type { ReplicaDb } from '../sqlite/open';
import { LONGEST_INDEXED_PREFIX } from './fts';
import { cachedStatement } from './statements';

/** Past this many words a prefix is left to FTS5: each seek costs about 0.1 ms. */
const MOST_EXPANSIONS = 12;

const VOCAB = 'temp.search_text_terms';
const prepared = new WeakSet<ReplicaDb>();

/** A per-connection view of search_text's terms (temp schema: no migration, nothing stored). */
function ensureVocab(db: ReplicaDb) {
  if (prepared.has(db)) return;
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${VOCAB} USING fts5vocab(main, 'search_text', 'instance')`);
  prepared.add(db);
}

/**
 * The FTS5 expression to match one phrase of search_text with: the phrase itself, an OR of the
 * words a long prefix expands to, or null when no word in the index starts with it (no match).
 * Only plain ASCII words are expanded: the tokenizer folds case and diacritics in the query, and
 * the expansion must see the same tokens.
 */
export function textMatchPhrase(db: ReplicaDb, phrase: string): string | null {
  const m = /^"([a-z0-9]+)"\*$/.exec(phrase);
  if (!m || m[1]!.length <= LONGEST_INDEXED_PREFIX) return phrase;
  const prefix = m[1]!;
  ensureVocab(db);
  const first = cachedStatement(db, `SELECT term FROM ${VOCAB} WHERE term >= ? AND term < ? LIMIT 1`, {
    pluck: true,
  });
  const end = `${prefix}\uffff`;
  const terms: string[] = [];
  // A term has only letters and digits, so the next term after t is the first one >= t + U+0001.
  for (let t = first.get(prefix, end) as string | undefined; t !== undefined;) {
    if (terms.length === MOST_EXPANSIONS) return phrase;
    terms.push(t);
    t = first.get(`${t}\u0001`, end) as string | undefined;
  }
  if (terms.length === 0) return null;
  return terms.length === 1 ? `"${terms[0]}"` : `(${terms.map((t) => `"${t}"`).join(' OR ')})`;
}
