/**
 * Hybrid search on a fixed corpus: a paraphrase keyword search cannot find ("roof damage" for a
 * note saying "hail hit the shingles") is found through the vectors, fused with keyword hits;
 * soft-deleted records never come back; similar records come from other leads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knn, nearestChunks, type ChunkHit } from '../../db/queries/semantic';
import { searchAll } from '../../db/queries/search';
import { chunkResults } from '../../electron/main/semantic/hybrid';
import { fakeEmbedding } from '../ai/fake-embeddings';
import { startFakeOpenAI, type FakeOpenAI } from '../ai/fake-openai';
import { makeReplica, type Replica } from '../ai/fixtures';
import { leadWithNotes, semanticService } from './fixtures';

let fake: FakeOpenAI;
let rep: Replica;
const ids: Record<string, string> = {};
let semantic: ReturnType<typeof semanticService>;

const CORPUS: Record<string, string[]> = {
  Hale: ['Hail hit the shingles during the May storm; adjuster visit booked.', 'Wants a quote for the garage too.'],
  Stone: ['Asked whether the umbrella policy covers the boat.', 'Prefers email on weekdays.'],
  Brook: ['Basement flood after the pipe burst, water everywhere.', 'Renewal in June.'],
  Fisher: ['Storm broke the roof shingles on the shed as well.', 'Call back on Friday.'],
};

beforeAll(async () => {
  fake = await startFakeOpenAI();
  rep = makeReplica();
  for (const [last, notes] of Object.entries(CORPUS)) ids[last] = await leadWithNotes(rep, last, notes);
  semantic = semanticService(rep, fake.url);
  await semantic.index();
}, 60_000);
afterAll(async () => {
  rep.close();
  await fake.close();
});

describe('hybrid search', () => {
  it('finds a paraphrase that keyword search misses', async () => {
    expect(searchAll(rep.db, 'roof damage')).toEqual([]);
    const found = await semantic.search('roof damage', 5);
    expect(found.semantic).toBe(true);
    const top = found.results.slice(0, 2).map((r) => r.lead_id);
    expect(top).toContain(ids.Hale);
    expect(top).toContain(ids.Fisher);
    expect(found.results[0]!.via).toEqual(['semantic']);
  });

  it('fuses keyword and vector results, marking what both found', async () => {
    const found = await semantic.search('flood basement', 5);
    expect(found.results[0]).toMatchObject({ kind: 'note', lead_id: ids.Brook });
    expect(found.results[0]!.via.sort()).toEqual(['keyword', 'semantic']);
  });

  it('shows similar records from other leads, never the lead itself', () => {
    const similar = semantic.similar({ lead_id: ids.Hale! }, 3);
    expect(similar.results.length).toBeGreaterThan(0);
    expect(similar.results.map((r) => r.lead_id)).not.toContain(ids.Hale);
    expect(similar.results[0]!.lead_id).toBe(ids.Fisher);
  });

  it('takes the nearest chunks one by one, only until it has the results it wants', () => {
    const query = Float32Array.from(fakeEmbedding('storm roof shingles'));
    let taken = 0;
    function* counted(hits: Iterable<ChunkHit>) {
      for (const hit of hits) {
        taken++;
        yield hit;
      }
    }
    const results = chunkResults(rep.db, counted(nearestChunks(rep.db, 'fake-embed', query, 60)), undefined, 2);
    expect(results).toHaveLength(2);
    expect(taken).toBeLessThan(knn(rep.db, 'fake-embed', query, 60).length);
    // The same hits, in the same order, as the whole list.
    expect(Array.from(nearestChunks(rep.db, 'fake-embed', query, 5)).map((h) => h.chunk_id)).toEqual(
      knn(rep.db, 'fake-embed', query, 5).map((h) => h.chunk_id),
    );
  });

  it('never returns a soft-deleted record, even before the index catches up', async () => {
    const note = rep.db.prepare('SELECT id FROM lead_notes WHERE body LIKE ?').pluck().get('Storm broke%') as string;
    await rep.writer.mutate('softDelete', { table: 'lead_notes', id: note });
    const found = await semantic.search('roof damage', 5);
    expect(found.results.map((r) => r.id)).not.toContain(note);
    expect(found.results.map((r) => r.lead_id)).toContain(ids.Hale);
  });
});
