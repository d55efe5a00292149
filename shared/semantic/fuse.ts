/**
 * Reciprocal rank fusion: each list gives an item 1 / (k + rank); the sums order the result.
 * Rank-based, so BM25 scores and cosine distances (not comparable) never need calibrating; k = 60
 * is the usual constant that keeps one list's top hit from drowning the other list.
 */
export function reciprocalRankFusion<T>(lists: ReadonlyArray<readonly T[]>, key: (item: T) => string, k = 60) {
  const scores = new Map<string, { item: T; score: number; lists: number[] }>();
  lists.forEach((list, which) =>
    list.forEach((item, rank) => {
      const id = key(item);
      const entry = scores.get(id) ?? { item, score: 0, lists: [] };
      entry.score += 1 / (k + rank + 1);
      entry.lists.push(which);
      scores.set(id, entry);
    }),
  );
  return [...scores.values()].sort((a, b) => b.score - a.score);
}
