/**
 * A replica synced by a manager holds another team's rows; when an agent signs in on it, semantic
 * search, similar records and Ask must never show (or send a model) a record the agent may not see.
 * The same index without an actor (scripts) does hold that record, so the test can fail.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadAiSettings } from '../../electron/main/ai/settings';
import { ask } from '../../electron/main/semantic/ask';
import { createSemanticService } from '../../electron/main/semantic/service';
import { uuidv7 } from '../../shared/ids';
import { startFakeOpenAI, type FakeOpenAI } from '../ai/fake-openai';
import { makeReplica, plantLead, type Replica } from '../ai/fixtures';
import { semanticService } from './fixtures';

let fake: FakeOpenAI;
let rep: Replica;
let mine: string;
let theirs: string;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  rep = makeReplica();
  mine = (await plantLead(rep)).lead.id;
  theirs = (await plantLead(rep, { first_name: 'Otto', last_name: 'Brenner', email: 'otto@example.com' })).lead.id;
  // Hand the second lead and everything on it to someone of another team, as a manager's sync would hold it.
  const other = uuidv7();
  const now = new Date().toISOString();
  rep.db
    .prepare(
      `INSERT INTO users (id, email, full_name, role, created_at, updated_at) VALUES (?, 'other@agency.test', 'Other Agent', 'agent', ?, ?)`,
    )
    .run(other, now, now);
  rep.db.prepare('UPDATE leads SET owner_id = ?, team_id = NULL WHERE id = ?').run(other, theirs);
  for (const t of ['lead_notes', 'lead_communications', 'support_tickets', 'opportunities', 'ai_interactions'])
    rep.db.prepare(`UPDATE ${t} SET owner_id = ? WHERE lead_id = ?`).run(other, theirs);
});
afterAll(async () => {
  rep.close();
  await fake.close();
});

const leadsOf = (results: Array<{ id: string; kind: string; lead_id?: string | null }>) =>
  new Set(results.map((r) => (r.kind === 'lead' ? r.id : r.lead_id)));

it('shows and cites only records the signed-in person may see', { timeout: 60_000 }, async () => {
  const everyone = semanticService(rep, fake.url);
  await everyone.index();
  const all = await everyone.search('charged twice on the card', 40);
  expect(all.semantic).toBe(true);
  expect(leadsOf(all.results)).toContain(theirs);

  const agent = createSemanticService({ db: rep.db, getApiKey: async () => 'sk-test', actor: () => rep.actor });
  const found = await agent.search('charged twice on the card', 40);
  expect(found.results.length).toBeGreaterThan(0);
  expect(leadsOf(found.results)).not.toContain(theirs);
  expect(leadsOf(found.results)).toContain(mine);

  const similar = agent.similar({ lead_id: mine }, 30);
  expect(leadsOf(similar.results)).not.toContain(theirs);
  expect(() => agent.similar({ lead_id: theirs })).toThrow(/may not see/);

  fake.requests.length = 0;
  fake.fallback = (req) => {
    const ids = [...req.text.matchAll(/id=([0-9a-f-]{36})/g)].map((m) => m[1]!);
    return { kind: 'answer', content: { answer: 'Charged twice.', citations: ids } };
  };
  const deps = {
    db: rep.db,
    writer: rep.writer,
    semantic: agent,
    settings: () => loadAiSettings(rep.db),
    getApiKey: async () => 'sk-test',
  };
  const answer = await ask(deps, 'Who was charged twice on the card?', null);
  expect(answer.sources.length).toBeGreaterThan(0);
  expect(leadsOf(answer.sources)).not.toContain(theirs);
  const chat = fake.requests.find((r) => r.path.startsWith('/v1/chat'))!;
  expect(chat.text).not.toContain(theirs);
  expect(chat.text).not.toContain('Otto');
});
