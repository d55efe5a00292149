import type { ReplicaDb } from '../sqlite/open';
import { codeBytes, codeWords, FINE_LEVELS, LEVELS } from './semantic-codes';
import { loadPartition, nearestLists, readyVersion, LIST_SPAN, type Partition } from './semantic-lists';
import { cachedStatement } from './statements';
import { Bucket } from './semantic-bucket';

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
 *
 * A large book is partitioned (semantic-lists.ts): chunks are held by list, each as its
 * residual code (its vector minus the list's centroid: a coarse 2 bits a dimension, the scale,
 * and a fine 2 bits more: 132 bytes for 256 dimensions), and a query scores only the chunks of
 * the lists nearest it (and those in no list yet, by their sign bits) by the coarse code, so its
 * cost follows the size of a few lists, not of the book; the best of those are scored again by
 * both codes, so that few need their full vector read. A small book has no partition: every
 * chunk is scored by its sign bits, as one list.
 */
/** Rows of semantic_bits read per statement while catching up. */
const PAGE = 10_000;

/**
 * Lists a query scans: the nearest PROBES of them, or more until MIN_SCANNED chunks are scored.
 * Where recall was lost (10k-lead bench book, 153k chunks, 98 lists, 300 queries, tie-aware):
 * with the nearest 12 lists, 2.7% of the exact 10 nearest lay in lists not scanned and 2.8% more
 * were scanned but ranked below the candidates re-ranked (a list's chunks placed by their full
 * vectors instead of their sign bits changed nothing: 99.8% land in the same list). The nearest 24
 * lists and 1,000 candidates (semantic.ts) found 98% there (12 and 500: 94.5%; 16 and 1,000:
 * 96.7%). At 100k leads (1.5M chunks, 256 lists, 200 queries) 16 and 24 lists both found 97.2%,
 * and 16 kept hybrid search at p95 39 ms where 24 took 65 ms: 16.
 */
export const PROBES = 16;
const MIN_SCANNED = 20_000;

export class BitIndex {
  /** The partition's lists, then (last) the chunks in none of them; one bucket when there is no partition. */
  private buckets: Bucket[] = [];
  private partition: Partition | null = null;
  private lastSeq = 0;
  /** Bytes of a bit vector, and the bytes each takes here (rounded up to whole 32-bit words). */
  private width = 0;
  private stride = 0;

  constructor(
    private readonly db: ReplicaDb,
    private readonly model: string,
    /** The partition version this copy places chunks by (0: none). */
    readonly version = 0,
  ) {}

  /** Bit vectors held (including those marked gone). */
  get length() {
    return this.buckets.reduce((n, b) => n + b.size, 0);
  }

  /** Bytes this copy holds (its arrays as allocated, growth room included). */
  get bytes() {
    return this.buckets.reduce((n, b) => n + b.allocated, 0);
  }

  /** Whether chunks are held by list (a partition of matching width is in use). */
  get partitioned() {
    return this.partition !== null;
  }

