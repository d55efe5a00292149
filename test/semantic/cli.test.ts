/** The CLI's embed, search --semantic and ask, as a script runs them (child processes, real SDK, loopback server). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../ai/fake-openai';
import { makeReplica, plantLead, type Replica } from '../ai/fixtures';

const run = promisify(execFile);
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

const cli = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    env: {
      ...process.env,
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_EMBEDDING_MODEL: 'fake-embed',
      ...env,
    },
  });

it('embeds with progress on stderr, searches semantically and asks with citations', { timeout: 60_000 }, async () => {
  const p = await plantLead(rep);
  rep.db.pragma('wal_checkpoint(TRUNCATE)');
  const embed = await cli(['embed', '--db', rep.path]);
  expect(embed.stderr).toMatch(/embedded \d+ chunks, \d+\/s, 0 records left/);
  expect(JSON.parse(embed.stdout)).toMatchObject({ state: 'idle', model: 'fake-embed' });

  const search = JSON.parse((await cli(['search', '--db', rep.path, 'refund the double charge', '--semantic'])).stdout);
  expect(search.semantic).toBe(true);
  expect(search.results[0]).toMatchObject({ kind: 'ticket', id: p.ticket.id });

  // No generation model: the retrieved records alone.
  const sourcesOnly = JSON.parse((await cli(['ask', '--db', rep.path, '--lead', p.lead.id, 'charged twice?'])).stdout);
  expect(sourcesOnly.answer).toBeNull();
  expect(sourcesOnly.sources.map((s: { id: string }) => s.id)).toContain(p.ticket.id);

  fake.fallback = () => ({ kind: 'answer', content: { answer: 'Yes, on her card.', citations: [p.ticket.id] } });
  const answered = JSON.parse(
    (await cli(['ask', '--db', rep.path, '--lead', p.lead.id, 'charged twice?'], { OPENAI_MODEL: 'gpt-test' })).stdout,
  );
  expect(answered).toMatchObject({ answer: 'Yes, on her card.', citations: [p.ticket.id], dropped: [] });
});
