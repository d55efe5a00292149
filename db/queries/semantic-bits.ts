import type { ReplicaDb } from '../sqlite/open';
import { cachedStatement } from './statements';

/**
 * The first pass of vector search, in memory: every chunk's bit vector (one bit a dimension, set
 * when positive) of one model, in flat arrays, scored against the query in a tight loop.
 *
 * Why not SQL: sqlite-vec's vec_distance_hamming over every row of semantic_bits costs a function
 * call and a blob parse per row (10–40 ms for 76k chunks on a busy laptop), and a vec0 table
 * with a partition key was slower still for the candidate counts needed. Here a scan is one
 * table lookup per byte (2–6 ms for 76k chunks).
 *
 * Why not Hamming distance: the query is not quantized (asymmetric scoring). A chunk's score is
 * the dot product of the float query with its ±1 signs, which ranks chunks by closeness far
 * better than Hamming's 257 distinct values full of ties: the true 10 nearest are among the
 * first 600 for 99 queries in 100, where Hamming needs 2,000 candidates for 95.
 *
 * Keeping up: semantic_bits is written in seq order (AUTOINCREMENT, never reused); each search
 * first reads the rows past the last seq held (a rowid range: nothing when nothing changed).
 * A chunk deleted since stays here until a search picks it as a candidate and finds no row for
 * its seq: then it is marked gone, and the candidates are chosen again without it. No stale
 * entry can stand for another chunk, since a seq is never given twice.
 */
/** Rows of semantic_bits read per statement while catching up. */
const PAGE = 10_000;

export class BitIndex {
  private seqs = new Float64Array(1024);
  private bytes = new Uint8Array(0);
  private gone = new Uint8Array(1024);
  private size = 0;
  private goneCount = 0;
  private lastSeq = 0;
  /** Bytes of a bit vector, and the bytes each takes here (rounded up to whole 32-bit words). */
  private width = 0;
  private stride = 0;

  constructor(
    private readonly db: ReplicaDb,
    private readonly model: string,
  ) {}

  /** Bit vectors held (including those marked gone). */
  get length() {
    return this.size;
  }

  /**
   * Reads the rows written since the last call, at most about `max` (the indexer warms the index
   * a page per turn of the event loop); true when caught up. A page is one row of SQL: the seqs
   * and the bits as one hex string (reading 76k rows one by one took 600 ms; as pages, 60).
   */
  catchUp(max = Infinity): boolean {
    if (this.width === 0) {
      // The width of the model's newest vector; one of another width (the model's output
      // changed size) is not comparable and left out.
      const width = cachedStatement(
        this.db,
        'SELECT length(bits) FROM semantic_bits WHERE model = ? ORDER BY seq DESC LIMIT 1',
        { pluck: true },
      ).get(this.model) as number | undefined;
      if (!width) return true;
      this.width = width;
      this.stride = Math.ceil(width / 4) * 4;
      this.bytes = new Uint8Array(this.seqs.length * this.stride);
    }
    const page = cachedStatement(
      this.db,
      `SELECT count(*) AS n, max(seq) AS last, group_concat(seq, ',' ORDER BY seq) AS seqs,
         group_concat(hex(bits), '' ORDER BY seq) AS hex
       FROM (SELECT seq, bits FROM semantic_bits WHERE seq > @after AND model = @model AND length(bits) = @width
             ORDER BY seq LIMIT ${PAGE})`,
    );
    for (let read = 0; read < max;) {
      const r = page.get({ after: this.lastSeq, model: this.model, width: this.width }) as {
        n: number;
        last: number | null;
        seqs: string | null;
        hex: string | null;
      };
      if (!r.n) return true;
      while (this.size + r.n > this.seqs.length) this.grow(this.seqs.length * 2);
      const bits = Buffer.from(r.hex!, 'hex');
      const seqs = r.seqs!.split(',');
      for (let i = 0; i < r.n; i++) {
        this.seqs[this.size] = Number(seqs[i]);
        this.bytes.set(bits.subarray(i * this.width, (i + 1) * this.width), this.size * this.stride);
        this.gone[this.size] = 0;
        this.size++;
      }
      this.lastSeq = r.last!;
      read += r.n;
      if (r.n < PAGE) return true;
    }
    return false;
  }

