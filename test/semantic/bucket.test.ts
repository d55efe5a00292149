import { describe, expect, it } from 'vitest';
import { Bucket, BLOCK_ROWS } from '../../db/queries/semantic-bucket';

/** 8 bytes a row (two words), so a byte table has 8 × 256 entries. */
const STRIDE = 8;

function rowBytes(seq: number): Uint8Array {
  const out = new Uint8Array(STRIDE);
  for (let i = 0; i < STRIDE; i++) out[i] = (seq * 31 + i * 17 + (seq >> 7)) & 255;
  return out;
}

/** A byte table whose score for a row is a known function of its bytes. */
const table = Float32Array.from({ length: STRIDE * 256 }, (_, i) => ((i * 7919) % 1000) / 1000);
const expected = (seq: number) => rowBytes(seq).reduce((s, x, b) => s + table[b * 256 + x]!, 0);

function filled(rows: number): Bucket {
  const bucket = new Bucket(STRIDE);
  for (let seq = 0; seq < rows; seq++) bucket.push(seq, rowBytes(seq), 0, STRIDE);
  return bucket;
}

function scored(bucket: Bucket) {
  const scores = new Float32Array(bucket.size + 3);
  const seqs = new Float64Array(bucket.size + 3);
  // Written from row 3 on, as a bucket's rows are after the buckets before it.
  bucket.score(table, scores, seqs, 3);
  return { scores: scores.subarray(3), seqs: seqs.subarray(3) };
}

describe('first-pass buckets', () => {
  const rows = BLOCK_ROWS * 2 + 1234;

  it('scores every row across blocks, in the order pushed', () => {
    const bucket = filled(rows);
    expect(bucket.size).toBe(rows);
    const { scores, seqs } = scored(bucket);
    const wrong: number[] = [];
    for (let r = 0; r < rows; r++) if (seqs[r] !== r || Math.abs(scores[r]! - expected(r)) > 1e-4) wrong.push(r);
    expect(wrong).toEqual([]);
  });

  it('grows a block at a time past the first: room for at most one block more than it holds', () => {
    const bucket = filled(rows);
    expect(bucket.capacity).toBe(BLOCK_ROWS * 3);
    expect(bucket.allocated).toBe(BLOCK_ROWS * 3 * (STRIDE + 8 + 1));
  });

  it('compacts across blocks once a quarter is gone, keeping the live rows in order', () => {
    const bucket = filled(rows);
    const gone = new Set<number>();
    for (let seq = 0; seq < rows; seq += 3) gone.add(seq);
    expect(bucket.forget(gone)).toBe(gone.size);
    const live = rows - gone.size;
    expect(bucket.size).toBe(live);
    expect(bucket.goneCount).toBe(0);
    expect(bucket.capacity).toBe(Math.ceil(live / BLOCK_ROWS) * BLOCK_ROWS);
    const { scores, seqs } = scored(bucket);
    const wrong: number[] = [];
    let r = 0;
    for (let seq = 0; seq < rows; seq++) {
      if (gone.has(seq)) continue;
      if (seqs[r] !== seq || bucket.seqAt(r) !== seq || Math.abs(scores[r]! - expected(seq)) > 1e-4) wrong.push(seq);
      r++;
    }
    expect(wrong).toEqual([]);
    // Pushing after a compaction continues where the live rows end.
    bucket.push(rows, rowBytes(rows), 0, STRIDE);
    expect(bucket.seqAt(live)).toBe(rows);
  });

  it('scores codes (coarse words, then the scale) across blocks', () => {
    // One coarse word, its scale, one fine word: a coding-2 code of 16 dimensions.
    const stride = 12;
    const code = (seq: number) => {
      const out = new Uint8Array(stride);
      out.set(rowBytes(seq).subarray(0, 4));
      new DataView(out.buffer).setFloat32(4, 0.5 + (seq % 7) / 10, true);
      return out;
    };
    const bucket = new Bucket(stride);
    for (let seq = 0; seq < rows; seq++) bucket.push(seq, code(seq), 0, stride);
    const scores = new Float32Array(rows + 2);
    const seqs = new Float64Array(rows + 2);
    bucket.scoreCodes(table, 0.25, scores, seqs, 2, 1);
    const wrong: number[] = [];
    for (let seq = 0; seq < rows; seq++) {
      const sum = [...rowBytes(seq).subarray(0, 4)].reduce((s, x, b) => s + table[b * 256 + x]!, 0);
      const want = 0.25 + Math.fround(0.5 + (seq % 7) / 10) * sum;
      if (seqs[seq + 2] !== seq || Math.abs(scores[seq + 2]! - want) > 1e-4) wrong.push(seq);
    }
    expect(wrong).toEqual([]);
  });

  it('scores rows marked gone as -Infinity until compacted', () => {
    const bucket = filled(rows);
    const gone = new Set([5, BLOCK_ROWS + 7, rows - 1]);
    bucket.forget(gone);
    const { scores } = scored(bucket);
    for (const seq of gone) expect(scores[seq]).toBe(-Infinity);
    expect(scores[6]).toBeCloseTo(expected(6), 4);
  });
});
