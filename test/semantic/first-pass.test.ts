/**
 * The in-memory first pass of vector search (db/queries/semantic-bits.ts) against the exact scan:
 * the same nearest chunks, and still after notes are edited, deleted and added once it has been
 * read (a rewritten chunk gets a new seq; the old one is never returned); a replica whose
 * semantic_bits predates seq is rebuilt when opened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knn } from '../../db/queries/semantic';
import { bitIndex } from '../../db/queries/semantic-bits';
import { openReplica } from '../../db/sqlite/open';
import { ensureVectorTables } from '../../db/sqlite/vectors';
import { fakeEmbedding } from '../ai/fake-embeddings';
import { startFakeOpenAI, type FakeOpenAI } from '../ai/fake-openai';
import { makeReplica, type Replica } from '../ai/fixtures';
import { leadWithNotes, semanticService } from './fixtures';

const MODEL = 'fake-embed';
const WORDS = ['roof', 'hail', 'flood', 'basement', 'car', 'premium', 'renewal', 'claim', 'boat', 'umbrella', 'garage'];

let fake: FakeOpenAI;
let rep: Replica;
let semantic: ReturnType<typeof semanticService>;
let lead: string;

const vector = (text: string) => Float32Array.from(fakeEmbedding(text));
const ids = (hits: Array<{ chunk_id: string }>) => hits.map((h) => h.chunk_id);

/** Nearest 5 by the quantized pass equal the exact scan's (distances, which ties make the robust comparison). */
function expectSameAsExact(query: string) {
  const fast = knn(rep.db, MODEL, vector(query), 5);
  const exact = knn(rep.db, MODEL, vector(query), 5, { exact: true });
  expect(fast.map((h) => h.distance.toFixed(5))).toEqual(exact.map((h) => h.distance.toFixed(5)));
  return fast;
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  rep = makeReplica();
  // Sixty notes of three words each from a small vocabulary: many near neighbours, some ties.
  const bodies = Array.from({ length: 60 }, (_, i) =>
    [0, 1, 2].map((j) => WORDS[(i * 7 + j * 3 + (i >> 2)) % WORDS.length]).join(' '),
  );
  lead = await leadWithNotes(rep, 'Hale', bodies);
  semantic = semanticService(rep, fake.url, MODEL, 16);
  await semantic.index();
}, 60_000);
afterAll(async () => {
  rep.close();
  await fake.close();
});

describe('the in-memory first pass', () => {
  it('finds the same nearest chunks as the exact scan', () => {
    for (const q of ['roof hail', 'flood basement claim', 'boat umbrella', 'car premium renewal']) expectSameAsExact(q);
    expect(bitIndex(rep.db, MODEL).length).toBe(60);
  });

  it('keeps every chunk when there are fewer than the candidates asked for (the lowest score too)', () => {
    const index = bitIndex(rep.db, MODEL);
    for (const q of ['roof hail', 'flood basement claim', 'boat umbrella', 'car premium renewal', 'garage'])
      expect(index.candidates(vector(q), 1000)).toHaveLength(index.length);
  });

  it('follows edits, deletes and new notes made after it was read', async () => {
    const notes = rep.db.prepare('SELECT id, body FROM lead_notes ORDER BY id').all() as Array<{
      id: string;
      body: string;
    }>;
    const before = knn(rep.db, MODEL, vector('tornado siding'), 60);
    const [edited, deleted] = [notes[0]!, notes[1]!];
    // Notes have no edit mutation: an edit arriving by sync is a new body and version.
    rep.db
      .prepare('UPDATE lead_notes SET body = ?, updated_at = ? WHERE id = ?')
      .run('tornado tore the siding off', new Date().toISOString(), edited.id);
    await rep.writer.mutate('softDelete', { table: 'lead_notes', id: deleted.id });
    await rep.writer.mutate('addNote', { lead_id: lead, body: 'siding and tornado damage photos' });
    await semantic.index();

    const after = expectSameAsExact('tornado siding');
    expect(after.slice(0, 2).map((h) => h.source_id)).toContain(edited.id);
    // The edited note's old chunk and the deleted note's chunk are gone from every result.
    const all = ids(knn(rep.db, MODEL, vector(edited.body), 60));
    const old = before.find((h) => h.source_id === edited.id)!.chunk_id;
    expect(all).not.toContain(old);
    expect(knn(rep.db, MODEL, vector(deleted.body), 60).map((h) => h.source_id)).not.toContain(deleted.id);
    expectSameAsExact(deleted.body);
    // 60 notes, one deleted, one added: one chunk each.
    const chunks = rep.db.prepare('SELECT count(*) FROM semantic_chunks').pluck().get() as number;
    expect(chunks).toBe(60);
  });

  it('still returns k live hits when the nearest chunks are of records deleted since they were indexed', async () => {
    const q = vector('roof hail');
    const nearest = knn(rep.db, MODEL, q, 12);
    // More than the k asked for below plus its spare: the hits must come from further down.
    const dead = new Set(nearest.slice(0, 10).map((h) => h.source_id));
    for (const id of dead) await rep.writer.mutate('softDelete', { table: 'lead_notes', id });
    const hits = knn(rep.db, MODEL, q, 2);
    expect(hits).toHaveLength(2);
    expect(hits.filter((h) => dead.has(h.source_id))).toEqual([]);
    expect(hits.map((h) => h.chunk_id)).toEqual(nearest.slice(10, 12).map((h) => h.chunk_id));
  });

  it('rebuilds a semantic_bits made before seq, once, when the replica is opened', () => {
    rep.db.exec(`DROP TABLE semantic_bits;
      CREATE TABLE semantic_bits (id INTEGER PRIMARY KEY, model TEXT NOT NULL, bits BLOB NOT NULL);`);
    const again = openReplica(rep.path);
    try {
      ensureVectorTables(again);
      const columns = again.prepare(`SELECT name FROM pragma_table_info('semantic_bits')`).pluck().all();
      expect(columns).toContain('seq');
      expect(again.prepare('SELECT count(*) FROM semantic_bits').pluck().get()).toBe(
        again.prepare('SELECT count(*) FROM semantic_chunks').pluck().get(),
      );
      const fast = knn(again, MODEL, vector('roof hail'), 5);
      const exact = knn(again, MODEL, vector('roof hail'), 5, { exact: true });
      expect(fast.map((h) => h.distance.toFixed(5))).toEqual(exact.map((h) => h.distance.toFixed(5)));
    } finally {
      again.close();
    }
  });
});
