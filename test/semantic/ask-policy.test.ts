/**
 * Ask on a policy page, through the command bus as the renderer calls it: the question is asked of
 * the term's client's records plus the term's own facts (carrier, line, dates, premium), and an
 * agent is shown, cited and has sent to the model only what they may see. The client here holds a
 * note of another team (as a manager's replica would), which an admin's ask does retrieve, so the
 * visibility assertions can fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type FieldlineApp } from '../../electron/main/app';
import type { Actor } from '../../shared/mutations/define';
import { uuidv7 } from '../../shared/ids';
import { CARRIER_SEEDS } from '../../shared/lookups';
import { startFakeOpenAI, type FakeOpenAI } from '../ai/fake-openai';
import { INS } from '../ai/fixtures';
import { dispatchOk, signIn, twoTeamAgents, useFakeSemantic } from './two-teams';

let fake: FakeOpenAI;
let app: FieldlineApp;
let ann: Actor;
let bob: Actor;
const CARRIER = CARRIER_SEEDS[0]!;
const ids = { client: '', policy: '', annNote: '', bobNote: '', bobPolicy: '' };

interface AskAnswer {
  answer: string | null;
  citations: string[];
  sources: Array<{ id: string; kind: string; client_id: string | null }>;
  interaction_id: string | null;
}

const call = <T>(command: string, input: unknown) => dispatchOk<T>(app, command, input);
const actAs = (actor: Actor | null) => signIn(app, actor);

/** Hands rows to `owner`, as a sync of another person's or team's records would hold them. */
function give(owner: Actor, rows: Array<[table: string, id: string]>) {
  for (const [table, id] of rows)
    app.db.prepare(`UPDATE ${table} SET owner_id = ?, team_id = ? WHERE id = ?`).run(owner.userId, owner.teamId, id);
}

async function clientWithPolicy(last: string, policyNumber: string, premium: number) {
  const { result: c } = await app.writer.mutate('createClient', {
    client_type: 'individual',
    first_name: 'Dana',
    last_name: last,
  });
  const client = (c as { id: string }).id;
  const { result: p } = await app.writer.mutate('addPolicy', {
    client_id: client,
    carrier_id: CARRIER.id,
    insurance_type_id: INS.home,
    policy_number: policyNumber,
    effective_date: '2026-03-01',
    expiration_date: '2027-03-01',
    written_premium: premium,
  });
  return { client, policy: (p as { id: string }).id };
}

async function note(client: string, body: string) {
  const { result } = await app.writer.mutate('addNote', { client_id: client, body });
  return (result as { id: string }).id;
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  app = openApp(':memory:');
  ({ ann, bob } = twoTeamAgents(app));

  const mine = await clientWithPolicy('Anders', 'HO-7781', 1420);
  ids.client = mine.client;
  ids.policy = mine.policy;
  ids.annNote = await note(mine.client, 'She wants a higher wind and hail deductible at renewal to lower the premium.');
  // A note of another team on the same client: in this replica, but not Ann's to see.
  ids.bobNote = await note(mine.client, 'Hail deductible dispute with the Zephyr adjuster; premium complaint logged.');
  give(ann, [
    ['clients', mine.client],
    ['policies', mine.policy],
    ['lead_notes', ids.annNote],
  ]);
  give(bob, [['lead_notes', ids.bobNote]]);

  const theirs = await clientWithPolicy('Baker', 'HO-9902', 990);
  ids.bobPolicy = theirs.policy;
  give(bob, [
    ['clients', theirs.client],
    ['policies', theirs.policy],
  ]);

  await useFakeSemantic(app, fake.url);
  // A model that cites every source it was given, and the other team's note it was never given.
  fake.fallback = (req) => {
    const seen = [...req.text.matchAll(/id=([0-9a-f-]{36})/g)].map((m) => m[1]!);
    return { kind: 'answer', content: { answer: 'A higher hail deductible.', citations: [...seen, ids.bobNote] } };
  };
});

afterAll(async () => {
  app.close();
  await fake.close();
});

const question = { question: 'What does she want changed in the hail deductible and premium?' };

describe('ask about a policy term', () => {
  it('an admin’s ask retrieves the other team’s note on the client (so the agent case below can fail)', async () => {
    actAs(null);
    const answer = await call<AskAnswer>('ask', { ...question, policy_id: ids.policy });
    expect(answer.sources.map((s) => s.id)).toContain(ids.bobNote);
  });

  it('answers from the term’s facts and the client’s records the agent may see, citing only those', async () => {
    actAs(ann);
    fake.requests.length = 0;
    const answer = await call<AskAnswer>('ask', { ...question, policy_id: ids.policy });
    expect(answer.answer).toBe('A higher hail deductible.');
    // Source [1] is the term itself; the rest are the client's records.
    expect(answer.sources[0]).toMatchObject({ kind: 'policy', id: ids.policy, client_id: ids.client });
    expect(answer.sources.map((s) => s.id)).toContain(ids.annNote);
    expect(answer.sources.every((s) => s.client_id === ids.client)).toBe(true);
    expect(answer.citations).toEqual(expect.arrayContaining([ids.policy, ids.annNote]));
    expect(answer.citations).not.toContain(ids.bobNote);
    expect(answer.sources.map((s) => s.id)).not.toContain(ids.bobNote);

    const chat = fake.requests.find((r) => r.path.startsWith('/v1/chat'))!;
    // The term's own facts reached the model: carrier, line, dates and premium.
    for (const fact of ['HO-7781', CARRIER.name, 'Home', '2026-03-01', '2027-03-01', '$1,420.00'])
      expect(chat.text).toContain(fact);
    expect(chat.text).not.toContain('Zephyr');
    expect(chat.text).not.toContain(ids.bobNote);

    const row = app.db
      .prepare('SELECT type, client_id, lead_id, status, metadata FROM ai_interactions WHERE id = ?')
      .get(answer.interaction_id) as { type: string; client_id: string; status: string; metadata: string };
    expect(row).toMatchObject({ type: 'chat', client_id: ids.client, status: 'ok' });
    expect(JSON.parse(row.metadata)).toMatchObject({ task: 'ask', policy_id: ids.policy });
    actAs(null);
  });

  it('refuses a policy the agent may not see, naming policy_id, and sends nothing', async () => {
    actAs(ann);
    fake.requests.length = 0;
    const refused = await app.dispatch('ask', { ...question, policy_id: ids.bobPolicy });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'policy_id' } });
    expect(fake.requests).toEqual([]);
    actAs(null);
  });

  it('bad input: an unknown or malformed policy id, or two subjects, is a clear error naming the field', async () => {
    const unknown = uuidv7();
    const missing = await app.dispatch('ask', { ...question, policy_id: unknown });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', field: 'policy_id' } });
    expect(missing.ok ? '' : missing.error.message).toContain(`policy ${unknown} does not exist`);

    const malformed = await app.dispatch('ask', { ...question, policy_id: 'HO-7781' });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'policy_id' } });

    const both = await app.dispatch('ask', { ...question, policy_id: ids.policy, client_id: ids.client });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(both.ok ? '' : both.error.message).toMatch(/at most one of lead_id, client_id or policy_id/);
  });
});
