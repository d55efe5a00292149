import type { ReplicaDb } from '../sqlite/open';
import { cachedStatement } from './statements';
import { CODING, encodeResidual } from './semantic-codes';

/**
 * An inverted-file partition of one model's vectors, so that the first pass (semantic-bits.ts)
 * need not score every chunk of a large book: `lists` centroids learned by k-means from a sample
 * of the stored vectors; each chunk belongs to the list whose centroid scores best against its
 * sign bits (the same asymmetric score the first pass uses, so the bits alone place a chunk);
 * a query scores the centroids and scans only the nearest few lists.
 *
 * Stored in the replica (semantic_partitions, semantic_centroids; local tables like the vectors,
 * see db/sqlite/vectors.ts) so that a restart reads them instead of learning them again, and each
 * chunk's list in semantic_bits.list as `version * LIST_SPAN + list`, with its residual code
 * (encodeResidual) in semantic_bits.code. A partition is `ready` once
 * every chunk written before it was trained has been placed; until then searches use the one
 * before it (or none): a list value of another version is never trusted, only scanned.
 */
export const LIST_SPAN = 65_536;

export interface Partition {
  version: number;
  dims: number;
  lists: number;
  /** How its chunks' residuals are coded (CODING): 1, coarse codes only; 2, coarse and fine. */
  coding: number;
  /** lists × dims, each of unit length. */
  centroids: Float32Array;
}

export interface PartitionState {
  version: number;
  ready: number;
  trained_on: number;
  lists: number;
  dims: number;
  coding: number;
}

/** The newest partition of `model` (ready or not). */
export const partitionState = (db: ReplicaDb, model: string) =>
  cachedStatement(
    db,
    'SELECT version, ready, trained_on, lists, dims, coding FROM semantic_partitions WHERE model = ? ORDER BY version DESC LIMIT 1',
  ).get(model) as PartitionState | undefined;

/** The version searches should use for `model`: the newest ready one, 0 for none. */
export const readyVersion = (db: ReplicaDb, model: string): number =>
  (cachedStatement(db, 'SELECT max(version) FROM semantic_partitions WHERE model = ? AND ready = 1', {
    pluck: true,
  }).get(model) as number | null) ?? 0;

const loaded = new WeakMap<ReplicaDb, Map<string, Partition>>();

/** The partition `version` of `model` (read once per connection), or null when it is not stored. */
export function loadPartition(db: ReplicaDb, model: string, version: number): Partition | null {
  if (version === 0) return null;
  let byKey = loaded.get(db);
  if (!byKey) loaded.set(db, (byKey = new Map()));
  const key = `${version}:${model}`;
  const had = byKey.get(key);
  if (had) return had;
  const state = cachedStatement(
    db,
    'SELECT version, ready, trained_on, lists, dims, coding FROM semantic_partitions WHERE model = ? AND version = ?',
  ).get(model, version) as PartitionState | undefined;
  if (!state) return null;
  const rows = cachedStatement(
    db,
    'SELECT list, vec FROM semantic_centroids WHERE model = ? AND version = ? ORDER BY list',
  ).all(model, version) as Array<{ list: number; vec: Buffer }>;
  if (rows.length !== state.lists) return null;
  const centroids = new Float32Array(state.lists * state.dims);
  rows.forEach((r, i) => centroids.set(new Float32Array(r.vec.buffer, r.vec.byteOffset, state.dims), i * state.dims));
  const partition: Partition = { version, dims: state.dims, lists: state.lists, coding: state.coding, centroids };
  byKey.set(key, partition);
  return partition;
}

const placing = new WeakMap<Partition, Float32Array>();

/**
 * Per byte position of a bit vector and per value of that byte, every list's share of a chunk's
 * sign score: (dims / 8) × 256 × lists, so that placing a chunk is 32 rows of `lists` sums (256
 * dims). Made on first use: only the indexer places chunks, and search's copy of a partition
 * (read in the main process when a new one becomes ready) never needs it; making it there held
 * the main process about 60 ms at 256 lists.
 */
