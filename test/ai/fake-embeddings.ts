/**
 * A deterministic stand-in for an embedding model: a hashed bag of words in which a few words
 * of the same meaning count as one concept ("hail", "shingles" and "roof" are all roof), so a
 * paraphrase lands near the original while keyword search has no word in common to find.
 */
export const FAKE_EMBEDDING_DIMS = 256;

const CONCEPTS: Record<string, string> = {
  roof: 'roof',
  roofs: 'roof',
  shingle: 'roof',
  shingles: 'roof',
  hail: 'roof',
  hailstorm: 'roof',
  damage: 'damage',
  damaged: 'damage',
  hit: 'damage',
  broke: 'damage',
  broken: 'damage',
  dented: 'damage',
  car: 'car',
  auto: 'car',
  vehicle: 'car',
  sedan: 'car',
  cheaper: 'price',
  price: 'price',
  premium: 'price',
  cost: 'price',
  expensive: 'price',
  flood: 'water',
  water: 'water',
  leak: 'water',
  basement: 'water',
};

const STOP = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'is', 'was', 'our', 'my', 'their', 'it']);

function hash(s: string, seed: number): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function fakeEmbedding(text: string, dims = FAKE_EMBEDDING_DIMS): number[] {
  const v = new Array<number>(dims).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (STOP.has(word)) continue;
    const concept = CONCEPTS[word] ?? word;
    const weight = CONCEPTS[word] ? 3 : 1;
    // A random ±1 direction per concept (seeded by its hash): dense, as real embeddings are, so
    // binary quantization behaves as it does for them (a SimHash of the bag of words).
    let state = hash(concept, 0) || 1;
    for (let i = 0; i < dims; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      v[i]! += (state & 1 ? 1 : -1) * weight;
    }
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}
