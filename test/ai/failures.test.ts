/**
 * Every way an AI request can fail gives a clear AiError and leaves nothing half-written.
 * The rule under test: a refusal before sending (opted out, budget, known offline, not set up)
 * writes nothing; a failure after sending writes exactly one ai_interactions row with status
 * 'error', no response, and no AI field changed anywhere.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AiService } from '../../electron/main/ai/service';
import { AiError, type AiFailure } from '../../shared/ai/errors';
import { ANSWERS } from './answers';
import { closedPort, startFakeOpenAI, type FakeOpenAI } from './fake-openai';
import { aiColumns, interactions, makeReplica, makeService, outboxNames, plantLead, type Replica } from './fixtures';

let fake: FakeOpenAI;
let rep: Replica;
let ai: AiService;
let planted: Awaited<ReturnType<typeof plantLead>>;

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.requests.length = 0;
  rep = makeReplica();
  planted = await plantLead(rep);
  ai = makeService(rep, fake.url);
});
afterEach(() => rep.close());

function snapshot() {
  return {
    lead: aiColumns(rep.db, 'leads', planted.lead.id),
    comm: aiColumns(rep.db, 'lead_communications', planted.email.id),
    ticket: aiColumns(rep.db, 'support_tickets', planted.ticket.id),
    outbox: outboxNames(rep.db).length,
  };
}

async function failure(promise: Promise<unknown>, reason: AiFailure, message: RegExp): Promise<AiError> {
  const err = await promise.then(
    () => expect.fail(`expected the request to fail with ${reason}`),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AiError);
  expect({ reason: (err as AiError).reason, message: (err as AiError).message }).toMatchObject({
    reason,
    message: expect.stringMatching(message),
  });
  return err as AiError;
}

/** No AI field changed; and either nothing at all was written, or one error interaction. */
function expectClean(before: ReturnType<typeof snapshot>, written: 'nothing' | 'error record', reason?: AiFailure) {
  const after = snapshot();
  expect({ lead: after.lead, comm: after.comm, ticket: after.ticket }).toEqual({
    lead: before.lead,
    comm: before.comm,
    ticket: before.ticket,
  });
  const rows = interactions(rep.db);
  if (written === 'nothing') {
    expect(rows).toEqual([]);
    expect(after.outbox).toBe(before.outbox);
    return;
  }
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ status: 'error', response: null, error: expect.any(String) });
  expect(JSON.parse(rows[0]!.metadata).failure).toBe(reason);
  expect(outboxNames(rep.db).slice(before.outbox)).toEqual(['recordAiInteraction']);
  const args = JSON.parse(
    (rep.db.prepare('SELECT args FROM outbox ORDER BY seq DESC LIMIT 1').get() as { args: string }).args,
  );
  expect(args.annotations).toBeUndefined();
}

