/**
 * Every AI task against a real OpenAI SDK talking to the fake server: the prompt carries the
 * right context from the replica and none of the planted secrets; the result is validated,
 * stored in ai_interactions and the record's AI fields, and queued in the outbox.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AiService } from '../../electron/main/ai/service';
import { statusByCode } from '../../shared/lookups';
import { ANSWERS, SHOWN_SUMMARY } from './answers';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai';
import {
  aiColumns,
  expectNoSecrets,
  interactions,
  makeReplica,
  makeService,
  outboxNames,
  plantLead,
  type Replica,
} from './fixtures';

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

const lastRequest = () => fake.requests.at(-1)!;
const system = () => lastRequest().body.messages![0]!.content;
const user = () => lastRequest().body.messages![1]!.content;
const lead = () => rep.db.prepare('SELECT * FROM leads WHERE id = ?').get(planted.lead.id) as Record<string, unknown>;

describe('lead summary', () => {
  it('sends the lead, its newest notes first, its vehicles and the agency templates — and no secrets', async () => {
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary });
    await ai.summarize({ lead_id: planted.lead.id });
    const req = lastRequest();
    expect(req.path).toBe('/v1/chat/completions');
    expect(req.headers.authorization).toBe('Bearer sk-test-secret');
    expect(req.body).toMatchObject({
      model: 'gpt-test',
      response_format: { type: 'json_schema', json_schema: { name: 'fieldline_summary', strict: true } },
      temperature: 0.3,
    });
    expect(user()).toContain('Name: Maria Delgado');
    expect(user()).toContain('Status: Quoted');
    expect(user()).toContain('2021 Toyota RAV4 (commute');
    expect(user()).toContain('2018 Honda Odyssey');
    expect(user()).toContain('Quoted premium: $2,400');
    expect(user()).toContain('"Auto + Home bundle"');
    expect(user()).toContain('Re: your quote');
    expect(user().indexOf('Latest: wants the bundle quote')).toBeLessThan(user().indexOf('First call.'));
    // the status's and the product's summary templates from the lookup rows
    expect(system()).toContain('Summarise this quoted lead for the agent');
    expect(system()).toContain('Summarise the Personal Auto needs');
    expectNoSecrets(req.text);
    for (const p of ['[SSN_1]', '[CARD_1]', '[DL_1]', '[DL_2]', '[DOB_1]', '[DOB_2]', '[BANK_1]', '[BANK_2]'])
      expect(req.text).toContain(p);
  });

  it('stores the call as sent and the summary through one synced mutation, with the real values back where the agent reads it', async () => {
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary });
    const before = outboxNames(rep.db).length;
    const out = await ai.summarize({ lead_id: planted.lead.id });
    expect(out.result.summary).toMatch(/her SSN 078[- ]05[- ]1120 is on file/);
    const [row] = interactions(rep.db);
    expect(row).toMatchObject({
      type: 'summary',
      status: 'ok',
      lead_id: planted.lead.id,
      user_id: rep.actor.userId,
      owner_id: rep.actor.userId,
      model: 'gpt-test',
      provider: 'Fake OpenAI',
      temperature: 0.3,
      error: null,
    });
    expect(row!.id).toBe(out.interaction_id);
    expect(row!.prompt).toContain(user());
    expectNoSecrets(row!.prompt + row!.response!);
    expect(row!.response).toBe(JSON.stringify(ANSWERS.summary));
    expect(row!.total_tokens).toBeGreaterThan(0);
    expect(row!.total_tokens).toBe(row!.prompt_tokens! + row!.completion_tokens!);
    expect(row!.latency_ms).toBeGreaterThanOrEqual(0);
    expect(JSON.parse(row!.metadata)).toMatchObject({
      task: 'summary',
      attempts: 1,
      redacted: { ssn: 1, card: 2, license: 2, dob: 2, bank: 2 },
    });
    // the record the agent reads has the real values back; the audit keeps what was sent
    expect(lead()).toMatchObject({
      ai_summary: expect.stringMatching(SHOWN_SUMMARY),
      ai_updated_at: expect.any(String),
    });
    expect(row!.summary).toMatch(/her SSN 078[- ]05[- ]1120 is on file/);
    expect(JSON.parse(String(lead().ai_insights))).toEqual({
      summary: { highlights: ANSWERS.summary.highlights, open_questions: ANSWERS.summary.open_questions },
    });
    expect(outboxNames(rep.db).slice(before)).toEqual(['recordAiInteraction']);
    const args = JSON.parse(
      (rep.db.prepare('SELECT args FROM outbox ORDER BY seq DESC LIMIT 1').get() as { args: string }).args,
    );
    expect(args.annotations).toMatchObject({
      table: 'leads',
      id: planted.lead.id,
      fields: { ai_summary: expect.stringMatching(SHOWN_SUMMARY) },
    });
    expectNoSecrets(args.prompt + args.response);
  });

  it('redacts only the kinds configured', async () => {
    ai = makeService(rep, fake.url, { redact: ['ssn', 'card', 'bank', 'license'] });
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary });
    await ai.summarize({ lead_id: planted.lead.id });
    expect(user()).toContain('born 1984-03-07');
    for (const s of ['078-05-1120', '4111 1111 1111 1111', 'D4829175', '021000021'])
      expect(lastRequest().text).not.toContain(s);
  });

  it('reads the templates from the lookup table, so an agency can change them', async () => {
    rep.db
      .prepare('UPDATE lead_statuses SET ai_summary_template = ? WHERE id = ?')
      .run('Lead with the renewal date and the objection.', statusByCode('quoted').id);
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary });
    await ai.summarize({ lead_id: planted.lead.id });
    expect(system()).toContain('Lead with the renewal date and the objection.');
    expect(system()).not.toContain('Summarise this quoted lead');
  });

  it('keeps the newest history within a small token budget and says what it left out', async () => {
    ai = makeService(rep, fake.url, { contextTokens: 450 });
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary });
    await ai.summarize({ lead_id: planted.lead.id });
    expect(user()).toContain('Latest: wants the bundle quote');
    expect(user()).not.toContain('First call.');
    expect(user()).toMatch(/older items left out/);
    expect(Math.ceil(user().length / 4)).toBeLessThanOrEqual(450);
  });

  it('summarises a client from its own and its original lead’s history', async () => {
    const { result } = await rep.writer.mutate('convertLead', { lead_id: planted.lead.id });
    const clientId = (result as { client_id: string }).client_id;
    await rep.writer.mutate('addNote', {
      client_id: clientId,
      body: 'Client now: asked for proof of insurance for the lender.',
    });
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary });
    await ai.summarize({ client_id: clientId });
    expect(user()).toContain('Record: client (individual, active)');
    expect(user()).toContain('proof of insurance for the lender');
    expect(user()).toContain('Latest: wants the bundle quote');
    expect(user()).toContain('2021 Toyota RAV4');
    expectNoSecrets(lastRequest().text);
    const client = rep.db.prepare('SELECT ai_summary FROM clients WHERE id = ?').get(clientId) as {
      ai_summary: string;
    };
    expect(client.ai_summary).toMatch(SHOWN_SUMMARY);
    expect(interactions(rep.db)[0]).toMatchObject({ client_id: clientId, lead_id: null, status: 'ok' });
  });
});

describe('other tasks', () => {
  it('next action: action template in, next action and priority out', async () => {
    fake.enqueue({ kind: 'answer', content: ANSWERS['next-action'] });
    await ai.nextAction({ lead_id: planted.lead.id });
    expect(system()).toContain('Walk through the proposal; address price and coverage questions.');
    expectNoSecrets(lastRequest().text);
    expect(lead()).toMatchObject({ ai_next_action: ANSWERS['next-action'].next_action, ai_follow_up_priority: 1 });
    expect(JSON.parse(String(lead().ai_insights)).next_action.reasons).toEqual(ANSWERS['next-action'].reasons);
  });

  it('sentiment: the communication in focus, its type’s template; fields on the communication', async () => {
    fake.enqueue({ kind: 'answer', content: ANSWERS.sentiment });
    await ai.analyzeCommunication(planted.email.id);
    expect(user()).toMatch(
      /FOCUS: the communication to analyse\n\[.*\] Email, inbound "Re: your quote": .*worried about the deductible/,
    );
    expect(user()).toContain('social security number [SSN_1]');
    expect(system()).toContain('Summarise the email and any questions it asks.');
    expectNoSecrets(lastRequest().text);
    const comm = rep.db.prepare('SELECT * FROM lead_communications WHERE id = ?').get(planted.email.id) as Record<
      string,
      string
    >;
    expect(comm).toMatchObject({
      ai_sentiment: 'mixed',
      ai_sentiment_score: 0.2,
      ai_summary: ANSWERS.sentiment.summary,
    });
    expect(JSON.parse(comm.ai_action_items!)).toEqual(ANSWERS.sentiment.action_items);
    expect(JSON.parse(comm.ai_entities!)).toEqual(ANSWERS.sentiment.entities);
    expect(interactions(rep.db)[0]).toMatchObject({
      type: 'sentiment',
      communication_id: planted.email.id,
      lead_id: planted.lead.id,
    });
  });

  it('risk: opportunity score on the lead, merged into ai_insights beside earlier tasks', async () => {
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary }, { kind: 'answer', content: ANSWERS.risk });
    await ai.summarize({ lead_id: planted.lead.id });
    await ai.assessRisk({ lead_id: planted.lead.id });
    expect(user()).toContain('violations: speeding 2023-04-02');
    expect(user()).toContain('EARLIER AI SUMMARY');
    expect(lead().ai_score).toBe(82);
    expect(Object.keys(JSON.parse(String(lead().ai_insights))).sort()).toEqual(['risk', 'summary']);
  });

  it('triage: the ticket in focus, redacted; category, urgency and reply on the ticket', async () => {
    fake.enqueue({ kind: 'answer', content: ANSWERS.triage });
    const out = await ai.triageTicket(planted.ticket.id);
    expect(user()).toMatch(/FOCUS: the ticket to triage\n.*"Charged twice".*charged twice on card \[CARD_\d\]/);
    expectNoSecrets(lastRequest().text);
    expect(out.result.summary).toContain('5555 5555 5555 4444');
    const t = rep.db.prepare('SELECT * FROM support_tickets WHERE id = ?').get(planted.ticket.id) as Record<
      string,
      string
    >;
    expect(t).toMatchObject({
      ai_category: 'billing',
      ai_urgency: 'high',
      ai_suggested_reply: ANSWERS.triage.suggested_reply,
      ai_summary: ANSWERS.triage.summary.replace('[CARD_1]', '5555 5555 5555 4444'),
    });
    expect(interactions(rep.db)[0]).toMatchObject({
      type: 'triage',
      ticket_id: planted.ticket.id,
      lead_id: planted.lead.id,
    });
  });

  it('cross-sell: the rule-found gaps (auto + home without umbrella) go into the prompt', async () => {
    fake.enqueue({ kind: 'answer', content: ANSWERS['cross-sell'] });
    await ai.crossSell({ lead_id: planted.lead.id });
    expect(user()).toContain('- umbrella: has auto and home liability but no umbrella');
    expect(user()).toContain('- life: a spouse or children are on the auto policy');
    expect(user()).not.toContain('- home:');
    expect(JSON.parse(String(lead().ai_insights)).cross_sell.ideas[0].product).toBe('umbrella');
  });

  it('contact likelihood: history by channel, vehicles and preferences', async () => {
    fake.enqueue({ kind: 'answer', content: ANSWERS['contact-likelihood'] });
    await ai.contactLikelihood({ lead_id: planted.lead.id });
    expect(user()).toContain('- email: 0 outbound, 1 inbound; they reached out');
    expect(user()).toContain('(commute, 14,000 mi/yr');
    expect(user()).toContain('preferred channel: email');
    expect(JSON.parse(String(lead().ai_insights)).contact_likelihood.best_channel).toBe('email');
  });

  it('draft: preferred channel and tone, signed by the agent; stored as an interaction only', async () => {
    const before = aiColumns(rep.db, 'leads', planted.lead.id);
    fake.enqueue({ kind: 'answer', content: ANSWERS.draft });
    const out = await ai.draftMessage({ lead_id: planted.lead.id });
    expect(out.result.body).toContain('Hi Maria');
    expect(user()).toContain('Channel: email');
    expect(user()).toContain('Tone: friendly and brief');
    expect(user()).toContain('From: Jordan Agent');
    expect(system()).toContain('Summarise the email and any questions it asks.');
    expectNoSecrets(lastRequest().text);
    expect(aiColumns(rep.db, 'leads', planted.lead.id)).toEqual(before);
    expect(interactions(rep.db)[0]).toMatchObject({
      type: 'draft',
      status: 'ok',
      response: JSON.stringify(ANSWERS.draft),
    });
  });
});
