/** Summaries stream to the caller as they are written (callback or async iterator) and can be cancelled. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AiService, SummaryEvent } from '../../electron/main/ai/service';
import { AiError } from '../../shared/ai/errors';
import { ANSWERS, SHOWN_SUMMARY } from './answers';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai';
import { aiColumns, interactions, makeReplica, makeService, plantLead, type Replica } from './fixtures';

let fake: FakeOpenAI;
let rep: Replica;
let ai: AiService;
let leadId: string;

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.requests.length = 0;
  rep = makeReplica();
  leadId = (await plantLead(rep)).lead.id;
  ai = makeService(rep, fake.url);
});
afterEach(() => rep.close());

describe('streaming summaries', () => {
  it('delivers the summary text in pieces while the answer is still coming', async () => {
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary, chunks: 10, chunkDelayMs: 40 });
    const deltas: Array<{ text: string; at: number }> = [];
    const out = await ai.summarize({ lead_id: leadId }, { onDelta: (text) => deltas.push({ text, at: Date.now() }) });
    const done = Date.now();
    expect(fake.requests[0]!.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      response_format: { type: 'json_schema' },
    });
    expect(deltas.length).toBeGreaterThan(3);
    expect(done - deltas[0]!.at).toBeGreaterThan(100);
    expect(deltas.map((d) => d.text).join('')).toBe(out.result.summary);
    // the usage the server streamed is what is stored, not an estimate
    const [row] = interactions(rep.db);
    expect(JSON.parse(row!.metadata)).toMatchObject({ streamed: true });
    expect(JSON.parse(row!.metadata).usage_estimated).toBeUndefined();
    expect(rep.db.prepare('SELECT ai_summary FROM leads WHERE id = ?').get(leadId)).toEqual({
      ai_summary: expect.stringMatching(SHOWN_SUMMARY),
    });
  });

  it('restores a placeholder that arrives cut in half across chunks', async () => {
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary, chunks: 90 });
    const deltas: string[] = [];
    await ai.summarize({ lead_id: leadId }, { onDelta: (t) => deltas.push(t) });
    expect(deltas.some((d) => d.includes('['))).toBe(false);
    expect(deltas.join('')).toMatch(/her SSN 078[- ]05[- ]1120 is on file/);
  });

  it('estimates the tokens when a server streams no usage', async () => {
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary, usage: false });
    await ai.summarize({ lead_id: leadId }, { onDelta: () => undefined });
    const [row] = interactions(rep.db);
    expect(JSON.parse(row!.metadata).usage_estimated).toBe(true);
    expect(row!.total_tokens).toBeGreaterThan(100);
  });

  it('works as an async iterator: deltas, then the stored outcome', async () => {
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary, chunks: 6, chunkDelayMs: 10 });
    const events: SummaryEvent[] = [];
    for await (const e of ai.streamSummary({ lead_id: leadId })) events.push(e);
    const last = events.at(-1)!;
    expect(last.type).toBe('done');
    const deltas = events.filter((e): e is Extract<SummaryEvent, { type: 'delta' }> => e.type === 'delta');
    expect(deltas.length).toBeGreaterThan(1);
    if (last.type === 'done') {
      expect(deltas.map((d) => d.text).join('')).toBe(last.outcome.result.summary);
      expect(interactions(rep.db)[0]!.id).toBe(last.outcome.interaction_id);
    }
  });

  it('leaving the loop early cancels the request: nothing but an error record', async () => {
    const before = aiColumns(rep.db, 'leads', leadId);
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary, chunks: 10, chunkDelayMs: 100 });
    for await (const e of ai.streamSummary({ lead_id: leadId })) {
      expect(e.type).toBe('delta');
      break;
    }
    expect(aiColumns(rep.db, 'leads', leadId)).toEqual(before);
    expect(interactions(rep.db)).toMatchObject([{ status: 'error', response: null }]);
    expect(JSON.parse(interactions(rep.db)[0]!.metadata).failure).toBe('cancelled');
  });

  it('an AbortSignal cancels the stream mid-answer', async () => {
    const before = aiColumns(rep.db, 'leads', leadId);
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary, chunks: 10, chunkDelayMs: 100 });
    const controller = new AbortController();
    const seen: string[] = [];
    const run = async () => {
      for await (const e of ai.streamSummary({ lead_id: leadId }, { signal: controller.signal })) {
        if (e.type === 'delta') {
          seen.push(e.text);
          controller.abort();
        }
      }
    };
    const err = await run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AiError);
    expect((err as AiError).reason).toBe('cancelled');
    expect(seen.length).toBeGreaterThan(0);
    expect(aiColumns(rep.db, 'leads', leadId)).toEqual(before);
  });
});
