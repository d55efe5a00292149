/**
 * Structured outputs: every task asks for its answer's JSON schema (derived from the zod schema
 * that checks the answer). A provider that refuses json_schema is asked again in JSON mode, and
 * remembered for the session; an answer that breaks the schema is still rejected by zod.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AiService } from '../../electron/main/ai/service';
import { AiError } from '../../shared/ai/errors';
import { responseSchema } from '../../shared/ai/response-format';
import { AI_TASKS } from '../../shared/ai/schemas';
import { ANSWERS } from './answers';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai';
import { interactions, makeReplica, makeService, plantLead, type Replica } from './fixtures';

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
  fake.refuseJsonSchema = false;
  rep = makeReplica();
  planted = await plantLead(rep);
});
afterEach(() => rep.close());

/** Each test uses its own model name, so one test's remembered refusal does not leak into another. */
const serviceFor = (model: string) =>
  makeService(rep, fake.url, { remote: { name: 'Fake OpenAI', baseURL: fake.url, model } });

/** Every object in a strict schema lists all its properties as required and allows no others. */
function expectStrict(node: unknown, path = '$'): void {
  if (Array.isArray(node)) return node.forEach((n, i) => expectStrict(n, `${path}[${i}]`));
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  expect(o, path).not.toHaveProperty('default');
  if (o.type === 'object') {
    expect(o.additionalProperties, path).toBe(false);
    expect(o.required, path).toEqual(Object.keys(o.properties as object));
  }
  for (const [k, v] of Object.entries(o)) expectStrict(v, `${path}.${k}`);
}

describe('structured outputs', () => {
  it('every task has a strict schema derived from its zod schema', () => {
    for (const task of AI_TASKS) {
      const format = responseSchema(task);
      expect(format.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
      expect(format.strict).toBe(true);
      expectStrict(format.schema);
    }
    expect(responseSchema('next-action').schema).toMatchObject({
      properties: { follow_up_priority: { type: 'integer', minimum: 1, maximum: 5 } },
    });
  });

  it('asks for the task schema and records the format used', async () => {
    ai = serviceFor('gpt-structured');
    fake.enqueue({ kind: 'answer', content: ANSWERS['next-action'] });
    await ai.nextAction({ lead_id: planted.lead.id });
    const format = fake.requests[0]!.body.response_format!;
    expect(format.type).toBe('json_schema');
    expect(format.json_schema).toEqual(JSON.parse(JSON.stringify(responseSchema('next-action'))));
    expect(JSON.parse(interactions(rep.db)[0]!.metadata)).toMatchObject({ response_format: 'json_schema' });
  });

  it('falls back to JSON mode when the provider refuses json_schema, and remembers it', async () => {
    ai = serviceFor('local-no-schema');
    fake.refuseJsonSchema = true;
    fake.enqueue({ kind: 'answer', content: ANSWERS['next-action'] });
    const out = await ai.nextAction({ lead_id: planted.lead.id });
    expect(out.result.follow_up_priority).toBe(ANSWERS['next-action'].follow_up_priority);
    expect(fake.requests.map((r) => r.body.response_format?.type)).toEqual(['json_schema', 'json_object']);
    const rows = interactions(rep.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'ok' });
    expect(JSON.parse(rows[0]!.metadata)).toMatchObject({ response_format: 'json_object' });

    // The next request to the same provider and model goes straight to JSON mode.
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary });
    await ai.summarize({ lead_id: planted.lead.id });
    expect(fake.requests.map((r) => r.body.response_format?.type)).toEqual([
      'json_schema',
      'json_object',
      'json_object',
    ]);
  });

  it('a 400 about something else is an error, not a fallback', async () => {
    ai = serviceFor('gpt-bad-request');
    fake.enqueue({ kind: 'status', status: 400, message: 'messages: too long' });
    const err = await ai.nextAction({ lead_id: planted.lead.id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AiError);
    expect((err as AiError).message).toMatch(/rejected the request \(HTTP 400\)/);
    expect(fake.requests).toHaveLength(1);
  });

  it('an answer breaking the schema is still rejected with a clear error', async () => {
    ai = serviceFor('gpt-drifting');
    fake.enqueue({ kind: 'answer', content: { ...ANSWERS['next-action'], follow_up_priority: 9 } });
    const err = await ai.nextAction({ lead_id: planted.lead.id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AiError);
    expect((err as AiError).reason).toBe('malformed');
    expect((err as AiError).message).toMatch(/expected form \(follow_up_priority: .*\), so nothing was saved/);
  });
});
