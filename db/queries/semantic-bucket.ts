/**
 * What the first pass of vector search (semantic-bits.ts) scores, per list: one list's codes (or
 * the sign bits of the chunks in no list) as seqs, bytes and gone marks, held in blocks of at most
 * BLOCK_ROWS rows. Only the last block grows (by a quarter); a full one is never copied again.
 *
 * Why blocks: one flat array per bucket had to be copied whole to grow. The chunks in no list of a
 * 1.5M-chunk book are 1.5M sign bits (48 MB, and their seqs 12 MB): each growth of a quarter past
 * 1M rows held the main process 25–48 ms on a quiet machine (probe reading an indexed copy), and
 * about 124 ms in the bench, where the indexer and the embedder share the two cores. The most a
 * growth copies now is one block (16k rows: 2 MB of 132-byte codes); the worst warm turn of that
 * probe fell to 11 ms.
 */
const BLOCK_SHIFT = 14;
export const BLOCK_ROWS = 1 << BLOCK_SHIFT;
const ROW_MASK = BLOCK_ROWS - 1;
/** The rows a new bucket has room for before it first grows. */
const FIRST_ROWS = 16;

class Block {
  readonly seqs: Float64Array;
  readonly bytes: Uint8Array;
  readonly gone: Uint8Array;
  /** The same bytes as 32-bit words and floats (a row's stride is whole words), for scoring in place. */
  readonly words: Uint32Array;
  readonly floats: Float32Array;

  constructor(
    readonly rows: number,
    stride: number,
  ) {
    this.seqs = new Float64Array(rows);
    this.bytes = new Uint8Array(rows * stride);
    this.gone = new Uint8Array(rows);
    this.words = new Uint32Array(this.bytes.buffer);
    this.floats = new Float32Array(this.bytes.buffer);
  }

  /** A copy with room for `rows` rows holding this block's first `used` rows. */
  grown(rows: number, stride: number, used: number): Block {
    const b = new Block(rows, stride);
    b.seqs.set(this.seqs.subarray(0, used));
    b.bytes.set(this.bytes.subarray(0, used * stride));
    b.gone.set(this.gone.subarray(0, used));
    return b;
  }
}

export class Bucket {
  private blocks: Block[];
  size = 0;
  goneCount = 0;

  constructor(private readonly stride: number) {
    this.blocks = [new Block(FIRST_ROWS, stride)];
  }

  /** Rows there is room for without allocating. */
  get capacity() {
    return (this.blocks.length - 1) * BLOCK_ROWS + this.blocks[this.blocks.length - 1]!.rows;
  }

  /** Bytes allocated (growth room included). */
  get allocated() {
    return this.blocks.reduce((n, b) => n + b.bytes.byteLength + b.seqs.byteLength + b.gone.byteLength, 0);
  }

  seqAt(row: number): number {
    return this.blocks[row >> BLOCK_SHIFT]!.seqs[row & ROW_MASK]!;
  }

  push(seq: number, bits: Uint8Array, offset: number, width: number) {
    if (this.size === this.capacity) this.grow();
    const block = this.blocks[this.size >> BLOCK_SHIFT]!;
    const r = this.size & ROW_MASK;
    block.seqs[r] = seq;
    block.bytes.set(bits.subarray(offset, offset + width), r * this.stride);
    block.gone[r] = 0;
    this.size++;
  }

  /**
   * Codes of a list (semantic-codes.ts encodeResidual): each row's score is `base` (the query's
   * dot product with the list's centroid) plus its scale times the code's sum in `table`, an
   * estimate of the query's dot product with the chunk's vector, comparable across lists.
   * `codeWords`: the coarse code's 32-bit words (the scale follows them).
   */
  scoreCodes(
    table: Float32Array,
    base: number,
    scores: Float32Array,
    seqs: Float64Array,
    at: number,
    codeWords: number,
  ) {
    const perRow = this.stride >> 2;
    this.eachBlock((block, rows, first) => {
      const { words, floats, gone } = block;
      for (let r = 0, o = 0, out = at + first; r < rows; r++, o += perRow, out++) {
        let s = 0;
        for (let w = 0, b = 0; w < codeWords; w++, b += 1024) {
          const x = words[o + w]!;
          s +=
            table[b | (x & 255)]! +
            table[b | 256 | ((x >>> 8) & 255)]! +
            table[b | 512 | ((x >>> 16) & 255)]! +
            table[b | 768 | (x >>> 24)]!;
        }
        scores[out] = gone[r] ? -Infinity : base + floats[o + codeWords]! * s;
        seqs[out] = block.seqs[r]!;
      }
    });
  }