  /**
   * Reads the rows written since the last call, at most about `max` (the indexer warms the index
   * a page per turn of the event loop); true when caught up. A page is one row of SQL: the seqs,
   * their lists and the bits as one hex string (reading 76k rows one by one took 600 ms; as pages, 60).
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
      const partition = loadPartition(this.db, this.model, this.version);
      this.partition = partition && Math.ceil(partition.dims / 8) === width ? partition : null;
      const lists = this.partition?.lists ?? 0;
      const codeStride = this.partition ? codeBytes(this.partition.dims, this.partition.coding) : 0;
      this.buckets = Array.from({ length: lists + 1 }, (_, i) => new Bucket(i < lists ? codeStride : this.stride));
    }
    const page = cachedStatement(
      this.db,
      `SELECT count(*) AS n, max(seq) AS last, group_concat(seq, ',' ORDER BY seq) AS seqs,
         group_concat(ifnull(list, -1), ',' ORDER BY seq) AS lists, group_concat(hex(bits), '' ORDER BY seq) AS hex,
         group_concat(ifnull(hex(code), ''), ',' ORDER BY seq) AS codes
       FROM (SELECT seq, list, bits, code FROM semantic_bits WHERE seq > @after AND model = @model AND length(bits) = @width
             ORDER BY seq LIMIT @limit)`,
    );
    // Pages no larger than asked: the indexer warms a bounded amount per turn of the event loop.
    const limit = Math.max(1, Math.min(PAGE, max));
    const codeLength = this.partition ? codeBytes(this.partition.dims, this.partition.coding) : 0;
    const unplaced = this.buckets[this.buckets.length - 1]!;
    const low = this.version * LIST_SPAN;
    const count = this.partition?.lists ?? 0;
    for (let read = 0; read < max;) {
      const r = page.get({ after: this.lastSeq, model: this.model, width: this.width, limit }) as {
        n: number;
        last: number | null;
        seqs: string | null;
        lists: string | null;
        hex: string | null;
        codes: string | null;
      };
      if (!r.n) return true;
      const bits = Buffer.from(r.hex!, 'hex');
      const seqs = r.seqs!.split(',');
      const lists = r.lists!.split(',');
      const codes = this.partition ? r.codes!.split(',') : [];
      for (let i = 0; i < r.n; i++) {
        // A list of another version (or none) is not this copy's: such a chunk is always scanned.
        const list = Number(lists[i]) - low;
        const code = codes[i] && codes[i]!.length === codeLength * 2 ? Buffer.from(codes[i]!, 'hex') : null;
        if (code && list >= 0 && list < count) this.buckets[list]!.push(Number(seqs[i]), code, 0, codeLength);
        else unplaced.push(Number(seqs[i]), bits, i * this.width, this.width);
      }
      this.lastSeq = r.last!;
      read += r.n;
      if (r.n < limit) return true;
    }
    return false;
  }

  /**
   * The buckets a search for `query` scores: the chunks in no list, and the lists nearest it
   * (exactly `lists` of them when given, else PROBES or more until MIN_SCANNED chunks).
   */
  private plan(query: Float32Array, lists?: number): { chosen: number[]; dots: Float32Array | null } {
    const unplaced = this.buckets.length - 1;
    if (!this.partition) return { chosen: [unplaced], dots: null };
    const chosen = [unplaced];
    let scanned = this.buckets[unplaced]!.size;
    const { order, dots } = nearestLists(this.partition, query);
    for (const list of order) {
      if (lists !== undefined ? chosen.length > lists : chosen.length > PROBES && scanned >= MIN_SCANNED) break;
      chosen.push(list);
      scanned += this.buckets[list]!.size;
    }
    return { chosen, dots };
  }

  /** Whether candidates can be refined by fine codes (the partition in use has them: semantic-codes.ts CODING). */
  get refines() {
    return (this.partition?.coding ?? 0) >= 2;
  }

