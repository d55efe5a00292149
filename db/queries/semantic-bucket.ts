/**
 * What the first pass of vector search (semantic-bits.ts) scores, per list: one list's codes (or
 * the sign bits of the chunks in no list) as seqs, bytes and gone marks in flat arrays, grown by
 * a quarter at a time.
 */
export class Bucket {
  seqs = new Float64Array(16);
  bytes: Uint8Array;
  gone = new Uint8Array(16);
  size = 0;
  goneCount = 0;

  /** The same bytes, for reading a code's scale (float32) in place. */
  private view: DataView;

  constructor(private readonly stride: number) {
    this.bytes = new Uint8Array(16 * stride);
    this.view = new DataView(this.bytes.buffer);
  }

  push(seq: number, bits: Uint8Array, offset: number, width: number) {
    // By a quarter, not doubling: a 1.5M-chunk book's first pass held 293 MB grown by doubling,
    // 230 by a quarter. The copies a quarter costs (four times the bytes in all) are spread over
    // the pushes; the largest, of the chunks in no list (1.5M sign bits), is the likely cause of
    // a 123 ms delay of the main process seen at 1.45M chunks.
    if (this.size === this.seqs.length) this.grow(this.seqs.length + Math.max(16, this.seqs.length >> 2));
    this.seqs[this.size] = seq;
    this.bytes.set(bits.subarray(offset, offset + width), this.size * this.stride);
    this.gone[this.size] = 0;
    this.size++;
  }

  /**
   * Codes of a list (semantic-lists.ts encodeResidual): each row's score is `base` (the query's
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
    const words = new Uint32Array(this.bytes.buffer, 0, this.size * perRow);
    const floats = new Float32Array(this.bytes.buffer, 0, this.size * perRow);
    for (let r = 0, o = 0; r < this.size; r++, o += perRow) {
      let s = 0;
      for (let w = 0, b = 0; w < codeWords; w++, b += 1024) {
        const x = words[o + w]!;
        s +=
          table[b | (x & 255)]! +
          table[b | 256 | ((x >>> 8) & 255)]! +
          table[b | 512 | ((x >>> 16) & 255)]! +
          table[b | 768 | (x >>> 24)]!;
      }
      scores[at + r] = this.gone[r] ? -Infinity : base + floats[o + codeWords]! * s;
      seqs[at + r] = this.seqs[r]!;
    }
  }

  /**
   * A closer estimate of row's dot product with `query` (less the list's share, `base`) from its
   * coarse and fine codes together (4 bits a dimension; semantic-lists.ts FINE_LEVELS).
   */
  refine(row: number, query: Float32Array, levels: Float32Array, codeWords: number): number {
    const o = row * this.stride;
    const fine = o + codeWords * 4 + 4;
    const bytes = this.bytes;
    let s = 0;
    for (let b = 0, d = 0; b < codeWords * 4; b++) {
      const coarse = bytes[o + b]!;
      const sub = bytes[fine + b]!;
      for (let j = 0; j < 8; j += 2, d++) s += (query[d] ?? 0) * levels[(((coarse >> j) & 3) << 2) | ((sub >> j) & 3)]!;
    }
    return this.view.getFloat32(o + codeWords * 4, true) * s;
  }

  /** Writes each row's score for the query's byte table at scores[at + row] (-Infinity when gone), times `factor`. */
  score(table: Float32Array, scores: Float32Array, seqs: Float64Array, at: number, factor = 1) {
    // Read 4 bytes at a time (half the time of byte reads); little-endian, as every platform
    // Electron ships for, so byte i of a row is bits (i % 4) * 8.. of word i / 4.
    const perRow = this.stride >> 2;
    const words = new Uint32Array(this.bytes.buffer, 0, this.size * perRow);
    for (let r = 0, o = 0; r < this.size; r++, o += perRow) {
      let s = 0;
      for (let w = 0, base = 0; w < perRow; w++, base += 1024) {
        const x = words[o + w]!;
        s +=
          table[base | (x & 255)]! +
          table[base | 256 | ((x >>> 8) & 255)]! +
          table[base | 512 | ((x >>> 16) & 255)]! +
          table[base | 768 | (x >>> 24)]!;
      }
      scores[at + r] = this.gone[r] ? -Infinity : s * factor;
      seqs[at + r] = this.seqs[r]!;
    }
  }

  /** Marks these seqs gone; how many were newly marked. Compacts when a quarter is gone. */
  forget(seqs: ReadonlySet<number>): number {
    let marked = 0;
    for (let r = 0; r < this.size; r++) {
      if (!this.gone[r] && seqs.has(this.seqs[r]!)) {
        this.gone[r] = 1;
        marked++;
      }
    }
    this.goneCount += marked;
    if (this.goneCount > this.size / 4) this.compact();
    return marked;
  }

  private grow(capacity: number) {
    const seqs = new Float64Array(capacity);
    seqs.set(this.seqs.subarray(0, this.size));
    const bytes = new Uint8Array(capacity * this.stride);
    bytes.set(this.bytes.subarray(0, this.size * this.stride));
    const gone = new Uint8Array(capacity);
    gone.set(this.gone.subarray(0, this.size));
    this.seqs = seqs;
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer);
    this.gone = gone;
  }

  private compact() {
    let w = 0;
    for (let r = 0; r < this.size; r++) {
      if (this.gone[r]) continue;
      this.seqs[w] = this.seqs[r]!;
      this.bytes.copyWithin(w * this.stride, r * this.stride, (r + 1) * this.stride);
      this.gone[w] = 0;
      w++;
    }
    this.size = w;
    this.goneCount = 0;
  }
}
