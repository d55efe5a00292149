/**
 * `ai.cancel` through the command bus: the window names its request, and cancelling it stops the
 * provider call at once with a clear error (and no AI field written), while other requests and
 * unknown ids are left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, createLead, call, useApp } from '../queries/support';
import { ANSWERS } from './answers';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai';

const ctx = useApp();
let fake: FakeOpenAI;
let leadId = '';

beforeAll(async () => {
  fake = await startFakeOpenAI();
  await call(ctx.app, 'ai.settings.save', {
    local: { name: 'office', kind: 'local', baseURL: fake.url, model: 'fake-model' },
    remote: null,
    preferLocal: true,
  });
  leadId = (await createLead(ctx.app, { last_name: 'Cancel' })).id;
});
afterAll(() => fake.close());

async function untilRequests(n: number) {
  const deadline = Date.now() + 10_000;
  while (fake.requests.length < n) {
    if (Date.now() > deadline) throw new Error(`the provider saw ${fake.requests.length} requests, expected ${n}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('ai.cancel', () => {
  it('stops a running request: it fails as cancelled and writes no AI field', async () => {
    fake.enqueue({ kind: 'hang' });
    const before = fake.requests.length;
    const requestId = newId();
    const running = ctx.app.dispatch('ai.run', { task: 'summary', lead_id: leadId, request_id: requestId });
    await untilRequests(before + 1);
    expect(await ctx.app.dispatch('ai.cancel', { request_id: requestId })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    const res = await running;
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toMatch(/cancelled/);
    const lead = ctx.app.db.prepare('SELECT ai_summary FROM leads WHERE id = ?').get(leadId) as {
      ai_summary: string | null;
    };
    expect(lead.ai_summary).toBeNull();
    // Finished requests are forgotten: cancelling again finds nothing.
    expect(await ctx.app.dispatch('ai.cancel', { request_id: requestId })).toEqual({
      ok: true,
      value: { cancelled: false },
    });
  });

  it('an unknown request id cancels nothing, and a request without an id still answers', async () => {
    expect(await ctx.app.dispatch('ai.cancel', { request_id: newId() })).toEqual({
      ok: true,
      value: { cancelled: false },
    });
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary });
    const res = await ctx.app.dispatch('ai.run', { task: 'summary', lead_id: leadId });
    expect(res.ok).toBe(true);
  });
});
