/**
 * Residual codes (db/queries/semantic-codes.ts encodeResidual) as the first pass reads them
 * (db/queries/semantic-bucket.ts): with the fine code, a chunk's estimated dot product with a
 * query is about ten times closer to the true one than by the coarse code alone (mean squared
 * error of the levels: 0.0097 against 0.1175 of the scale²), which is what lets a search re-rank a
 * tenth of the candidates from their full vectors.
 */
import { describe, expect, it } from 'vitest';
import { Bucket } from '../../db/queries/semantic-bucket';
import { codeBytes, codeWords, encodeResidual, FINE_LEVELS, LEVELS } from '../../db/queries/semantic-codes';
import type { Partition } from '../../db/queries/semantic-lists';

const DIMS = 64;

/** A fixed sequence of standard normal numbers (Box–Muller over a linear congruential generator). */
function normals(seed: number) {
  let state = seed;
  const uniform = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) + 1) / (2 ** 31 + 1);
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

function partition(coding: number, centroid: Float32Array): Partition {
  return { version: 1, dims: DIMS, lists: 1, coding, centroids: centroid };
}

describe('fine residual codes', () => {
  it('estimate dot products about ten times more closely than the coarse codes alone', () => {
    const next = normals(7);
    const centroid = Float32Array.from({ length: DIMS }, () => next() * 0.1);
    const fine = partition(2, centroid);
    const bucket = new Bucket(codeBytes(DIMS, 2));
    const vectors = Array.from({ length: 300 }, () => Float32Array.from(centroid, (c) => c + next() * 0.05));
    for (const v of vectors) {
      const code = encodeResidual(fine, 0, v);
      expect(code.byteLength).toBe(codeBytes(DIMS, 2));
      bucket.push(0, code, 0, code.byteLength);
    }
    // The coarse code read alone: every fine level of a cell replaced by the cell's coarse level.
    const coarseLevels = Float32Array.from(FINE_LEVELS, (_, i) => LEVELS[i >> 2]!);
    const words = codeWords(DIMS);
    let fineError = 0;
    let coarseError = 0;
    for (let q = 0; q < 20; q++) {
      const query = Float32Array.from({ length: DIMS }, () => next());
      const base = centroid.reduce((s, c, d) => s + c * query[d]!, 0);
      vectors.forEach((v, row) => {
        const exact = v.reduce((s, x, d) => s + x * query[d]!, 0);
        fineError += (base + bucket.refine(row, query, FINE_LEVELS, words) - exact) ** 2;
        coarseError += (base + bucket.refine(row, query, coarseLevels, words) - exact) ** 2;
      });
    }
    expect(fineError).toBeLessThan(coarseError / 6);
  });

  it('grows a bucket by a quarter at a time, its codes unchanged', () => {
    const next = normals(3);
    const centroid = new Float32Array(DIMS);
    const p = partition(2, centroid);
    const bucket = new Bucket(codeBytes(DIMS, 2));
    const query = Float32Array.from({ length: DIMS }, () => next());
    const estimates: number[] = [];
    const add = (n: number) => {
      for (let i = 0; i < n; i++) {
        const code = encodeResidual(
          p,
          0,
          Float32Array.from({ length: DIMS }, () => next()),
        );
        bucket.push(bucket.size, code, 0, code.byteLength);
        estimates.push(bucket.refine(bucket.size - 1, query, FINE_LEVELS, codeWords(DIMS)));
      }
    };
    add(400);
    expect(bucket.size).toBe(400);
    expect(bucket.capacity).toBeGreaterThanOrEqual(400);
    expect(bucket.capacity).toBeLessThanOrEqual(400 * 1.25);
    for (let row = 0; row < 400; row++) {
      expect(bucket.refine(row, query, FINE_LEVELS, codeWords(DIMS))).toBe(estimates[row]);
      expect(bucket.seqAt(row)).toBe(row);
    }
  });

  it('keeps a coarse-only code (coding 1) as it was: coarse words, then the scale', () => {
    const next = normals(11);
    const centroid = new Float32Array(DIMS);
    const v = Float32Array.from({ length: DIMS }, () => next());
    const coarse = encodeResidual(partition(1, centroid), 0, v);
    const both = encodeResidual(partition(2, centroid), 0, v);
    expect(coarse.byteLength).toBe(codeBytes(DIMS, 1));
    expect(both.subarray(0, coarse.byteLength)).toEqual(coarse);
  });
});
