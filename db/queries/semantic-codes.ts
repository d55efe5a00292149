/**
 * Residual codes of the partitioned first pass (semantic-lists.ts places chunks in lists,
 * semantic-bucket.ts scores these codes): how a chunk's distance from its list's centroid is
 * kept in a few bits a dimension.
 */
import type { Partition } from './semantic-lists';

/**
 * A placed chunk's code: its residual (vector minus its list's centroid) at 2 bits a dimension
 * (the coarse code, padded to whole 32-bit words), then the residual's scale (root mean square,
 * float32), then (coding 2) a fine code of 2 more bits a dimension, nested in each coarse cell.
 * The residual is what tells a list's chunks apart; at 1 bit a dimension of the whole vector, the
 * true 10 nearest of 307k chunks needed 2,400 candidates to be found 98% (their neighbours in the
 * same lists score alike), at 2 bits of the residual 200 found them all (20k-lead bench book,
 * simulated).
 *
 * Why the fine code: the first pass scans by the coarse code alone (one table lookup a byte), and
 * its best 1,000 were each re-ranked from its full vector, a row read each: fast while the replica
 * is in the OS's cache, but a random read from disk each when it is not (1.5M chunks, 200 queries
 * after the cache was dropped: the re-rank's p95 183 ms, 20 ms warm). Refining those 1,000 in memory
 * by 4 bits a dimension first (semantic-bits.ts) keeps the true 10 nearest among the best 75 as
 * often as among all 1,000 (recall@10 0.956 either way, 100k-lead bench book, simulated; 2 bits:
 * 0.854 among 75), so only about a tenth are read. 64 more bytes a chunk (96 MB at 1.5M).
 */
export const CODING = 2;
/** 32-bit words of a coarse (or fine) code. */
export const codeWords = (dims: number) => Math.ceil(dims / 16);
export const codeBytes = (dims: number, coding = CODING) => codeWords(dims) * 4 * coding + 4;
/** Lloyd–Max levels of 2 bits for a normal distribution (in units of the scale), and the cut between the inner and outer ones. */
export const LEVELS = [-1.51, -0.4528, 0.4528, 1.51];
const OUTER = 0.9816;
/**
 * Levels of the fine code, 4 within each coarse cell (index coarse * 4 + fine): Lloyd–Max for
 * the normal distribution restricted to that cell (mean squared error 0.0097 of the scale², where
 * 16 free levels reach 0.0095 and the coarse 4 alone 0.1175).
 */
export const FINE_LEVELS = Float32Array.from([
  -2.6623, -1.9839, -1.52, -1.1453, -0.8452, -0.5919, -0.3508, -0.1162, 0.1162, 0.3508, 0.5919, 0.8452, 1.1453, 1.52,
  1.9839, 2.6623,
]);

/** Per coarse cell, the 3 midpoints between its 4 fine levels (index coarse * 3 + j). */
const FINE_CUTS = Float32Array.from({ length: 12 }, (_, i) => {
  const level = Math.floor(i / 3) * 4 + (i % 3);
  return (FINE_LEVELS[level]! + FINE_LEVELS[level + 1]!) / 2;
});

/** A chunk's code in `list` of `p` (the layout above, of p.coding). */
export function encodeResidual(p: Partition, list: number, v: Float32Array): Buffer {
  const dims = p.dims;
  const o = list * dims;
  let squares = 0;
  for (let i = 0; i < dims; i++) squares += (v[i]! - p.centroids[o + i]!) ** 2;
  const scale = Math.sqrt(squares / dims) || 1e-12;
  const out = Buffer.alloc(codeBytes(dims, p.coding));
  const fineAt = codeWords(dims) * 4 + 4;
  for (let i = 0; i < dims; i++) {
    const z = (v[i]! - p.centroids[o + i]!) / scale;
    const code = z >= OUTER ? 3 : z >= 0 ? 2 : z >= -OUTER ? 1 : 0;
    out[i >> 2]! |= code << ((i & 3) * 2);
    if (p.coding < 2) continue;
    // The fine level nearest z in its cell: how many of the cuts between the cell's levels it passes.
    const cuts = code * 3;
    const fine =
      (z >= FINE_CUTS[cuts]! ? 1 : 0) + (z >= FINE_CUTS[cuts + 1]! ? 1 : 0) + (z >= FINE_CUTS[cuts + 2]! ? 1 : 0);
    out[fineAt + (i >> 2)]! |= fine << ((i & 3) * 2);
  }
  out.writeFloatLE(scale, codeWords(dims) * 4);
  return out;
}
