/** `cli ai`: the provider from the environment, the result returned and stored as the app stores it. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aiCommand } from '../../cli/commands/ai';
import { runAi } from '../../cli/commands/run-ai';
import { AiError } from '../../shared/ai/errors';
import { AppError } from '../../shared/errors';
import { ANSWERS, SHOWN_SUMMARY } from './answers';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai';
import { expectNoSecrets, interactions, makeReplica, outboxNames, plantLead, type Replica } from './fixtures';

let fake: FakeOpenAI;
let rep: Replica;
let planted: Awaited<ReturnType<typeof plantLead>>;
const saved = { ...process.env };

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.requests.length = 0;
  rep = makeReplica();
  planted = await plantLead(rep);
  Object.assign(process.env, { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'sk-cli-key', OPENAI_MODEL: 'gpt-cli' });
});
afterEach(() => {
  for (const k of ['OPENAI_BASE_URL', 'OPENAI_API_KEY', 'OPENAI_MODEL']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  rep.close();
});

describe('aiCommand', () => {
  it('summarises a lead with the environment’s provider and stores it like the app', async () => {
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary });
    const result = (await aiCommand({
      db: rep.path,
      task: 'summary',
      lead: planted.lead.id,
    })) as typeof ANSWERS.summary;
    expect(result.highlights).toEqual(ANSWERS.summary.highlights);
    const req = fake.requests[0]!;
    expect(req.body.model).toBe('gpt-cli');
    expect(req.headers.authorization).toBe('Bearer sk-cli-key');
    expect(req.text).toContain('Maria Delgado');
    expectNoSecrets(req.text);
    expect(interactions(rep.db)).toMatchObject([
      { provider: 'env', model: 'gpt-cli', status: 'ok', lead_id: planted.lead.id },
    ]);
    expect(rep.db.prepare('SELECT ai_summary FROM leads WHERE id = ?').get(planted.lead.id)).toEqual({
      ai_summary: expect.stringMatching(SHOWN_SUMMARY),
    });
    expect(outboxNames(rep.db).at(-1)).toBe('recordAiInteraction');
  });

  it('takes --model over OPENAI_MODEL, and runs the communication and ticket tasks', async () => {
    fake.enqueue({ kind: 'answer', content: ANSWERS.sentiment }, { kind: 'answer', content: ANSWERS.triage });
    const sentiment = await aiCommand({
      db: rep.path,
      task: 'sentiment',
      communication: planted.email.id,
      model: 'gpt-other',
    });
    expect(sentiment).toMatchObject({ sentiment: 'mixed' });
    expect(fake.requests[0]!.body.model).toBe('gpt-other');
    const triage = await aiCommand({ db: rep.path, task: 'triage', ticket: planted.ticket.id });
    expect(triage).toMatchObject({ category: 'billing', urgency: 'high' });
  });

  it('runs through the CLI’s own argument parsing', async () => {
    fake.enqueue({ kind: 'answer', content: ANSWERS['next-action'] });
    const out = await runAi(['--db', rep.path, '--task', 'next-action', '--lead', planted.lead.id]);
    expect(out).toMatchObject({ follow_up_priority: 1 });
  });

  it('gives clear errors: opted-out channel, no model, missing record, missing replica', async () => {
    const sms = aiCommand({ db: rep.path, task: 'draft', lead: planted.lead.id, channel: 'sms' });
    await expect(sms).rejects.toBeInstanceOf(AiError);
    await expect(sms).rejects.toThrow(/opted out of SMS/);
    expect(fake.requests).toHaveLength(0);
    delete process.env.OPENAI_MODEL;
    await expect(aiCommand({ db: rep.path, task: 'summary', lead: planted.lead.id })).rejects.toThrow(
      /set OPENAI_MODEL or pass --model/,
    );
    await expect(aiCommand({ db: rep.path, task: 'triage', lead: planted.lead.id, model: 'm' })).rejects.toThrow(
      /triage needs a ticket/,
    );
    await expect(
      aiCommand({ db: rep.path, task: 'risk', lead: '01950000-0000-7000-8000-000000000999', model: 'm' }),
    ).rejects.toThrow(/does not exist/);
    await expect(
      aiCommand({ db: `${rep.path}.missing`, task: 'risk', lead: planted.lead.id, model: 'm' }),
    ).rejects.toBeInstanceOf(AppError);
    expect(interactions(rep.db)).toEqual([]);
  });
});
