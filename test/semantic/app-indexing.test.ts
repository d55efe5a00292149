/**
 * The semantic index as the app runs it (openApp with `semanticIndex`): it starts by itself,
 * follows the change feed (a new note is embedded without anyone asking), names its progress in
 * the feed (`semantic_index`, which semantic.status reads), re-embeds everything when the
 * embedding model changes, and after a restart embeds nothing that is already indexed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApp, type FieldlineApp } from '../../electron/main/app';
import { WorkerIndexer } from '../../electron/main/semantic/index-host';
import type { SemanticStatus } from '../../shared/api/semantic';
import { startFakeOpenAI, type FakeOpenAI } from '../ai/fake-openai';
import { INS } from '../ai/fixtures';
import { dispatchOk } from './two-teams';

let fake: FakeOpenAI;
let dir: string;
let file: string;
let app: FieldlineApp;

const call = <T>(command: string, input: unknown) => dispatchOk<T>(app, command, input);

/** Resolves once semantic.status satisfies `ok`, re-checked at each `semantic_index` event of the feed. */
function until(ok: (s: SemanticStatus) => boolean, what: string): Promise<SemanticStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out waiting for: ${what}`));
    }, 15_000);
    const check = () =>
      void call<SemanticStatus>('semantic.status', {}).then((s) => {
        if (!ok(s)) return;
        clearTimeout(timer);
        stop();
        resolve(s);
      }, reject);
    const stop = app.changes.subscribe((e) => {
      if (e.tables.includes('semantic_index')) check();
    });
    check();
  });
}

const embedRequests = () => fake.requests.filter((r) => r.path.startsWith('/v1/embeddings')).length;
const chunksOf = (model: string) =>
  app.db.prepare('SELECT count(*) FROM semantic_chunks WHERE model = ?').pluck().get(model) as number;

const settings = (embeddingModel: string) => ({
  remote: { name: 'Fake OpenAI', baseURL: fake.url, model: 'gpt-test' },
  embeddingModel,
  backoffMs: 5,
  timeoutMs: 3000,
  maxRetries: 0,
});

beforeAll(async () => {
  fake = await startFakeOpenAI();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldline-semantic-app-'));
  file = path.join(dir, 'replica.db');
  app = openApp(file, { semanticIndex: true });
});

afterAll(async () => {
  app.close();
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('indexes by itself, follows new notes, re-embeds on a new model and resumes after a restart', async () => {
  const { result } = await app.writer.mutate('createLead', { last_name: 'Rivera', insurance_type_id: INS.home });
  const leadId = (result as { id: string }).id;
  await app.writer.mutate('addNote', { lead_id: leadId, body: 'Hail broke the shingles on the roof.' });
  // Off until a model is set, and nothing was sent.
  expect((await call<SemanticStatus>('semantic.status', {})).state).toBe('off');
  expect(embedRequests()).toBe(0);

  // As the desktop app runs it: in a worker thread on its own connection (index-host.ts), not in the main process.
  expect(app.semantic.indexer).toBeInstanceOf(WorkerIndexer);
  await call('ai.settings.save', settings('fake-embed'));
  const first = await until((s) => s.state === 'idle' && s.chunks >= 1, 'the first note embedded');
  expect(first.model).toBe('fake-embed');

  // A note added later is embedded from the change feed alone.
  const before = first.chunks;
  await app.writer.mutate('addNote', { lead_id: leadId, body: 'Flood in the basement soaked the carpet.' });
  await until((s) => s.state === 'idle' && s.chunks === before + 1, 'the new note embedded from the feed');

  // Another embedding model: everything is embedded again with it, and the old vectors go.
  await call('ai.settings.save', settings('fake-embed-2'));
  const second = await until(
    (s) => s.model === 'fake-embed-2' && s.state === 'idle' && s.chunks === before + 1,
    'everything re-embedded with the new model',
  );
  expect(second.chunks).toBe(before + 1);
  await until(() => chunksOf('fake-embed') === 0, 'the old model’s chunks removed');

  // A restart: the index is in the file; the first pass finds nothing new to embed.
  app.close();
  const sent = embedRequests();
  app = openApp(file, { semanticIndex: true });
  const reopened = await new Promise<SemanticStatus>((resolve) => {
    const stop = app.changes.subscribe((e) => {
      if (!e.tables.includes('semantic_index')) return;
      stop();
      void call<SemanticStatus>('semantic.status', {}).then(resolve);
    });
  });
  expect(reopened).toMatchObject({ state: 'idle', model: 'fake-embed-2', chunks: before + 1 });
  expect(embedRequests()).toBe(sent);
}, 60_000);