function placementTable(p: Partition): Float32Array {
  const had = placing.get(p);
  if (had) return had;
  const { dims, lists, centroids } = p;
  const bytes = Math.ceil(dims / 8);
  const table = new Float32Array(bytes * 256 * lists);
  for (let b = 0; b < bytes; b++) {
    for (let l = 0; l < lists; l++) {
      // Value 0 scores -c for each of the byte's dimensions; each value is then a value with
      // one bit fewer (its lowest set bit cleared) plus twice that bit's c.
      let none = 0;
      for (let bit = 0; bit < 8 && b * 8 + bit < dims; bit++) none -= centroids[l * dims + b * 8 + bit]!;
      const row = b * 256 * lists + l;
      table[row] = none;
      for (let x = 1; x < 256; x++) {
        const d = b * 8 + 31 - Math.clz32(x & -x);
        table[row + x * lists] = table[row + (x & (x - 1)) * lists]! + (d < dims ? 2 * centroids[l * dims + d]! : 0);
      }
    }
  }
  placing.set(p, table);
  return table;
}

/** The list of the chunk whose bits start at `offset` in `bits`: the centroid with the best sign score. */
export function placeBits(p: Partition, bits: Uint8Array, offset: number, sums = new Float32Array(p.lists)): number {
  const lists = p.lists;
  const bytes = Math.ceil(p.dims / 8);
  const table = placementTable(p);
  sums.fill(0);
  for (let b = 0; b < bytes; b++) {
    const base = (b * 256 + bits[offset + b]!) * lists;
    for (let l = 0; l < lists; l++) sums[l]! += table[base + l]!;
  }
  let best = 0;
  for (let l = 1; l < lists; l++) if (sums[l]! > sums[best]!) best = l;
  return best;
}

/**
 * Lists by the query's closeness to their centroid (dot product; centroids are unit length),
 * nearest first, and each list's dot product (the part of a chunk's score its centroid gives).
 */
export function nearestLists(p: Partition, query: Float32Array): { order: number[]; dots: Float32Array } {
  const dots = new Float32Array(p.lists);
  const dims = Math.min(p.dims, query.length);
  for (let l = 0, o = 0; l < p.lists; l++, o += p.dims) {
    let s = 0;
    for (let d = 0; d < dims; d++) s += p.centroids[o + d]! * query[d]!;
    dots[l] = s;
  }
  return { order: Array.from(dots.keys()).sort((a, b) => dots[b]! - dots[a]!), dots };
}

/** How many lists a partition of `chunks` chunks should have: about √chunks / 4, from 16 to 256. */
export const listsFor = (chunks: number) => Math.max(16, Math.min(256, Math.round(Math.sqrt(chunks) / 4)));

/** Vectors sampled for k-means, per list. */
const SAMPLE_PER_LIST = 64;
const ITERATIONS = 8;
/**
 * Seqs of semantic_bits a statement covers while counting or sampling (then a turn of the event
 * loop): one count or sample of a whole 1.5M-chunk book held the main process for most of a second.
 */
export const SEQ_RANGE = 50_000;
/** Multiply-adds of k-means between turns of the event loop (a few ms). */
const KMEANS_WORK = 1 << 22;

/** The width of `model`'s newest bit vector in bytes (vectors of another width are another output size), or undefined. */
export const newestWidth = (db: ReplicaDb, model: string) =>
  cachedStatement(db, 'SELECT length(bits) FROM semantic_bits WHERE model = ? ORDER BY seq DESC LIMIT 1', {
    pluck: true,
  }).get(model) as number | undefined;

/** Each range of SEQ_RANGE seqs of semantic_bits holding any, from the first, `pause` awaited between them. */
async function* seqRanges(db: ReplicaDb, pause: () => Promise<void>) {
  const { lo, hi } = cachedStatement(db, 'SELECT min(seq) AS lo, max(seq) AS hi FROM semantic_bits').get() as {
    lo: number | null;
    hi: number | null;
  };
  if (lo === null || hi === null) return;
  for (let from = lo - 1; from < hi; from += SEQ_RANGE) {
    yield { after: from, upTo: from + SEQ_RANGE };
    await pause();
  }
}