  /**
   * The seqs of the best-scoring live bit vectors for `query`, best first: `n` of them, or
   * n(scored), given how many live chunks the lists scanned hold. `lists`: see plan. `refined`:
   * of those, only the best this many by their fine codes too (when the partition has them).
   * `perScore`: at most this many listed chunks of one exact score (see best).
   */
  candidates(
    query: Float32Array,
    n: number | ((scored: number) => number),
    lists?: number,
    refined?: number,
    perScore?: number,
  ): number[] {
    const stride = this.stride;
    if (stride === 0) return [];
    const { chosen, dots } = this.plan(query, lists);
    const unplaced = this.buckets.length - 1;
    const total = chosen.reduce((s, b) => s + this.buckets[b]!.size, 0);
    if (total === 0) return [];
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
    // Codes: per byte (4 dimensions of 2 bits), the query's dot product with their levels.
    const codeTable = this.partition ? levelTable(query, this.partition.dims) : null;
    // Beside placed chunks, a sign score is scaled to the dot product it estimates (each
    // coordinate of a unit vector is ±√(2/π)/√dims on average).
    const signFactor = this.partition ? Math.sqrt(2 / Math.PI) / Math.sqrt(this.partition.dims) : 1;
    const words = this.partition ? codeWords(this.partition.dims) : 0;
    const scores = new Float32Array(total);
    const seqs = new Float64Array(total);
    // Where each chosen bucket's rows start in scores.
    const starts: number[] = [];
    let at = 0;
    let live = 0;
    for (const i of chosen) {
      const b = this.buckets[i]!;
      starts.push(at);
      if (i === unplaced) b.score(table, scores, seqs, at, signFactor);
      else b.scoreCodes(codeTable!, dots![i]!, scores, seqs, at, words);
      at += b.size;
      live += b.size - b.goneCount;
    }
    // min and max of the scores as stored (float32), so that every score falls in a bucket.
    let min = Infinity;
    let max = -Infinity;
    for (let r = 0; r < total; r++) {
      const s = scores[r]!;
      if (s === -Infinity) continue;
      if (s < min) min = s;
      if (s > max) max = s;
    }
    const want = typeof n === 'function' ? n(live) : n;
    // Only codes are capped: a sign-bit score (a small book, or chunks in no list yet) is shared by
    // distinct vectors too (at 16 dimensions, often).
    const picked = best(scores, min, max, want, this.partition ? perScore : undefined, this.buckets[unplaced]!.size);
    if (refined === undefined || !this.refines || picked.length <= refined) return picked.map((r) => seqs[r]!);
    // Each pick's estimate again from its coarse and fine codes (a chunk in no list keeps its sign score).
    const closer = new Float64Array(picked.length);
    picked.forEach((r, i) => {
      let c = starts.length - 1;
      while (starts[c]! > r) c--;
      const list = chosen[c]!;
      closer[i] =
        list === unplaced
          ? scores[r]!
          : dots![list]! + this.buckets[list]!.refine(r - starts[c]!, query, FINE_LEVELS, words);
    });
    const order = Array.from(picked.keys()).sort((a, b) => closer[b]! - closer[a]!);
    return order.slice(0, refined).map((i) => seqs[picked[i]!]!);
  }

  /** Marks these seqs gone (their chunk was deleted): never chosen again, and dropped at the next compaction. */
  forget(seqs: ReadonlySet<number>) {
    if (seqs.size === 0) return;
    for (const b of this.buckets) b.forget(seqs);
  }
}

/** Per byte of a code (4 dimensions, 2 bits each, lowest first), each value's dot product with the query. */
function levelTable(query: Float32Array, dims: number): Float32Array {
  const bytes = codeWords(dims) * 4;
  const table = new Float32Array(bytes * 256);
  for (let b = 0; b < bytes; b++) {
    for (let x = 0; x < 256; x++) {
      let s = 0;
      for (let j = 0; j < 4; j++) s += (query[b * 4 + j] ?? 0) * LEVELS[(x >> (j * 2)) & 3]!;
      table[b * 256 + x] = s;
    }
  }
  return table;
}

/**
 * Row numbers of the `n` highest scores, highest first: a histogram finds the cut, then only
 * those above it are sorted. At most `perScore` rows of one exact score are kept: rows with the
 * same code in the same list score alike to the last bit, and the synthetic book (like a real
 * one: templates, pasted text) holds the same sentence in thousands of records. Such a group
 * filled the 1,000 candidates all or nothing, pushing out the true nearest: 6 of 200 random
 * queries at 100k leads found none of their 10 nearest, and recall@10 over a 200-query sample
 * ranged 0.934–0.970 from run to run. Rows before `cappedFrom` (sign bits) are never capped.
 */
