/**
 * The semantic index against the real OpenAI SDK and a loopback embeddings server: every chunk
 * kind is indexed, edits re-embed, deletes remove, a model change re-embeds, nothing planted as
 * PII reaches the endpoint, and with no provider nothing is sent at all.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { changeFeed } from '../../db/sqlite/change-feed';
import { chunkRecord, splitText } from '../../shared/semantic/chunks';
import { startFakeOpenAI, type FakeOpenAI } from '../ai/fake-openai';
import { expectNoSecrets, makeReplica, plantLead, type Replica } from '../ai/fixtures';
import { chunkRows, plantSummaries, semanticService } from './fixtures';

let fake: FakeOpenAI;
let rep: Replica;
beforeAll(async () => void (fake = await startFakeOpenAI()));
afterAll(() => fake.close());
beforeEach(() => {
  rep = makeReplica();
  fake.requests.length = 0;
});
afterEach(() => rep.close());

/** Chunks of `model` counted row by row (what semantic_counts must equal). */
const storedChunks = (model: string) =>
  rep.db.prepare('SELECT count(*) FROM semantic_chunks WHERE model = ?').pluck().get(model) as number;

const embedRequests = () => fake.requests.filter((r) => r.path.startsWith('/v1/embeddings'));

describe('chunking', () => {
  it('cuts long text into overlapping chunks of at most 800 characters, the same every time', () => {
    const text = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
    const pieces = splitText(text);
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(800);
    // Overlap: each chunk starts with words the previous one ended with.
    expect(pieces[0]!.endsWith(pieces[1]!.split(' ')[0]!) || pieces[0]!.includes(pieces[1]!.split(' ')[0]!)).toBe(true);
    expect(chunkRecord('r1', 'note', text)).toEqual(chunkRecord('r1', 'note', text));
    expect(chunkRecord('r1', 'note', text)[0]!.id).not.toBe(chunkRecord('r2', 'note', text)[0]!.id);
    expect(chunkRecord('r1', 'note', 'a')[0]!.id).not.toBe(chunkRecord('r1', 'note', 'b')[0]!.id);
  });
});

describe('indexing', () => {
  it('indexes notes, communications, tickets, AI summaries and interaction summaries, and sends no PII', async () => {
    const p = await plantLead(rep);
    plantSummaries(
      rep,
      p.lead.id,
      'Maria wants a bundle; reach her at maria.delgado@example.com.',
      'Asked about SSN 078-05-1120 on file.',
    );
    const semantic = semanticService(rep, fake.url);
    await semantic.index();
    const kinds = new Set(chunkRows(rep).map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['communication', 'interaction', 'note', 'summary', 'ticket']);
    expect(embedRequests().length).toBeGreaterThan(0);
    for (const r of embedRequests()) {
      expect(r.body.model).toBe('fake-embed');
      expectNoSecrets(r.text);
      expect(r.text).not.toContain('maria.delgado@example.com');
    }
    expect(semantic.status()).toMatchObject({ state: 'idle', model: 'fake-embed', reason: null });
    // Up to date: a second pass sends nothing.
    const before = fake.requests.length;
    await semantic.index();
    expect(fake.requests.length).toBe(before);
  });

  it('follows edits and deletes through the change feed, and re-embeds when the model changes', async () => {
    const p = await plantLead(rep);
    const semantic = semanticService(rep, fake.url);
    await semantic.index();
    semantic.follow(changeFeed(rep.db));
    const ticketText = () =>
      chunkRows(rep)
        .filter((c) => c.source_id === p.ticket.id)
        .map((c) => c.text)
        .join(' ');
    expect(ticketText()).toContain('Charged twice');
    await rep.writer.mutate('updateTicket', { id: p.ticket.id, patch: { subject: 'Refund for the double charge' } });
    await expect.poll(ticketText).toContain('Refund for the double charge');
    expect(ticketText()).not.toContain('Charged twice');
    // The progress count (kept by triggers, never counted in full) follows the edit.
    expect(semantic.status().chunks).toBe(storedChunks('fake-embed'));
    await rep.writer.mutate('softDelete', { table: 'lead_notes', id: p.newNote.id });
    await expect.poll(() => chunkRows(rep).filter((c) => c.source_id === p.newNote.id).length).toBe(0);
    await expect.poll(() => semantic.status().chunks).toBe(storedChunks('fake-embed'));
    semantic.stop();

    const count = chunkRows(rep).length;
    const again = semanticService(rep, fake.url, 'fake-embed-2');
    await again.index();
    const rows = rep.db.prepare('SELECT DISTINCT model FROM semantic_chunks').pluck().all();
    expect(rows).toEqual(['fake-embed-2']);
    expect(chunkRows(rep).length).toBe(count);
    expect(again.status().chunks).toBe(count);
    expect(rep.db.prepare('SELECT model, chunks FROM semantic_counts WHERE chunks <> 0').all()).toEqual([
      { model: 'fake-embed-2', chunks: count },
    ]);
  });

  it('sends nothing and says semantic search is off without an embedding model or provider', async () => {
    await plantLead(rep);
    const semantic = semanticService(rep, fake.url, null);
    await semantic.index();
    expect(fake.requests).toEqual([]);
    expect(semantic.status()).toMatchObject({ state: 'off' });
    expect(semantic.status().reason).toMatch(/Semantic search is off/);
    const found = await semantic.search('deductible');
    expect(found.semantic).toBe(false);
    expect(found.results.length).toBeGreaterThan(0);
    expect(fake.requests).toEqual([]);
  });
});
