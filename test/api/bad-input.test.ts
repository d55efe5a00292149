/**
 * Every command of the API, fed bad input: each answer is a Result with a clear error (never a
 * throw, never 'internal'), and the replica — every table's row count, the outbox — is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES, type CommandName } from '../../shared/api/contract';
import type { ErrorCode } from '../../shared/errors';
import { MUTATION_NAMES } from '../../shared/mutations/registry';
import { createLead, fingerprint, mutate, STATUS, useApp } from '../queries/support';
import { BIG, type Case, type CaseIds, FTS } from './bad-input/case';
import { importCases } from './bad-input/import-cases';
import { mutateCases } from './bad-input/mutate-cases';
import { recordCases } from './bad-input/record-cases';
import { serviceCases } from './bad-input/service-cases';

const ctx = useApp();
const ids: CaseIds = { lead: '', converted: '', client: '', lost: '' };
const errorLog = vi.spyOn(console, 'error');

beforeAll(async () => {
  const app = ctx.app;
  ids.lead = (await createLead(app, { last_name: 'Valid' })).id;
  await mutate(app, 'addNote', { lead_id: ids.lead, body: 'a note' });
  ids.converted = (await createLead(app, { last_name: 'Converted' })).id;
  ids.client = (await mutate(app, 'convertLead', { lead_id: ids.converted })).client_id;
  ids.lost = (await createLead(app, { last_name: 'Lost' })).id;
  await mutate(app, 'changeLeadStatus', { lead_id: ids.lost, status_id: STATUS.lost });
});
afterAll(() => errorLog.mockRestore());

/** Wrong shapes any command refuses. */
const ANY: Case[] = [
  [[], 'expected object'],
  ['leads', 'expected object'],
  [42, 'expected object'],
  [true],
  [[{}]],
  [BIG, 'too large'],
  [{ filler: BIG }, 'too large'],
];

/** Per command: typed against the contract, so a new command must bring its own cases. */
const CASES = (): Record<CommandName, Case[]> => ({
  ...recordCases(ids),
  ...importCases(),
  ...serviceCases(),
  ...mutateCases(ids),
});

/** Dispatches, and checks the answer is a clear error and the replica did not change. */
async function expectRefused(command: unknown, input: unknown, says?: string, code?: ErrorCode) {
  const before = fingerprint(ctx.app);
  let shown: string;
  try {
    shown = JSON.stringify(input) ?? String(input);
  } catch {
    shown = '(not JSON)';
  }
  const label = `${typeof command === 'string' ? command.slice(0, 40) : typeof command} ${shown.slice(0, 120)}`;
  const result = (await ctx.app.dispatch(command, input)) as { ok: boolean; error?: { code: string; message: string } };
  expect(result.ok, label).toBe(false);
  const { code: got, message } = result.error!;
  expect(got, `${label}: ${message}`).not.toBe('internal');
  if (code) expect(got, `${label}: ${message}`).toBe(code);
  expect(typeof message, label).toBe('string');
  expect(message.length, label).toBeGreaterThan(5);
  expect(message.length, `${label}: ${message}`).toBeLessThanOrEqual(300);
  expect(message, label).not.toMatch(/\n|SQLITE|something went wrong|\bat .*\.ts:\d+/);
  if (says) expect(message, label).toContain(says);
  expect(fingerprint(ctx.app), `${label} changed the replica`).toEqual(before);
}

describe('bad input to every command', () => {
  it('every command has its own cases', () => {
    expect(Object.keys(CASES()).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  for (const command of COMMAND_NAMES) {
    it(`${command}: refuses bad input with a clear error and changes nothing`, async () => {
      for (const [input, says, code] of [...ANY, ...CASES()[command]]) await expectRefused(command, input, says, code);
    });
  }

  it('mutate: every named mutation refuses empty, array and string args', async () => {
    for (const name of MUTATION_NAMES) {
      for (const args of [{}, [], 'x', 0]) await expectRefused('mutate', { name, args }, undefined, 'invalid_input');
    }
  });

  it('unknown command names', async () => {
    const names: unknown[] = [
      '',
      'leads',
      'leads.delete',
      'LEADS.LIST',
      ' leads.list',
      'mutate ',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
    ];
    for (const name of [
      ...names,
      BIG,
      FTS,
      null,
      undefined,
      42,
      {},
      [],
      ['leads.list'],
      Object.create(null),
      Symbol('mutate'),
    ]) {
      await expectRefused(name, {}, 'unknown command', 'invalid_input');
    }
  });

  it('inputs that are not plain data', async () => {
    const cyclic: Record<string, unknown> = { text: 'a' };
    cyclic.self = cyclic;
    await expectRefused('search.global', cyclic, 'JSON', 'invalid_input');
    await expectRefused('leads.list', { limit: 10n }, 'JSON', 'invalid_input');
  });

  it('nothing was logged as a crash and no prototype was polluted', () => {
    expect(errorLog).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).id).toBeUndefined();
    expect(({} as Record<string, unknown>).name).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});

describe('hostile but valid text', () => {
  it('FTS operators in text fields are plain text: an answer, not an error, and no change', async () => {
    const before = fingerprint(ctx.app);
    for (const text of [FTS, '"', '*', 'NEAR(', 'OR', '-', 'AND', ':', '^', '(((', '"unbalanced', '']) {
      for (const command of [
        'leads.list',
        'leads.kanban',
        'clients.list',
        'contacts.list',
        'tickets.list',
        'campaigns.list',
        'search.global',
      ] as const) {
        expect(await ctx.app.dispatch(command, { text }), `${command} ${text}`).toMatchObject({ ok: true });
      }
    }
    expect(fingerprint(ctx.app)).toEqual(before);
  });

  it('null means no input for commands whose fields are all optional', async () => {
    for (const command of [
      'lookups.get',
      'leads.list',
      'leads.kanban',
      'clients.list',
      'today.list',
      'dashboard.get',
    ] as const) {
      expect(await ctx.app.dispatch(command, null), command).toMatchObject({ ok: true });
    }
  });
});
