/**
 * The partitioned first pass (db/queries/semantic-lists.ts): once a book passes the partition
 * size, the indexer learns lists, places every chunk, and a search scoring only the nearest lists
 * still finds the exact scan's 10 nearest, its residual codes ranking them among few candidates; it follows an edit, a delete and a new note (placed
 * as written), and a restart reads the stored lists instead of learning them again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knn } from '../../db/queries/semantic';
import { bitIndex } from '../../db/queries/semantic-bits';
import { codeBytes, CODING } from '../../db/queries/semantic-codes';
import { readyVersion } from '../../db/queries/semantic-lists';
import { openReplica } from '../../db/sqlite/open';
import { fakeEmbedding } from '../ai/fake-embeddings';
import { startFakeOpenAI, type FakeOpenAI } from '../ai/fake-openai';
import { makeReplica, type Replica } from '../ai/fixtures';
import { leadWithNotes, semanticService, useFakeProvider } from './fixtures';
import type { ReplicaDb } from '../../db/sqlite/open';

const MODEL = 'fake-embed';
const WORDS = [
  'roof',
  'hail',
  'flood',
  'basement',
  'car',
  'premium',
  'renewal',
  'claim',
  'boat',
  'umbrella',
  'garage',
  'theft',
  'fire',
  'kitchen',
  'tenant',
  'landlord',
  'deductible',
  'windshield',
  'trailer',
  'jewelry',
  'liability',
  'pool',
  'dog',
  'bite',
];
const NOTES = 360;
/** Lists a search scans in this test: a quarter of the 16 learned. */
const SCANNED_LISTS = 4;

let fake: FakeOpenAI;
let rep: Replica;
let semantic: ReturnType<typeof semanticService>;
let lead: string;

const vector = (text: string) => Float32Array.from(fakeEmbedding(text));

/** A fixed corpus: notes of 3–5 words, each word chosen by a fixed rule (no randomness). */
const noteBody = (i: number) =>
  Array.from({ length: 3 + (i % 3) }, (_, j) => WORDS[(i * 7 + j * j * 5 + (i >> 3) * 3 + j) % WORDS.length]).join(' ');
/** An edit and a new note in the corpus's words (words it never had would fall in lists learned without them). */
const EDITED = 'jewelry theft from the trailer by the pool';
const ADDED = 'dog bite liability at the landlord garage';
const QUERIES = Array.from({ length: 24 }, (_, i) =>
  noteBody(i * 13 + 5)
    .split(' ')
    .slice(0, 2)
    .join(' '),
);

/** Tie-aware recall@10 of the partitioned pass against the exact scan (a hit counts when as near as the exact 10th). */
function recall(db: ReplicaDb, queries: string[], candidates?: number) {
  let found = 0;
  for (const q of queries) {
    const exact = knn(db, MODEL, vector(q), 10, { exact: true });
    const tenth = exact[exact.length - 1]!.distance;
    const fast = knn(db, MODEL, vector(q), 10, { lists: SCANNED_LISTS, candidates });
    found += fast.filter((h) => h.distance <= tenth + 1e-6).length / exact.length;
  }
  return found / queries.length;
}

/** How many chunks the first pass scored for `q` with the test's lists. */
function scored(db: ReplicaDb, q: string) {
  let n = 0;
  bitIndex(db, MODEL).candidates(vector(q), (s) => ((n = s), 10), SCANNED_LISTS);
  return n;
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  rep = makeReplica();
  lead = await leadWithNotes(
    rep,
    'Hale',
    Array.from({ length: NOTES }, (_, i) => noteBody(i)),
  );
  // Partitioned past 200 chunks: the 360 notes (and the lead's own chunk) are.
  semantic = semanticService(rep, fake.url, MODEL, 64, { partitionAt: 200 });
  await semantic.index();
}, 120_000);
afterAll(async () => {
  rep.close();
  await fake.close();
});

