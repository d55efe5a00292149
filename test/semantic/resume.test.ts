/**
 * `embed` killed with SIGKILL in the middle of indexing (a child process running the real CLI)
 * leaves whole records indexed; the next run finishes the rest without doubling a chunk or
 * re-embedding what was done.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openReplica } from '../../db/sqlite/open';
import { startFakeOpenAI, type FakeOpenAI } from '../ai/fake-openai';
import { makeReplica, plantLead, type Replica } from '../ai/fixtures';
import { chunkRows, semanticService } from './fixtures';

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

const embedInputs = () =>
  fake.requests.filter((r) => r.path.startsWith('/v1/embeddings')).flatMap((r) => [r.body.input ?? []].flat());

it('resumes after the indexing process is killed, without duplicates', { timeout: 60_000 }, async () => {
  const p = await plantLead(rep);
  for (let i = 0; i < 40; i++)
    await rep.writer.mutate('addNote', {
      lead_id: p.lead.id,
      body: `Call ${i}: talked about the renewal and option ${i}.`,
    });
  rep.db.pragma('wal_checkpoint(TRUNCATE)');
  fake.embedDelayMs = 150;
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'embed', '--db', rep.path], {
    env: {
      ...process.env,
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_EMBEDDING_MODEL: 'fake-embed',
      FIELDLINE_EMBED_BATCH: '4',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await expect.poll(() => embedInputs().length, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(16);
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  expect(stderr).toMatch(/embedded \d+ chunks/);
  fake.embedDelayMs = 0;

  const check = openReplica(rep.path);
  const partial = check.prepare('SELECT count(*) FROM semantic_chunks').pluck().get() as number;
  check.close();
  expect(partial).toBeGreaterThan(0);
  const sentBefore = embedInputs().length;

  const semantic = semanticService(rep, fake.url);
  await semantic.index();
  const rows = chunkRows(rep);
  expect(new Set(rows.map((r) => r.chunk_id)).size).toBe(rows.length);
  const perRecord = rep.db
    .prepare('SELECT source_table, source_id, ordinal, count(*) n FROM semantic_chunks GROUP BY 1, 2, 3 HAVING n > 1')
    .all();
  expect(perRecord).toEqual([]);
  // Every note is indexed, and the second run embedded only what the first had not committed.
  expect(rows.filter((r) => r.source_table === 'lead_notes').length).toBe(43);
  expect(embedInputs().length - sentBefore).toBeLessThanOrEqual(rows.length - partial + 4);
  expect(embedInputs().length - sentBefore).toBeLessThan(rows.length);
});
