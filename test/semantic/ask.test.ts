/**
 * Ask with citations: the model is given numbered sources from this replica only; an id it
 * cites that was not among them (another team's record, which this agent's replica does not
 * hold) is dropped and reported; the call is recorded in ai_interactions.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadAiSettings } from '../../electron/main/ai/settings';
import { ask } from '../../electron/main/semantic/ask';
import { uuidv7 } from '../../shared/ids';
import { startFakeOpenAI, type FakeOpenAI } from '../ai/fake-openai';
import { expectNoSecrets, interactions, makeReplica, plantLead, type Replica } from '../ai/fixtures';
import { semanticService } from './fixtures';

let fake: FakeOpenAI;
let rep: Replica;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  rep = makeReplica();
});
afterAll(async () => {
  rep.close();
  await fake.close();
});

it('answers with citations of retrieved records only, and records the call', { timeout: 30_000 }, async () => {
  const p = await plantLead(rep);
  const semantic = semanticService(rep, fake.url);
  await semantic.index();
  const elsewhere = uuidv7();
  fake.fallback = (req) => {
    const ids = [...req.text.matchAll(/id=([0-9a-f-]{36})/g)].map((m) => m[1]!);
    return { kind: 'answer', content: { answer: 'She was charged twice.', citations: [ids[0]!, elsewhere] } };
  };
  const deps = {
    db: rep.db,
    writer: rep.writer,
    semantic,
    settings: () => loadAiSettings(rep.db),
    getApiKey: async () => 'sk-test',
  };
  const result = await ask(deps, 'Was she charged twice on her card?', { lead_id: p.lead.id });
  expect(result.answer).toBe('She was charged twice.');
  expect(result.citations).toHaveLength(1);
  expect(result.sources.map((s) => s.id)).toContain(result.citations[0]);
  expect(result.dropped).toEqual([elsewhere]);
  const chat = fake.requests.find((r) => r.path.startsWith('/v1/chat'))!;
  expectNoSecrets(chat.text);
  const row = interactions(rep.db).find((i) => i.id === result.interaction_id)!;
  expect(row).toMatchObject({ type: 'chat', lead_id: p.lead.id, status: 'ok' });
  for (const id of result.citations)
    expect(rep.db.prepare('SELECT count(*) FROM semantic_chunks WHERE result_id = ?').pluck().get(id)).toBeGreaterThan(
      0,
    );
});