describe('the partitioned first pass', () => {
  it('places every chunk in a list and scores only the nearest lists', () => {
    expect(readyVersion(rep.db, MODEL)).toBe(1);
    const unplaced = rep.db
      .prepare('SELECT count(*) FROM semantic_bits WHERE list IS NULL OR code IS NULL')
      .pluck()
      .get();
    expect(unplaced).toBe(0);
    const index = bitIndex(rep.db, MODEL);
    expect(index.partitioned).toBe(true);
    const all = index.length;
    expect(all).toBe(NOTES);
    for (const q of QUERIES.slice(0, 5)) expect(scored(rep.db, q)).toBeLessThan(all * 0.6);
  });

  it('finds the exact scan’s 10 nearest', () => {
    expect(recall(rep.db, QUERIES)).toBeGreaterThanOrEqual(0.95);
  });

  it('ranks by the residual codes well enough that few candidates find them', () => {
    // 12 candidates for 10 results: the codes must rank them (by the centroid alone, half are found).
    expect(recall(rep.db, QUERIES, 12)).toBeGreaterThanOrEqual(0.95);
  });

  it('refines the candidates by the fine codes: the best 10 of every chunk scanned by them are the nearest', () => {
    const dims = vector('roof').length;
    const lengths = rep.db.prepare('SELECT DISTINCT length(code) FROM semantic_bits').pluck().all();
    expect(lengths).toEqual([codeBytes(dims, CODING)]);
    const index = bitIndex(rep.db, MODEL);
    expect(index.refines).toBe(true);
    const distance = rep.db
      .prepare(
        'SELECT vec_distance_cosine(c.vec, ?) FROM semantic_bits b JOIN semantic_chunks c ON c.rowid = b.id WHERE b.seq = ?',
      )
      .pluck();
    let found = 0;
    for (const q of QUERIES) {
      const v = vector(q);
      const exact = knn(rep.db, MODEL, v, 10, { exact: true });
      const tenth = exact[exact.length - 1]!.distance;
      // Every chunk of the scanned lists is a candidate: the fine codes alone choose the 10.
      const seqs = index.candidates(v, 1000, SCANNED_LISTS, 10);
      expect(seqs.length).toBe(10);
      const blob = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      found += seqs.filter((seq) => (distance.get(blob, seq) as number) <= tenth + 1e-6).length / 10;
    }
    expect(found / QUERIES.length).toBeGreaterThanOrEqual(0.95);
  });

  it('follows an edit, a delete and a new note', async () => {
    const notes = rep.db.prepare('SELECT id, body FROM lead_notes ORDER BY id').all() as Array<{
      id: string;
      body: string;
    }>;
    const [edited, deleted] = [notes[3]!, notes[4]!];
    const oldChunk = knn(rep.db, MODEL, vector(edited.body), 400).find((h) => h.source_id === edited.id)!.chunk_id;
    rep.db
      .prepare('UPDATE lead_notes SET body = ?, updated_at = ? WHERE id = ?')
      .run(EDITED, new Date().toISOString(), edited.id);
    await rep.writer.mutate('softDelete', { table: 'lead_notes', id: deleted.id });
    await rep.writer.mutate('addNote', { lead_id: lead, body: ADDED });
    await semantic.index();

    // New chunks are placed as written, in the partition searches use.
    const unplaced = rep.db
      .prepare('SELECT count(*) FROM semantic_bits WHERE list IS NULL OR code IS NULL')
      .pluck()
      .get();
    expect(unplaced).toBe(0);
    const near = (text: string) => knn(rep.db, MODEL, vector(text), 3, { lists: SCANNED_LISTS }).map((h) => h.text);
    expect(near(EDITED)).toContain(EDITED);
    expect(near(ADDED)).toContain(ADDED);
    const everything = knn(rep.db, MODEL, vector(edited.body), 400, { lists: SCANNED_LISTS });
    expect(everything.map((h) => h.chunk_id)).not.toContain(oldChunk);
    expect(
      knn(rep.db, MODEL, vector(deleted.body), 400, { lists: SCANNED_LISTS }).map((h) => h.source_id),
    ).not.toContain(deleted.id);
    expect(recall(rep.db, [...QUERIES, EDITED, ADDED, deleted.body])).toBeGreaterThanOrEqual(0.95);
    expect(recall(rep.db, [...QUERIES, EDITED, ADDED, deleted.body], 12)).toBeGreaterThanOrEqual(0.95);
  });

  it('learns lists of its own for a new embedding model, and keeps none of the old model', async () => {
    const other = 'fake-embed-2';
    useFakeProvider(rep.db, fake.url, other);
    try {
      await semantic.index();
      expect(rep.db.prepare('SELECT DISTINCT model FROM semantic_bits').pluck().all()).toEqual([other]);
      expect(rep.db.prepare('SELECT DISTINCT model FROM semantic_partitions').pluck().all()).toEqual([other]);
      expect(rep.db.prepare('SELECT DISTINCT model FROM semantic_centroids').pluck().all()).toEqual([other]);
      const index = bitIndex(rep.db, other);
      expect(index.partitioned).toBe(true);
      expect(knn(rep.db, MODEL, vector(EDITED), 5)).toEqual([]);
      const fast = knn(rep.db, other, vector(EDITED), 3, { lists: SCANNED_LISTS });
      expect(fast.map((h) => h.text)).toContain(EDITED);
    } finally {
      useFakeProvider(rep.db, fake.url, MODEL);
      await semantic.index();
    }
  });

  it('places a partition of coarse codes only (made before fine codes) again, searching by it meanwhile', async () => {
    const dims = vector('roof').length;
    const coarse = codeBytes(dims, 1);
    const before = readyVersion(rep.db, MODEL);
    // As a replica indexed before fine codes holds it: coding 1, codes cut to the coarse part.
    rep.db.prepare('UPDATE semantic_partitions SET coding = 1 WHERE model = ?').run(MODEL);
    rep.db.prepare('UPDATE semantic_bits SET code = substr(code, 1, ?) WHERE model = ?').run(coarse, MODEL);
    const old = openReplica(rep.path);
    try {
      const index = bitIndex(old, MODEL);
      expect(index.partitioned && !index.refines).toBe(true);
      expect(recall(old, QUERIES)).toBeGreaterThanOrEqual(0.95);
    } finally {
      old.close();
    }
    await semantic.index();
    expect(readyVersion(rep.db, MODEL)).toBeGreaterThan(before);
    expect(
      rep.db.prepare('SELECT DISTINCT coding FROM semantic_partitions WHERE model = ?').pluck().all(MODEL),
    ).toEqual([CODING]);
    expect(rep.db.prepare('SELECT DISTINCT length(code) FROM semantic_bits').pluck().all()).toEqual([
      codeBytes(dims, CODING),
    ]);
    expect(bitIndex(rep.db, MODEL).refines).toBe(true);
    expect(recall(rep.db, QUERIES)).toBeGreaterThanOrEqual(0.95);
  });

  it('is read from the replica after a restart, not learned again', () => {
    const again = openReplica(rep.path);
    try {
      const index = bitIndex(again, MODEL);
      expect(index.partitioned).toBe(true);
      // Versions 1 (this model), 2 (the other), 3 (this model again), 4 (placed again with fine
      // codes): never one given twice.
      expect(index.version).toBe(4);
      expect(recall(again, QUERIES)).toBeGreaterThanOrEqual(0.95);
    } finally {
      again.close();
    }
  });

  it('keeps a few chunks of one code among the candidates: the same sentence in many records does not fill them', async () => {
    const copies = await leadWithNotes(
      rep,
      'Copy',
      Array.from({ length: 40 }, () => 'roof hail claim'),
    );
    await semantic.index();
    const seqs = new Set(
      rep.db
        .prepare(
          `SELECT b.seq FROM semantic_bits b JOIN semantic_chunks c ON c.rowid = b.id
           WHERE c.lead_id = ? AND c.source_table = 'lead_notes'`,
        )
        .pluck()
        .all(copies) as number[],
    );
    expect(seqs.size).toBe(40);
    const v = vector('roof hail claim');
    const index = bitIndex(rep.db, MODEL);
    // The copies are the nearest chunks and share one code: uncapped, they take every place.
    const uncapped = index.candidates(v, 30, SCANNED_LISTS);
    expect(uncapped.filter((seq) => seqs.has(seq))).toHaveLength(30);
    const capped = index.candidates(v, 30, SCANNED_LISTS, undefined, 5);
    expect(capped).toHaveLength(30);
    expect(capped.filter((seq) => seqs.has(seq))).toHaveLength(5);
    // A search still returns k of them (cap 2k), as near as the exact scan's.
    const fast = knn(rep.db, MODEL, v, 5, { lists: SCANNED_LISTS });
    const exact = knn(rep.db, MODEL, v, 5, { exact: true });
    expect(fast.map((h) => h.distance.toFixed(5))).toEqual(exact.map((h) => h.distance.toFixed(5)));
    expect(fast.filter((h) => h.lead_id === copies)).toHaveLength(5);
  });
});