/** Chunks of `model` whose bit vectors are `width` bytes, counted a range of seqs per turn. */
export async function countChunks(db: ReplicaDb, model: string, width: number, pause: () => Promise<void>) {
  const count = cachedStatement(
    db,
    'SELECT count(*) FROM semantic_bits WHERE seq > @after AND seq <= @upTo AND model = @model AND length(bits) = @width',
    { pluck: true },
  );
  let n = 0;
  for await (const range of seqRanges(db, pause)) n += count.get({ ...range, model, width }) as number;
  return n;
}

/**
 * Learns centroids for `model` from a sample of its stored vectors (spherical k-means, seeded
 * from chunks spread evenly through the book, so the same book gives the same lists) and stores
 * them as a new version, not yet ready. `pause` is awaited now and then (the indexer's turn of the
 * event loop): between ranges of seqs counted and sampled and between slices of k-means, so no
 * step holds the process long whatever the book's size. Returns the new version, or 0 when there
 * are too few vectors.
 */
export async function trainPartition(
  db: ReplicaDb,
  model: string,
  lists: number,
  pause: () => Promise<void>,
): Promise<number> {
  const width = newestWidth(db, model);
  if (!width) return 0;
  const count = await countChunks(db, model, width, pause);
  const want = lists * SAMPLE_PER_LIST;
  const step = Math.max(1, Math.floor(count / want));
  const sample = cachedStatement(
    db,
    `SELECT c.vec FROM semantic_bits b JOIN semantic_chunks c ON c.rowid = b.id
     WHERE b.seq > @after AND b.seq <= @upTo AND b.model = @model AND length(b.bits) = @width AND b.seq % @step = 0
     ORDER BY b.seq`,
    { pluck: true },
  );
  const blobs: Buffer[] = [];
  for await (const range of seqRanges(db, pause)) {
    blobs.push(...(sample.all({ ...range, model, width, step }) as Buffer[]));
    if (blobs.length >= want) break;
  }
  blobs.length = Math.min(blobs.length, want);
  const dims = blobs[0] ? blobs[0].byteLength / 4 : 0;
  const samples = blobs
    .filter((b) => b.byteLength === dims * 4)
    .map((b) => unit(new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength))));
  if (dims === 0 || dims > width * 8 || samples.length < lists * 2) return 0;
  await pause();
  const centroids = await kMeans(samples, lists, dims, pause);
  let version = 0;
  db.transaction(() => {
    // Never given twice (AUTOINCREMENT), even after a model change deleted the partitions: a
    // connection holding a partition in memory by its version can never mistake another for it.
    version = Number(
      db.prepare('INSERT INTO semantic_partition_versions (model) VALUES (?)').run(model).lastInsertRowid,
    );
    // Other models' partitions (the model changed) and this model's unfinished ones; the ready
    // one stays in use until this one is ready.
    const keep = readyVersion(db, model);
    db.prepare('DELETE FROM semantic_centroids WHERE model <> ? OR version <> ?').run(model, keep);
    db.prepare('DELETE FROM semantic_partitions WHERE model <> ? OR version <> ?').run(model, keep);
    const put = db.prepare('INSERT OR REPLACE INTO semantic_centroids (model, version, list, vec) VALUES (?, ?, ?, ?)');
    for (let l = 0; l < lists; l++) {
      const c = centroids.slice(l * dims, (l + 1) * dims);
      put.run(model, version, l, Buffer.from(c.buffer));
    }
    db.prepare(
      `INSERT INTO semantic_partitions (model, version, ready, trained_on, lists, dims, coding)
       VALUES (?, ?, 0, ?, ?, ?, ?)`,
    ).run(model, version, count, lists, dims, CODING);
  })();
  return version;
}

function unit(v: Float32Array) {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < v.length; i++) v[i]! /= n;
  return v;
}