  /**
   * A closer estimate of row's dot product with `query` (less the list's share, `base`) from its
   * coarse and fine codes together (4 bits a dimension; semantic-codes.ts FINE_LEVELS).
   */
  refine(row: number, query: Float32Array, levels: Float32Array, codeWords: number): number {
    const block = this.blocks[row >> BLOCK_SHIFT]!;
    const o = (row & ROW_MASK) * this.stride;
    const fine = o + codeWords * 4 + 4;
    const bytes = block.bytes;
    let s = 0;
    for (let b = 0, d = 0; b < codeWords * 4; b++) {
      const coarse = bytes[o + b]!;
      const sub = bytes[fine + b]!;
      for (let j = 0; j < 8; j += 2, d++) s += (query[d] ?? 0) * levels[(((coarse >> j) & 3) << 2) | ((sub >> j) & 3)]!;
    }
    return block.floats[(o >> 2) + codeWords]! * s;
  }

  /** Writes each row's score for the query's byte table at scores[at + row] (-Infinity when gone), times `factor`. */
  score(table: Float32Array, scores: Float32Array, seqs: Float64Array, at: number, factor = 1) {
    // Read 4 bytes at a time (half the time of byte reads); little-endian, as every platform
    // Electron ships for, so byte i of a row is bits (i % 4) * 8.. of word i / 4.
    const perRow = this.stride >> 2;
    this.eachBlock((block, rows, first) => {
      const { words, gone } = block;
      for (let r = 0, o = 0, out = at + first; r < rows; r++, o += perRow, out++) {
        let s = 0;
        for (let w = 0, base = 0; w < perRow; w++, base += 1024) {
          const x = words[o + w]!;
          s +=
            table[base | (x & 255)]! +
            table[base | 256 | ((x >>> 8) & 255)]! +
            table[base | 512 | ((x >>> 16) & 255)]! +
            table[base | 768 | (x >>> 24)]!;
        }
        scores[out] = gone[r] ? -Infinity : s * factor;
        seqs[out] = block.seqs[r]!;
      }
    });
  }

  /** Marks these seqs gone; how many were newly marked. Compacts when a quarter is gone. */
  forget(seqs: ReadonlySet<number>): number {
    let marked = 0;
    this.eachBlock((block, rows) => {
      for (let r = 0; r < rows; r++) {
        if (!block.gone[r] && seqs.has(block.seqs[r]!)) {
          block.gone[r] = 1;
          marked++;
        }
      }
    });
    this.goneCount += marked;
    if (this.goneCount > this.size / 4) this.compact();
    return marked;
  }

  /** Calls `fn` for each block in use with its rows in use and the bucket row of its first. */
  private eachBlock(fn: (block: Block, rows: number, first: number) => void) {
    for (let i = 0, first = 0; first < this.size; i++, first += BLOCK_ROWS)
      fn(this.blocks[i]!, Math.min(BLOCK_ROWS, this.size - first), first);
  }

  private grow() {
    const last = this.blocks.length - 1;
    const block = this.blocks[last]!;
    if (block.rows === BLOCK_ROWS) {
      this.blocks.push(new Block(BLOCK_ROWS, this.stride));
      return;
    }
    // By a quarter, not doubling: a 1.5M-chunk book's first pass held 293 MB grown by doubling, 230 by a quarter.
    const rows = Math.min(BLOCK_ROWS, block.rows + Math.max(FIRST_ROWS, block.rows >> 2));
    this.blocks[last] = block.grown(rows, this.stride, block.rows);
  }

  private compact() {
    let w = 0;
    const stride = this.stride;
    this.eachBlock((from, rows) => {
      for (let r = 0; r < rows; r++) {
        if (from.gone[r]) continue;
        const to = this.blocks[w >> BLOCK_SHIFT]!;
        const t = w & ROW_MASK;
        if (to !== from || t !== r) {
          to.seqs[t] = from.seqs[r]!;
          to.bytes.set(from.bytes.subarray(r * stride, (r + 1) * stride), t * stride);
        }
        to.gone[t] = 0;
        w++;
      }
    });
    this.size = w;
    this.goneCount = 0;
    // Blocks left empty are let go (the first is always kept).
    this.blocks.length = Math.max(1, Math.ceil(w / BLOCK_ROWS));
  }
}
