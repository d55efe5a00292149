/** AI settings live in local_settings, never with the key; the key only travels per request. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadAiSettings, parseAiSettings, saveAiSettings } from '../../electron/main/ai/settings';
import { REDACTION_KINDS } from '../../shared/ai/redact';
import { AppError } from '../../shared/errors';
import { ANSWERS } from './answers';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai';
import { makeReplica, makeService, plantLead, type Replica } from './fixtures';

let rep: Replica;
beforeEach(() => {
  rep = makeReplica();
});
afterEach(() => rep.close());

describe('AI settings', () => {
  it('default to no provider, every redaction kind and a daily budget', () => {
    expect(loadAiSettings(rep.db)).toMatchObject({
      remote: null,
      local: null,
      preferLocal: false,
      redact: [...REDACTION_KINDS],
      dailyTokenBudget: 200_000,
    });
  });

  it('round-trip through local_settings, with defaults filled', () => {
    saveAiSettings(rep.db, {
      remote: {
        name: 'Azure',
        kind: 'azure',
        baseURL: 'https://acme.openai.azure.com/openai/v1/',
        model: 'gpt-4.1-mini',
      },
      local: { name: 'Ollama', kind: 'local', baseURL: 'http://127.0.0.1:11434/v1', model: 'llama3.1' },
      redact: ['ssn', 'card'],
    });
    expect(loadAiSettings(rep.db)).toMatchObject({
      remote: { name: 'Azure', temperature: null },
      local: { model: 'llama3.1' },
      redact: ['ssn', 'card'],
      timeoutMs: 60_000,
    });
    const row = rep.db.prepare(`SELECT value FROM local_settings WHERE key = 'ai_settings'`).get() as { value: string };
    expect(JSON.parse(row.value).remote.baseURL).toBe('https://acme.openai.azure.com/openai/v1/');
  });

  it('list the redacted kinds by name, each at most once, and say which entry is wrong', () => {
    expect(parseAiSettings({ redact: [] }).redact).toEqual([]);
    expect(parseAiSettings({ redact: ['phone', 'vin'] }).redact).toEqual(['phone', 'vin']);
    expect(() => parseAiSettings({ redact: ['ssn', 'names'] })).toThrow(/redact\[1\]/);
    expect(() => parseAiSettings({ redact: ['ssn', 'ssn'] })).toThrow(/more than once/);
    expect(() => parseAiSettings({ redact: 'ssn' })).toThrow(/redact/);
  });

  it('turn on kinds added since they were saved, but keep a kind the person turned off', () => {
    // saved by a version that knew five kinds, with dates of birth and bank numbers off
    rep.db
      .prepare(`INSERT INTO local_settings (key, value, updated_at) VALUES ('ai_settings', ?, ?)`)
      .run(JSON.stringify({ redact: ['ssn', 'license', 'card'], dailyTokenBudget: 9000 }), new Date().toISOString());
    expect(loadAiSettings(rep.db)).toMatchObject({
      redact: ['ssn', 'license', 'card', 'passport', 'mrn', 'vin', 'phone', 'email', 'address'],
      dailyTokenBudget: 9000,
    });
    // saved now with phone numbers off: they stay off
    saveAiSettings(rep.db, { redact: REDACTION_KINDS.filter((k) => k !== 'phone') });
    expect(loadAiSettings(rep.db).redact).not.toContain('phone');
    expect(loadAiSettings(rep.db).redact).toHaveLength(REDACTION_KINDS.length - 1);
  });

  it('refuse an API key anywhere in them, and anything unknown', () => {
    const remote = { name: 'OpenAI', baseURL: 'https://api.openai.com/v1', model: 'gpt-4.1-mini' };
    for (const input of [
      { apiKey: 'sk-x' },
      { remote: { ...remote, apiKey: 'sk-x' } },
      { remote: { ...remote, key: 'sk-x' } },
      { remote: { ...remote, client_secret: 'x' } },
    ]) {
      expect(() => saveAiSettings(rep.db, input as never)).toThrow(/kept in the system keychain/);
    }
    expect(() => parseAiSettings({ remote, colour: 'red' })).toThrow(AppError);
    expect(() => parseAiSettings({ remote: { ...remote, baseURL: 'not a url' } })).toThrow(/remote.baseURL/);
    expect(rep.db.prepare(`SELECT COUNT(*) AS n FROM local_settings WHERE key = 'ai_settings'`).get()).toEqual({
      n: 0,
    });
  });
});

describe('the API key', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());

  it('is asked for per request with the provider, sent as a bearer token, and stored nowhere', async () => {
    const { lead } = await plantLead(rep);
    const asked: string[] = [];
    const ai = makeService(
      rep,
      fake.url,
      {},
      { getApiKey: async (p) => (asked.push(p.name), 'sk-live-0123456789abcdef') },
    );
    fake.enqueue({ kind: 'answer', content: ANSWERS.summary });
    await ai.summarize({ lead_id: lead.id });
    expect(asked).toEqual(['Fake OpenAI']);
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer sk-live-0123456789abcdef');
    rep.db.pragma('wal_checkpoint(TRUNCATE)');
    const dump = JSON.stringify(
      ['local_settings', 'ai_interactions', 'outbox'].map((t) => rep.db.prepare(`SELECT * FROM ${t}`).all()),
    );
    expect(dump).not.toContain('sk-live');
  });

  it('goes in the api-key header for Azure', async () => {
    const { lead } = await plantLead(rep);
    const ai = makeService(rep, fake.url, {
      remote: { name: 'Azure', kind: 'azure', baseURL: fake.url, model: 'gpt-4.1-mini' },
    });
    fake.enqueue({ kind: 'answer', content: ANSWERS.risk });
    await ai.assessRisk({ lead_id: lead.id });
    expect(fake.requests.at(-1)!.headers['api-key']).toBe('sk-test-secret');
  });
});