describe('provider errors (recorded once, no AI fields)', () => {
  it('429 until the retries run out: rate_limited after 1 + maxRetries attempts', async () => {
    const before = snapshot();
    fake.enqueue(...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 429 })));
    await failure(
      ai.summarize({ lead_id: planted.lead.id }),
      'rate_limited',
      /rate limiting requests; gave up after 3 attempts/,
    );
    expect(fake.requests).toHaveLength(3);
    expectClean(before, 'error record', 'rate_limited');
  });

  it('429 with retry-after is retried after the time asked for, then succeeds', async () => {
    fake.enqueue(
      { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
      { kind: 'answer', content: ANSWERS.risk },
    );
    const out = await ai.assessRisk({ lead_id: planted.lead.id });
    expect(out.result.opportunity_score).toBe(82);
    expect(fake.requests[1]!.at - fake.requests[0]!.at).toBeGreaterThanOrEqual(950);
    expect(JSON.parse(interactions(rep.db)[0]!.metadata).attempts).toBe(2);
  });

  it('a retry-after longer than the app will wait fails at once', async () => {
    const before = snapshot();
    fake.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '120' } });
    await failure(ai.summarize({ lead_id: planted.lead.id }), 'rate_limited', /asks to wait 120 s/);
    expect(fake.requests).toHaveLength(1);
    expectClean(before, 'error record', 'rate_limited');
  });

  it('500 is retried with backoff; a lasting 500 is a server_error', async () => {
    fake.enqueue({ kind: 'status', status: 500 }, { kind: 'answer', content: ANSWERS.triage });
    await ai.triageTicket(planted.ticket.id);
    expect(fake.requests).toHaveLength(2);
    rep.db.exec('DELETE FROM ai_interactions');
    const before = snapshot();
    fake.requests.length = 0;
    fake.enqueue(...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 503 })));
    await failure(
      ai.summarize({ lead_id: planted.lead.id }),
      'server_error',
      /server error \(HTTP 503\); gave up after 3 attempts/,
    );
    expect(fake.requests).toHaveLength(3);
    expectClean(before, 'error record', 'server_error');
  });

  it('a slow answer times out (and is not retried)', async () => {
    ai = makeService(rep, fake.url, { timeoutMs: 300 });
    const before = snapshot();
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary, delayMs: 2000 });
    const started = Date.now();
    await failure(ai.summarize({ lead_id: planted.lead.id }), 'timeout', /did not answer within 0.3 s/);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(fake.requests).toHaveLength(1);
    expectClean(before, 'error record', 'timeout');
  });

  it('a stream that stalls times out mid-answer, and the partial text is not stored', async () => {
    ai = makeService(rep, fake.url, { timeoutMs: 300 });
    const before = snapshot();
    const seen: string[] = [];
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary, chunks: 6, chunkDelayMs: 700 });
    await failure(
      ai.summarize({ lead_id: planted.lead.id }, { onDelta: (t) => seen.push(t) }),
      'timeout',
      /did not answer/,
    );
    expectClean(before, 'error record', 'timeout');
  });

  it('a rejected key is an auth error, not retried', async () => {
    const before = snapshot();
    fake.enqueue({ kind: 'status', status: 401 });
    await failure(ai.summarize({ lead_id: planted.lead.id }), 'auth', /refused the API key \(HTTP 401\)/);
    expect(fake.requests).toHaveLength(1);
    expectClean(before, 'error record', 'auth');
  });

  it('cancelling with an AbortSignal stops the request', async () => {
    const before = snapshot();
    fake.enqueue({ kind: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    await failure(ai.summarize({ lead_id: planted.lead.id }, { signal: controller.signal }), 'cancelled', /cancelled/);
    expectClean(before, 'error record', 'cancelled');
  });
});

describe('malformed answers (an error the user sees, never stored)', () => {
  it('invalid JSON', async () => {
    const before = snapshot();
    fake.enqueue({ kind: 'answer', content: '{"summary": "Maria is a quoted lead who' });
    await failure(ai.summarize({ lead_id: planted.lead.id }), 'malformed', /not valid JSON, so nothing was saved/);
    expectClean(before, 'error record', 'malformed');
    expect(interactions(rep.db)[0]!.total_tokens).toBeGreaterThan(0);
  });

  it('JSON of the wrong shape, or out of range', async () => {
    const before = snapshot();
    fake.enqueue({ kind: 'answer', content: { ...ANSWERS['next-action'], follow_up_priority: 9 } });
    await failure(ai.nextAction({ lead_id: planted.lead.id }), 'malformed', /expected form \(follow_up_priority: .*\)/);
    expectClean(before, 'error record', 'malformed');
    fake.enqueue({ kind: 'answer', content: { ...ANSWERS.sentiment, sentiment: 'ecstatic' } });
    await failure(ai.analyzeCommunication(planted.email.id), 'malformed', /sentiment/);
    expect(snapshot().comm).toEqual(before.comm);
  });
});

