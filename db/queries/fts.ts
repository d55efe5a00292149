/**
 * User text becomes a safe FTS5 query: every word is quoted (so `"`, `*`, `NEAR(`, `OR`, `-`
 * are never FTS syntax) and prefix-matched, and all words must match.
 */
export function ftsQuery(text: string): string | null {
  const words = tokens(text);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

/** Words as FTS5's unicode61 tokenizer sees them (letters and digits), at most 8. */
export function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
}
