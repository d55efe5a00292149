/**
 * The longest prefix the free-text index keeps a prefix index for (migration 0006). A longer
 * prefix makes FTS5 merge the doclists of every term it expands to before the first row.
 */
export const LONGEST_INDEXED_PREFIX = 8;

/**
 * One FTS5 phrase per word, each quoted (so `"`, `*`, `NEAR(`, `OR`, `-` are never FTS syntax).
 * Every word is prefix-matched, as the user may not have finished it, with one exception: a word
 * followed by another one is finished, and if it is longer than the longest indexed prefix it is
 * matched whole ("deductibles policy" does not look for "deductiblesxyz"), which keeps such a
 * word as cheap as a plain term. The last word is always a prefix: it is the one being typed.
 */
export function ftsPhrases(text: string): string[] {
  const words = tokens(text);
  return words.map((w, i) => (i < words.length - 1 && [...w].length > LONGEST_INDEXED_PREFIX ? `"${w}"` : `"${w}"*`));
}

/** User text as a safe FTS5 query in which all words must match, or null if it has no words. */
export function ftsQuery(text: string): string | null {
  const phrases = ftsPhrases(text);
  return phrases.length ? phrases.join(' ') : null;
}

/** Words as FTS5's unicode61 tokenizer sees them (letters and digits), at most 8. */
export function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
}