/** Spherical k-means: each sample to the centroid of highest dot product, each centroid the normalised mean of its samples. */
async function kMeans(samples: Float32Array[], k: number, dims: number, pause: () => Promise<void>) {
  const centroids = new Float32Array(k * dims);
  for (let l = 0; l < k; l++) centroids.set(samples[Math.floor((l * samples.length) / k)]!, l * dims);
  const owner = new Int32Array(samples.length);
  const perTurn = Math.max(1, Math.floor(KMEANS_WORK / (k * dims)));
  for (let it = 0; it < ITERATIONS; it++) {
    for (let i = 0; i < samples.length; i++) {
      const v = samples[i]!;
      let best = 0;
      let bestScore = -Infinity;
      for (let l = 0, o = 0; l < k; l++, o += dims) {
        let s = 0;
        for (let d = 0; d < dims; d++) s += centroids[o + d]! * v[d]!;
        if (s > bestScore) {
          bestScore = s;
          best = l;
        }
      }
      owner[i] = best;
      if (i % perTurn === perTurn - 1) await pause();
    }
    const sums = new Float32Array(k * dims);
    const counts = new Uint32Array(k);
    // Summing is dims multiply-adds a sample: at 1.5M chunks (78k samples of 256) 20M, also sliced.
    const sumsPerTurn = Math.max(1, Math.floor(KMEANS_WORK / dims));
    for (let i = 0; i < samples.length; i++) {
      const o = owner[i]! * dims;
      counts[owner[i]!]!++;
      const v = samples[i]!;
      for (let d = 0; d < dims; d++) sums[o + d]! += v[d]!;
      if (i % sumsPerTurn === sumsPerTurn - 1) await pause();
    }
    for (let l = 0; l < k; l++) {
      // A list left empty keeps its centroid (it may still win chunks outside the sample).
      if (counts[l] === 0) continue;
      const c = unit(sums.subarray(l * dims, (l + 1) * dims));
      centroids.set(c, l * dims);
    }
  }
  return centroids;
}

/**
 * Rows placed per statement (and per turn of the event loop) while placing the chunks written
 * before training: 500 a page held the main process 50–75 ms a turn at 153k chunks.
 */
export const PLACE_PAGE = 200;

/**
 * Places every chunk of `model` not yet in a list of partition `version` (those written before
 * it was trained), a page per `pause`, then marks it ready. False when stopped early.
 */
export async function placeBacklog(
  db: ReplicaDb,
  model: string,
  version: number,
  pause: () => Promise<boolean>,
): Promise<boolean> {
  const p = loadPartition(db, model, version);
  if (!p) return false;
  const width = Math.ceil(p.dims / 8);
  const page = cachedStatement(
    db,
    `SELECT b.seq, b.bits, c.vec FROM semantic_bits b JOIN semantic_chunks c ON c.rowid = b.id
     WHERE b.model = @model AND b.seq > @after AND length(b.bits) = @width
     AND (b.list IS NULL OR b.list < @low OR b.list >= @high OR b.code IS NULL) ORDER BY b.seq LIMIT ${PLACE_PAGE}`,
  );
  const set = cachedStatement(db, 'UPDATE semantic_bits SET list = ?, code = ? WHERE seq = ?');
  const sums = new Float32Array(p.lists);
  const low = version * LIST_SPAN;
  for (let after = 0; ;) {
    const rows = page.all({ model, after, width, low, high: low + LIST_SPAN }) as Array<{
      seq: number;
      bits: Buffer;
      vec: Buffer;
    }>;
    db.transaction(() => {
      for (const r of rows) {
        if (r.vec.byteLength !== p.dims * 4) continue;
        const list = placeBits(p, r.bits, 0, sums);
        const v = new Float32Array(r.vec.buffer, r.vec.byteOffset, p.dims);
        set.run(low + list, encodeResidual(p, list, v), r.seq);
      }
    })();
    if (rows.length < PLACE_PAGE) break;
    after = rows[rows.length - 1]!.seq;
    if (!(await pause())) return false;
  }
  db.transaction(() => {
    cachedStatement(db, 'UPDATE semantic_partitions SET ready = 1 WHERE model = ? AND version = ?').run(model, version);
    // The one it replaces is no longer read by a search that starts now (one in memory keeps its copy).
    cachedStatement(db, 'DELETE FROM semantic_partitions WHERE model = ? AND version < ?').run(model, version);
    cachedStatement(db, 'DELETE FROM semantic_centroids WHERE model = ? AND version < ?').run(model, version);
  })();
  return true;
}
