/**
 * Placing a chunk in a list by its sign bits alone (db/queries/semantic-lists.ts placeBits): the
 * list whose centroid has the best sign score, Σ ±centroid[d] (+ where bit d is set), here
 * computed directly and compared over random centroids and bits, with a width that is not a
 * whole number of bytes.
 */
import { describe, expect, it } from 'vitest';
import { placeBits, type Partition } from '../../db/queries/semantic-lists';

function random(seed: number) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function signScore(centroids: Float32Array, dims: number, list: number, bits: Uint8Array) {
  let s = 0;
  for (let d = 0; d < dims; d++)
    s += (bits[d >> 3]! >> (d & 7)) & 1 ? centroids[list * dims + d]! : -centroids[list * dims + d]!;
  return s;
}

describe('placing a chunk by its sign bits', () => {
  for (const dims of [64, 61]) {
    it(`picks the list of the best sign score (${dims} dimensions)`, () => {
      const next = random(dims);
      const lists = 37;
      const centroids = Float32Array.from({ length: lists * dims }, () => next() - 0.5);
      const p: Partition = { version: 1, dims, lists, coding: 2, centroids };
      const bytes = Math.ceil(dims / 8);
      for (let i = 0; i < 300; i++) {
        const bits = Uint8Array.from({ length: bytes + 3 }, () => Math.floor(next() * 256));
        const list = placeBits(p, bits, 3);
        const chunk = bits.subarray(3);
        const scores = Array.from({ length: lists }, (_, l) => signScore(centroids, dims, l, chunk));
        expect(scores[list]).toBeCloseTo(Math.max(...scores), 4);
      }
    });
  }
});
