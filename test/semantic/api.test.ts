/**
 * The semantic commands through the command bus, as the renderer calls them, on a replica that
 * holds two teams' rows (as a manager's or a demo replica does): an agent signed in is shown, and
 * has sent to the model, only records they may see, by the app's one rule (canAccess).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type FieldlineApp } from '../../electron/main/app';
import type { Actor } from '../../shared/mutations/define';
import { startFakeOpenAI, type FakeOpenAI } from '../ai/fake-openai';
import { INS } from '../ai/fixtures';
import { dispatchOk, signIn, twoTeamAgents, useFakeSemantic } from './two-teams';

let fake: FakeOpenAI;
let app: FieldlineApp;
let ann: Actor;
let bob: Actor;
const lead: Record<'ann' | 'bob', string> = { ann: '', bob: '' };
const note: Record<'ann' | 'bob', string> = { ann: '', bob: '' };

const call = <T>(command: string, input: unknown) => dispatchOk<T>(app, command, input);
const actAs = (actor: Actor | null) => signIn(app, actor);

/** A lead with one note, made by the local admin and then handed to `owner` (as sync would hold it). */
async function leadWithNote(owner: Actor, lastName: string, body: string) {
  const { result } = await app.writer.mutate('createLead', { last_name: lastName, insurance_type_id: INS.home });
  const id = (result as { id: string }).id;
  const { result: n } = await app.writer.mutate('addNote', { lead_id: id, body });
  const noteId = (n as { id: string }).id;
  for (const [table, row] of [
    ['leads', id],
    ['lead_notes', noteId],
  ] as const)
    app.db.prepare(`UPDATE ${table} SET owner_id = ?, team_id = ? WHERE id = ?`).run(owner.userId, owner.teamId, row);
  return { id, noteId };
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  app = openApp(':memory:');
  ({ ann, bob } = twoTeamAgents(app));
  const a = await leadWithNote(ann, 'Anders', 'Hail broke the shingles on the roof last spring; she wants a quote.');
  const b = await leadWithNote(bob, 'Baker', 'Hailstorm damaged the roof and shingles; claim still open with Acme.');
  lead.ann = a.id;
  lead.bob = b.id;
  note.ann = a.noteId;
  note.bob = b.noteId;
  await useFakeSemantic(app, fake.url);
});

afterAll(async () => {
  app.close();
  await fake.close();
});

describe('semantic commands', () => {
  it('semantic.status names the model and how much is indexed', async () => {
    const status = await call<{ state: string; model: string; chunks: number }>('semantic.status', {});
    expect(status).toMatchObject({ state: 'idle', model: 'fake-embed' });
    expect(status.chunks).toBeGreaterThanOrEqual(2);
  });

  it('an admin finds both teams’ notes; an agent only their own, in search, similar and ask', async () => {
    type Search = { results: Array<{ id: string; lead_id: string | null; via: string[] }>; semantic: boolean };
    const asAdmin = await call<Search>('semantic.search', { text: 'hail on the roof' });
    expect(asAdmin.semantic).toBe(true);
    expect(asAdmin.results.map((r) => r.id)).toEqual(expect.arrayContaining([note.ann, note.bob]));

    actAs(ann);
    const asAnn = await call<Search>('semantic.search', { text: 'hail on the roof' });
    expect(asAnn.results.map((r) => r.id)).toContain(note.ann);
    expect(asAnn.results.every((r) => r.lead_id !== lead.bob && r.id !== note.bob)).toBe(true);
    // Keyword-only hits are filtered too ("Baker" is a word only the other team's lead has).
    const byName = await call<Search>('semantic.search', { text: 'Baker' });
    expect(byName.results.map((r) => r.id)).not.toContain(lead.bob);
    expect(byName.results.every((r) => r.lead_id !== lead.bob)).toBe(true);
    actAs(null);
    const byNameAdmin = await call<Search>('semantic.search', { text: 'Baker' });
    expect(byNameAdmin.results.map((r) => r.id)).toContain(lead.bob);
    actAs(ann);

    const similar = await call<Search>('semantic.similar', { lead_id: lead.ann });
    expect(similar.results.every((r) => r.lead_id !== lead.bob)).toBe(true);
    const refused = await app.dispatch('semantic.similar', { lead_id: lead.bob });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    fake.requests.length = 0;
    fake.fallback = (req) => {
      const ids = [...req.text.matchAll(/id=([0-9a-f-]{36})/g)].map((m) => m[1]!);
      // A model that cites whatever it saw, and an id it never saw (the other team's note).
      return { kind: 'answer', content: { answer: 'Hail damaged the roof.', citations: [...ids, note.bob] } };
    };
    const answer = await call<{ answer: string; citations: string[]; sources: Array<{ id: string }> }>('ask', {
      question: 'Who had hail damage on the roof?',
    });
    expect(answer.answer).toBe('Hail damaged the roof.');
    expect(answer.citations).toContain(note.ann);
    expect(answer.citations).not.toContain(note.bob);
    expect(answer.sources.map((s) => s.id)).not.toContain(note.bob);
    const chat = fake.requests.find((r) => r.path.startsWith('/v1/chat'))!;
    expect(chat.text).not.toContain('Acme');
    expect(chat.text).not.toContain(note.bob);
    actAs(null);
  });

  it('ask about one lead is recorded in ai_interactions; without a chat model the sources are the answer', async () => {
    fake.fallback = (req) => {
      const ids = [...req.text.matchAll(/id=([0-9a-f-]{36})/g)].map((m) => m[1]!);
      return { kind: 'answer', content: { answer: 'A quote for the roof.', citations: ids.slice(0, 1) } };
    };
    const scoped = await call<{ interaction_id: string; citations: string[] }>('ask', {
      question: 'What does she want for the roof?',
      lead_id: lead.ann,
    });
    expect(scoped.citations).toEqual([note.ann]);
    const row = app.db
      .prepare('SELECT type, lead_id, status FROM ai_interactions WHERE id = ?')
      .get(scoped.interaction_id);
    expect(row).toEqual({ type: 'chat', lead_id: lead.ann, status: 'ok' });

    await call('ai.settings.save', {
      remote: { name: 'Fake OpenAI', baseURL: fake.url, model: 'none' },
      embeddingModel: 'fake-embed',
      maxRetries: 0,
    });
    fake.requests.length = 0;
    const plain = await call<{ answer: string | null; sources: Array<{ id: string }> }>('ask', {
      question: 'roof hail',
      lead_id: lead.ann,
    });
    expect(plain.answer).toBeNull();
    expect(plain.sources.map((s) => s.id)).toContain(note.ann);
    expect(fake.requests.some((r) => r.path.startsWith('/v1/chat'))).toBe(false);
  });

  it('with no embedding model: off with the reason, nothing sent, keyword search still answers', async () => {
    await call('ai.settings.save', {
      remote: { name: 'Fake OpenAI', baseURL: fake.url, model: 'gpt-test' },
      embeddingModel: null,
    });
    fake.requests.length = 0;
    const status = await call<{ state: string; reason: string }>('semantic.status', {});
    expect(status.state).toBe('off');
    expect(status.reason).toMatch(/embedding model/);
    const found = await call<{ semantic: boolean; reason: string; results: Array<{ id: string }> }>('semantic.search', {
      text: 'Anders',
    });
    expect(found.semantic).toBe(false);
    expect(found.results.map((r) => r.id)).toContain(lead.ann);
    expect(fake.requests).toEqual([]);
  });
});