function best(
  scores: Float32Array,
  min: number,
  max: number,
  n: number,
  perScore = Infinity,
  cappedFrom = 0,
): number[] {
  if (!(max >= min)) return [];
  const buckets = 4096;
  const scale = max > min ? (buckets - 1) / (max - min) : 0;
  const bucket = (s: number) => Math.min(buckets - 1, Math.max(0, Math.floor((s - min) * scale)));
  const counts = new Uint32Array(buckets);
  for (let r = 0; r < scores.length; r++) if (scores[r] !== -Infinity) counts[bucket(scores[r]!)]!++;
  // Rows by bucket, highest first (a counting sort): a slice of buckets holding at least the
  // rows still wanted is then sorted and taken at a time, without another pass over every score
  // when a group's extras were dropped.
  const starts = new Uint32Array(buckets + 1);
  for (let b = buckets - 1; b >= 0; b--) starts[b] = starts[b + 1]! + counts[b]!;
  const total = starts[0]!;
  const next = starts.slice(1);
  const byBucket = new Uint32Array(total);
  for (let r = 0; r < scores.length; r++) if (scores[r] !== -Infinity) byBucket[next[bucket(scores[r]!)]!++] = r;
  const kept: number[] = [];
  // Rows of one score fall in one bucket, so a run of equal scores never spans two slices.
  let run = 0;
  let runScore = NaN;
  for (let from = 0; from < total && kept.length < n;) {
    // Whole buckets from `from` on, at least the rows still wanted.
    let to = from + (n - kept.length);
    if (to >= total) to = total;
    else {
      const b = bucket(scores[byBucket[to - 1]!]!);
      to = starts[b]!;
    }
    const slice = Array.from(byBucket.subarray(from, to)).sort((a, b) => scores[b]! - scores[a]!);
    for (const r of slice) {
      if (r >= cappedFrom && perScore !== Infinity) {
        run = scores[r] === runScore ? run + 1 : 0;
        runScore = scores[r]!;
        if (run >= perScore) continue;
      }
      kept.push(r);
    }
    from = to;
  }
  return kept.slice(0, n);
}

/**
 * Per connection and model: the copy searches use, and (while a newer partition has become
 * ready) the copy being read for it, which takes over once caught up: a search never waits for
 * a whole book to be read again.
 */
interface Slot {
  current: BitIndex;
  next: BitIndex | null;
}

const slots = new WeakMap<ReplicaDb, Map<string, Slot>>();

function slotOf(db: ReplicaDb, model: string): Slot {
  let byModel = slots.get(db);
  if (!byModel) slots.set(db, (byModel = new Map()));
  let slot = byModel.get(model);
  if (!slot) byModel.set(model, (slot = { current: new BitIndex(db, model, readyVersion(db, model)), next: null }));
  return slot;
}

/** Reads up to `max` rows into the copy for a newer ready partition; true when there is none (left) to read. */
function advance(db: ReplicaDb, model: string, slot: Slot, max: number): boolean {
  const ready = readyVersion(db, model);
  if (ready === slot.current.version) return true;
  if (slot.next?.version !== ready) slot.next = new BitIndex(db, model, ready);
  if (!slot.next.catchUp(max)) return false;
  slot.current = slot.next;
  slot.next = null;
  return true;
}

/**
 * The connection's in-memory first pass for `model`, caught up with semantic_bits unless
 * `catchUp` is false; a search also reads a page towards a newer partition's copy, if any.
 */
export function bitIndex(db: ReplicaDb, model: string, catchUp = true): BitIndex {
  const slot = slotOf(db, model);
  if (catchUp) {
    advance(db, model, slot, PAGE);
    slot.current.catchUp();
  }
  return slot.current;
}

/** Reads about `max` rows into the first pass's copies (the indexer's warming, a page per turn); true when all caught up. */
export function warmBitIndex(db: ReplicaDb, model: string, max: number): boolean {
  const slot = slotOf(db, model);
  const current = slot.current.catchUp(max);
  return advance(db, model, slot, max) && current;
}