  /** The seqs of the `n` best-scoring live bit vectors for `query`, best first. */
  candidates(query: Float32Array, n: number): number[] {
    const stride = this.stride;
    if (this.size === 0 || stride === 0) return [];
    // Per byte position, the score of each of its 256 values: the sum of ±query[i] for its 8
    // bits (+ when set). Padding bytes have no dimensions: all 0.
    const table = new Float32Array(stride * 256);
    for (let b = 0; b < stride; b++) {
      for (let bit = 0; bit < 8; bit++) {
        const q = query[b * 8 + bit] ?? 0;
        const mask = 1 << bit;
        for (let x = 0; x < 256; x++) table[b * 256 + x]! += x & mask ? q : -q;
      }
    }
    // Read 4 bytes at a time (half the time of byte reads); little-endian, as every platform
    // Electron ships for, so byte i of a row is bits (i % 4) * 8.. of word i / 4.
    const words = new Uint32Array(this.bytes.buffer, 0, (this.size * stride) >> 2);
    const perRow = stride >> 2;
    const scores = new Float32Array(this.size);
    let min = Infinity;
    let max = -Infinity;
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
      // min and max of the scores as stored (float32), so that every score falls in a bucket.
      scores[r] = this.gone[r] ? -Infinity : s;
      if (!this.gone[r]) {
        if (scores[r]! < min) min = scores[r]!;
        if (scores[r]! > max) max = scores[r]!;
      }
    }
    return this.best(scores, min, max, n).map((r) => this.seqs[r]!);
  }

  /** Marks these seqs gone (their chunk was deleted): never chosen again, and dropped at the next compaction. */
  forget(seqs: ReadonlySet<number>) {
    if (seqs.size === 0) return;
    for (let r = 0; r < this.size; r++) {
      if (!this.gone[r] && seqs.has(this.seqs[r]!)) {
        this.gone[r] = 1;
        this.goneCount++;
      }
    }
    if (this.goneCount > this.size / 4) this.compact();
  }

  /** Row numbers of the `n` highest scores, highest first: a histogram finds the cut, then only those above it are sorted. */
  private best(scores: Float32Array, min: number, max: number, n: number): number[] {
    if (!(max >= min)) return [];
    const buckets = 4096;
    const scale = max > min ? (buckets - 1) / (max - min) : 0;
    const bucket = (s: number) => Math.min(buckets - 1, Math.max(0, Math.floor((s - min) * scale)));
    const counts = new Uint32Array(buckets);
    for (let r = 0; r < scores.length; r++) if (scores[r] !== -Infinity) counts[bucket(scores[r]!)]!++;
    let cut = buckets - 1;
    for (let seen = 0; cut > 0; cut--) {
      seen += counts[cut]!;
      if (seen >= n) break;
    }
    const out: number[] = [];
    for (let r = 0; r < scores.length; r++) if (scores[r] !== -Infinity && bucket(scores[r]!) >= cut) out.push(r);
    out.sort((a, b) => scores[b]! - scores[a]!);
    return out.slice(0, n);
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

const indexes = new WeakMap<ReplicaDb, Map<string, BitIndex>>();

/** The connection's in-memory first pass for `model`, caught up with semantic_bits unless `catchUp` is false. */
export function bitIndex(db: ReplicaDb, model: string, catchUp = true): BitIndex {
  let byModel = indexes.get(db);
  if (!byModel) indexes.set(db, (byModel = new Map()));
  let index = byModel.get(model);
  if (!index) byModel.set(model, (index = new BitIndex(db, model)));
  if (catchUp) index.catchUp();
  return index;
}