describe('refusals before anything is sent (nothing written)', () => {
  it('a draft on a channel the person opted out of', async () => {
    const before = snapshot();
    await failure(
      ai.draftMessage({ lead_id: planted.lead.id }, { channel: 'sms' }),
      'opted_out',
      /Maria Delgado opted out of SMS/,
    );
    await rep.writer.mutate('setMarketingSettings', { lead_id: planted.lead.id, settings: { do_not_contact: true } });
    const after = snapshot();
    await failure(
      ai.draftMessage({ lead_id: planted.lead.id }, { channel: 'email' }),
      'opted_out',
      /asked not to be contacted/,
    );
    expect(fake.requests).toHaveLength(0);
    expectClean({ ...before, outbox: after.outbox }, 'nothing');
  });

  it('the daily token budget', async () => {
    ai = makeService(rep, fake.url, { dailyTokenBudget: 50 });
    const before = snapshot();
    await failure(
      ai.summarize({ lead_id: planted.lead.id }),
      'budget_exceeded',
      /budget is used up: 0 of 50 tokens spent/,
    );
    expect(fake.requests).toHaveLength(0);
    expectClean(before, 'nothing');
  });

  it('the budget counts what this user already spent today', async () => {
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary });
    await ai.summarize({ lead_id: planted.lead.id });
    const spent = interactions(rep.db)[0]!.total_tokens!;
    const budget = spent + 100;
    ai = makeService(rep, fake.url, { dailyTokenBudget: budget });
    expect(ai.usage()).toEqual({ used: spent, budget });
    const n = (x: number) => x.toLocaleString('en-US');
    await failure(
      ai.summarize({ lead_id: planted.lead.id }),
      'budget_exceeded',
      new RegExp(`${n(spent)} of ${n(budget)} tokens spent`),
    );
    expect(fake.requests).toHaveLength(1);
    expect(interactions(rep.db)).toHaveLength(1);
  });

  it('known offline with no local model', async () => {
    ai = makeService(rep, fake.url, {}, { isOnline: () => false });
    const before = snapshot();
    await failure(
      ai.summarize({ lead_id: planted.lead.id }),
      'offline',
      /You are offline and no local model is set up/,
    );
    expect(fake.requests).toHaveLength(0);
    expectClean(before, 'nothing');
  });

  it('no provider set up', async () => {
    ai = makeService(rep, fake.url, { remote: null });
    const before = snapshot();
    await failure(ai.summarize({ lead_id: planted.lead.id }), 'not_configured', /No AI provider is set up/);
    expectClean(before, 'nothing');
  });
});

describe('offline', () => {
  it('an unreachable provider (closed port) fails fast with a clear message', async () => {
    const port = await closedPort();
    ai = makeService(rep, `http://127.0.0.1:${port}/v1`, { timeoutMs: 10_000 });
    const before = snapshot();
    const started = Date.now();
    await failure(
      ai.summarize({ lead_id: planted.lead.id }),
      'offline',
      new RegExp(`Cannot reach Fake OpenAI \\(127.0.0.1:${port}\\): this computer may be offline`),
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expectClean(before, 'error record', 'offline');
  });

  it('goes to the local model when offline, or when the remote one is unreachable', async () => {
    const local = await startFakeOpenAI();
    try {
      const localProvider = { name: 'Ollama', kind: 'local' as const, baseURL: local.url, model: 'llama3.1' };
      ai = makeService(rep, fake.url, { local: localProvider }, { isOnline: () => false });
      local.enqueue({ kind: 'answer', content: ANSWERS.summary });
      await ai.summarize({ lead_id: planted.lead.id });
      expect(fake.requests).toHaveLength(0);
      expect(local.requests).toHaveLength(1);
      expect(local.requests[0]!.body.model).toBe('llama3.1');
      expect(interactions(rep.db)[0]).toMatchObject({ provider: 'Ollama', model: 'llama3.1', status: 'ok' });

      const port = await closedPort();
      ai = makeService(rep, `http://127.0.0.1:${port}/v1`, { local: localProvider });
      local.enqueue({ kind: 'answer', content: ANSWERS.risk });
      await ai.assessRisk({ lead_id: planted.lead.id });
      const last = interactions(rep.db).at(-1)!;
      expect(last).toMatchObject({ provider: 'Ollama', status: 'ok', type: 'risk' });
      expect(JSON.parse(last.metadata).fell_back_from).toBe('Fake OpenAI');
    } finally {
      await local.close();
    }
  });
});
