/**
 * Every command of the API, fed bad input: each answer is a Result with a clear error (never a
 * throw, never 'internal'), and the replica — every table's row count, the outbox — is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES, type CommandName } from '../../shared/api/contract';
import type { ErrorCode } from '../../shared/errors';
import { MUTATION_NAMES } from '../../shared/mutations/registry';
import { COMM, createLead, fingerprint, INS, mutate, newId, STATUS, useApp } from '../queries/support';

const ctx = useApp();
const BIG = 'x'.repeat(1024 * 1024);
const UNKNOWN = newId();
const FTS = 'NEAR( "x OR y* -z AND a:b ^c (';
const ids = { lead: '', converted: '', client: '', lost: '' };
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

/** An input, and what the error must say (a substring of the message) and its code. */
type Case = [input: unknown, says?: string, code?: ErrorCode];
const m = (name: string, args: unknown, says?: string, code?: ErrorCode): Case => [{ name, args }, says, code];
const proto = (json: string) => JSON.parse(json) as unknown;

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
  'lookups.get': [[{ x: 1 }, 'x'], [{ __proto__: null, constructor: 1 }]],
  'leads.list': [
    [{ limit: 0 }, 'limit'],
    [{ limit: 501 }, 'limit'],
    [{ limit: '10' }, 'limit'],
    [{ limit: 2.5 }, 'limit'],
    [{ limit: null }, 'limit'],
    [{ limit: Number.NaN }, 'limit'],
    [{ sort: 'password' }, 'sort'],
    [{ sort: 'id; DROP TABLE leads' }, 'sort'],
    [{ dir: 'sideways' }, 'dir'],
    [{ status_ids: 'x' }, 'status_ids'],
    [{ status_ids: ['nope'] }, 'status_ids[0]'],
    [{ status_ids: Array(51).fill(UNKNOWN) }, 'status_ids'],
    [{ insurance_type_ids: [42] }, 'insurance_type_ids[0]'],
    [{ owner_ids: [null] }, 'owner_ids[0]'],
    [{ tags: [''] }, 'tags[0]'],
    [{ tags: ['x'.repeat(41)] }, 'tags[0]'],
    [{ tags: Array(11).fill('a') }, 'tags'],
    [{ custom_fields: { 'bad"key': 1 } }, 'custom_fields'],
    [{ custom_fields: { a: { nested: 1 } } }, 'custom_fields.a'],
    [{ custom_fields: { a: null } }, 'custom_fields.a'],
    [{ custom_fields: [] }, 'custom_fields'],
    [{ vehicle_make: '' }, 'vehicle_make'],
    [{ vehicle_make: 7 }, 'vehicle_make'],
    [{ text: 'x'.repeat(201) }, 'text'],
    [{ text: `${FTS}${'x'.repeat(200)}` }, 'text'],
    [{ text: ['a'] }, 'text'],
    [{ include_converted: 'yes' }, 'include_converted'],
    [{ after: { v: 'x', id: 'not-a-uuid', nulls: false } }, 'after.id'],
    [{ after: { v: {}, id: UNKNOWN, nulls: false } }, 'after.v'],
    [{ after: { v: 'x'.repeat(201), id: UNKNOWN, nulls: false } }, 'after.v'],
    [{ after: 'cursor' }, 'after'],
    [{ after: { v: 1, id: UNKNOWN } }, 'after.nulls'],
  ],
  'leads.kanban': [
    [{ text: 5 }, 'text'],
    [{ status_ids: [1] }, 'status_ids[0]'],
    [{ tags: 'vip' }, 'tags'],
    [{ custom_fields: { '$.x': 1 } }, 'custom_fields'],
    [{ include_converted: 1 }, 'include_converted'],
    [{ text: `${FTS}${'y'.repeat(200)}` }, 'text'],
  ],
  'leads.get': [
    [null, 'id'],
    [{}, 'id'],
    [{ id: 'nope' }, 'id'],
    [{ id: 42 }, 'id'],
    [{ id: ['x'] }, 'id'],
    [{ id: BIG }, 'too large'],
    [{ id: FTS }, 'id'],
    [{ id: UNKNOWN }, UNKNOWN, 'not_found'],
    [{ id: ids.client }, ids.client, 'not_found'],
    [proto(`{"__proto__": {"id": "${ids.lead}"}}`), 'id'],
    [proto(`{"constructor": {"prototype": {"id": "${ids.lead}"}}}`), 'id'],
  ],
  'clients.get': [
    [null, 'id'],
    [{}, 'id'],
    [{ id: 'nope' }, 'id'],
    [{ id: UNKNOWN }, UNKNOWN, 'not_found'],
    [{ id: ids.lead }, ids.lead, 'not_found'],
    [{ id: ids.converted }, ids.converted, 'not_found'],
    [proto(`{"__proto__": {"id": "${ids.client}"}}`), 'id'],
  ],
  'clients.list': [
    [{ limit: -1 }, 'limit'],
    [{ offset: -1 }, 'offset'],
    [{ offset: 1e7 }, 'offset'],
    [{ text: 'x'.repeat(201) }, 'text'],
    [{ text: ['a'] }, 'text'],
  ],
  'contacts.list': [
    [{ limit: 0 }, 'limit'],
    [{ offset: 'next' }, 'offset'],
    [{ text: null }, 'text'],
    [{ text: { $ne: 1 } }, 'text'],
  ],
  'tickets.list': [
    [{ status: 'deleted' }, 'status'],
    [{ status: 'OPEN' }, 'status'],
    [{ text: 1 }, 'text'],
    [{ limit: 1000 }, 'limit'],
  ],
  'tickets.get': [
    [{}, 'id'],
    [{ id: 'nope' }, 'id'],
    [{ id: UNKNOWN }, UNKNOWN, 'not_found'],
    [{ id: ids.lead }, ids.lead, 'not_found'],
  ],
  'campaigns.get': [
    [{}, 'id'],
    [{ id: FTS }, 'id'],
    [{ id: UNKNOWN }, UNKNOWN, 'not_found'],
  ],
  'trash.list': [
    [{ limit: 0 }, 'limit'],
    [{ limit: 501 }, 'limit'],
    [{ limit: 'all' }, 'limit'],
  ],
  'campaigns.list': [
    [{ limit: 1.5 }, 'limit'],
    [{ text: 'x'.repeat(201) }, 'text'],
    [{ offset: null }, 'offset'],
  ],
  'tasks.list': [
    [{ scope: 'everyone' }, 'scope'],
    [{ status: 'deleted' }, 'status'],
    [{ limit: 0 }, 'limit'],
    [{ limit: '5' }, 'limit'],
  ],
  'tasks.today': [
    [{}, 'until'],
    [{ until: 'tonight' }, 'until'],
    [{ until: '2025-01-01T00:00:00Z', ahead_days: 61 }, 'ahead_days'],
    [{ until: '2025-01-01T00:00:00Z', scope: FTS }, 'scope'],
  ],
  'tasks.reminders': [
    [{}, 'since'],
    [{ since: 'yesterday' }, 'since'],
  ],
  'history.list': [
    [{}, 'lead_id'],
    [{ lead_id: 'x' }, 'lead_id'],
    [{ lead_id: UNKNOWN, client_id: UNKNOWN }, 'lead_id'],
  ],
  'today.list': [
    [{ owner_id: 'me' }, 'owner_id'],
    [{ until: 'tomorrow' }, 'until'],
    [{ until: '2025-13-45T00:00:00Z' }, 'until'],
    [{ until: 12345 }, 'until'],
    [{ limit: 0 }, 'limit'],
    [{ owner_id: FTS }, 'owner_id'],
  ],
  'duplicates.check': [
    [{}, 'kind'],
    [{ kind: 'contacts' }, 'kind'],
    [{ kind: 'leads', email: 5 }, 'email'],
    [{ kind: 'leads', last_name: 'x'.repeat(121) }, 'last_name'],
    [{ kind: 'clients', limit: 21 }, 'limit'],
    [{ kind: 'clients', postal_code: 'x'.repeat(11) }, 'postal_code'],
  ],
  'duplicates.list': [
    [{}, 'kind'],
    [{ kind: 'policies' }, 'kind'],
    [{ kind: 'leads', limit: 0 }, 'limit'],
    [{ kind: 'leads', limit: 501 }, 'limit'],
  ],
  'duplicates.scan': [
    [{}, 'kind'],
    [{ kind: 'tickets' }, 'kind'],
    [{ kind: 'leads', full: 'yes' }, 'full'],
  ],
  'duplicates.dismiss': [
    [{ kind: 'leads' }, 'a'],
    [{ kind: 'leads', a: 'x', b: UNKNOWN }, 'a'],
    [{ kind: 'leads', a: UNKNOWN, b: UNKNOWN }, 'b'],
    [{ kind: 'users', a: UNKNOWN, b: UNKNOWN }, 'kind'],
  ],
  'merge.preview': [
    [{ kind: 'clients' }, 'survivor_id'],
    [{ kind: 'clients', survivor_id: 'x', merged_id: UNKNOWN }, 'survivor_id'],
    [{ kind: 'clients', survivor_id: UNKNOWN, merged_id: UNKNOWN }, 'merged_id'],
    [{ kind: 'clients', survivor_id: UNKNOWN, merged_id: newId() }, UNKNOWN, 'not_found'],
  ],
  'imports.upload': [
    [{ name: 'a.csv', offset: 0, last: true }, 'data'],
    [{ name: 'a.exe', offset: 0, data: 'YQ==', last: true }, 'name'],
    [{ name: 'a.csv', offset: -1, data: 'YQ==', last: true }, 'offset'],
    [{ name: 'a.csv', offset: 0, data: 'not base64!', last: true }, 'data'],
    [{ upload_id: UNKNOWN, name: 'a.csv', offset: 0, data: 'YQ==', last: true }, 'upload', 'not_found'],
  ],
  'imports.inspect': [
    [{ kind: 'leads' }, 'upload_id'],
    [{ upload_id: UNKNOWN, kind: 'planets' }, 'kind'],
    [{ upload_id: UNKNOWN, kind: 'leads' }, 'upload', 'not_found'],
  ],
  'imports.preview': [
    [{ upload_id: UNKNOWN, kind: 'leads' }, 'mapping'],
    [{ upload_id: UNKNOWN, kind: 'leads', mapping: { columns: [] }, limit: 51 }, 'limit'],
    [{ upload_id: UNKNOWN, kind: 'leads', mapping: { columns: [], dateOrder: 'XYZ' } }, 'dateOrder'],
  ],
  'imports.start': [
    [{ upload_id: UNKNOWN, kind: 'leads', mapping: { columns: [] }, on_duplicate: 'merge' }, 'on_duplicate'],
    [{ upload_id: UNKNOWN, kind: 'leads', mapping: { columns: [] } }, 'upload', 'not_found'],
  ],
  'imports.run': [
    [{}, 'run_id'],
    [{ run_id: UNKNOWN }, 'run', 'not_found'],
  ],
  'imports.cancel': [
    [{ run_id: 'x' }, 'run_id'],
    [{ run_id: UNKNOWN }, 'run', 'not_found'],
  ],
  'imports.issues': [
    [{ run_id: UNKNOWN, limit: 0 }, 'limit'],
    [{ run_id: UNKNOWN }, 'run', 'not_found'],
  ],
  'imports.report': [
    [{ run_id: 5 }, 'run_id'],
    [{ run_id: UNKNOWN }, 'run', 'not_found'],
  ],
  'imports.undo': [
    [{}, 'run_id'],
    [{ run_id: UNKNOWN }, 'run', 'not_found'],
  ],
  'imports.list': [[{ x: 1 }, 'x']],
  'imports.open': [
    [{}, 'import_id'],
    [{ import_id: UNKNOWN }, 'import', 'not_found'],
  ],
  'imports.resume': [
    [{ run_id: 1 }, 'run_id'],
    [{ run_id: UNKNOWN }, 'run', 'not_found'],
  ],
  'imports.mappings': [[{ kind: 'planets' }, 'kind']],
  'imports.saveMapping': [
    [{ name: '', kind: 'leads', mapping: { columns: ['email'] } }, 'name'],
    [{ name: 'x', kind: 'leads', mapping: { columns: 'email' } }, 'columns'],
  ],
  'exports.create': [
    [{ kind: 'planets', format: 'csv' }, 'kind'],
    [{ kind: 'leads', format: 'pdf' }, 'format'],
    [{ kind: 'leads', format: 'csv', leads: { sort: 'password' } }, 'sort'],
  ],
  'search.global': [
    [null, 'text'],
    [{}, 'text'],
    [{ text: 5 }, 'text'],
    [{ text: null }, 'text'],
    [{ text: 'x'.repeat(501) }, 'text'],
    [{ text: 'a', limit: 0 }, 'limit'],
    [{ text: 'a', limit: 101 }, 'limit'],
    [{ text: [FTS] }, 'text'],
    [proto('{"__proto__": {"text": "valid"}}'), 'text'],
  ],
  'policies.list': [
    [{ limit: 0 }, 'limit'],
    [{ status: 'lapsed' }, 'status'],
    [{ client_id: 'nope' }, 'client_id'],
  ],
  'policies.get': [
    [{ id: 'nope' }, 'id'],
    [{ id: UNKNOWN }, UNKNOWN, 'not_found'],
  ],
  'policies.renewals': [
    [{ days: 0 }, 'days'],
    [{ days: 731 }, 'days'],
    [{ days: '60' }, 'days'],
    [{ carrier_id: 'x' }, 'carrier_id'],
    [{ after: { date: '2025-13-01', id: UNKNOWN } }, 'after.date'],
  ],
  'policies.xdates': [
    [{ days: -1 }, 'days'],
    [{ owner_id: 7 }, 'owner_id'],
  ],
  'clients.book': [
    [{}, 'id'],
    [{ id: UNKNOWN }, UNKNOWN, 'not_found'],
  ],
  'today.book': [
    [{ scope: 'everyone' }, 'scope'],
    [{ limit: 0 }, 'limit'],
    [{ limit: 51 }, 'limit'],
  ],
  'dashboard.book': [
    [{ months: 0 }, 'months'],
    [{ months: 37 }, 'months'],
    [{ months: '12' }, 'months'],
  ],
  'book.settings.get': [[{ x: 1 }, 'x']],
  'book.settings.save': [
    [{ renewal_lead_days: -1 }, 'renewal_lead_days'],
    [{ renewal_lead_days: 1.5 }, 'renewal_lead_days'],
    [{ xdate_window_days: 181 }, 'xdate_window_days'],
    [{ xdate_window_days: '45' }, 'xdate_window_days'],
    [{ renewal_lead_days: 30, extra: true }, 'extra'],
  ],
  'dashboard.get': [
    [{ from: 'last week' }, 'from'],
    [{ to: '2025-01-01' }, 'to'],
    [{ weeks: 0 }, 'weeks'],
    [{ weeks: 105 }, 'weeks'],
    [{ weeks: '4' }, 'weeks'],
  ],
  'sync.status': [[{ x: 1 }, 'x']],
  'sync.signIn': [
    [{}, 'server'],
    [{ server: 'not a url', email: 'a@b.c', password: 'x' }, 'server'],
    [{ server: 'http://127.0.0.1:1', email: '', password: 'x' }, 'email'],
    [{ server: 'http://127.0.0.1:1', email: 'a@b.c', password: BIG }, 'too large'],
  ],
  'sync.signOut': [[{ now: true }, 'now']],
  'demo.status': [[{ x: 1 }, 'x']],
  'demo.load': [[{ leads: 10 }, 'leads']],
  'demo.clear': [[{ keep: true }, 'keep']],
  'conflicts.list': [[{ all: true }, 'all']],
  'conflicts.resolve': [
    [{}, 'id'],
    [{ id: 'nope', action: 'dismiss' }, 'id'],
    [{ id: UNKNOWN, action: 'explode' }, 'action'],
    [{ id: UNKNOWN, action: 'dismiss' }, UNKNOWN, 'not_found'],
    [{ id: BIG, action: 'dismiss' }, 'too large'],
  ],
  'ai.run': [
    [{}, 'task'],
    [{ task: 'poem', lead_id: UNKNOWN }, 'task'],
    [{ task: 'summary' }, 'lead_id'],
    [{ task: 'summary', lead_id: 'x' }, 'lead_id'],
    [{ task: 'draft', lead_id: UNKNOWN, channel: 'fax' }, 'channel'],
    [{ task: 'summary', lead_id: UNKNOWN, purpose: BIG }, 'too large'],
    [{ task: 'summary', lead_id: UNKNOWN, request_id: 'job-1' }, 'request_id'],
  ],
  'ai.cancel': [
    [{}, 'request_id'],
    [{ request_id: 'x' }, 'request_id'],
    [{ request_id: 42 }, 'request_id'],
    [{ request_id: FTS }, 'request_id'],
  ],
  'ai.settings.get': [[{ key: 'sk-live' }, 'key']],
  'score.lead': [
    [{}, 'lead_id'],
    [{ lead_id: '' }, 'lead_id'],
    [{ lead_id: 42 }, 'lead_id'],
  ],
  'score.policy': [
    [{}, 'policy_id'],
    [{ policy_id: '' }, 'policy_id'],
    [{ policy_id: 7 }, 'policy_id'],
  ],
  'score.train': [[{ force: true }, 'force']],
  'semantic.status': [[{ model: 'x' }, 'model']],
  'semantic.search': [
    [{}, 'text'],
    [{ text: 42 }, 'text'],
    [{ text: 'x', limit: 0 }, 'limit'],
    [{ text: 'x', semantic: true }, 'semantic'],
  ],
  'semantic.similar': [
    [{}, 'lead_id'],
    [{ lead_id: 'x' }, 'lead_id'],
    [{ lead_id: UNKNOWN, client_id: UNKNOWN }, 'lead_id'],
    [{ policy_id: 42 }, 'policy_id'],
    [{ lead_id: UNKNOWN }, UNKNOWN, 'not_found'],
  ],
  ask: [
    [{}, 'question'],
    [{ question: '   ' }, 'question'],
    [{ question: BIG }, 'too large'],
    [{ question: 'why?', lead_id: 'x' }, 'lead_id'],
    [{ question: 'why?', lead_id: UNKNOWN, policy_id: UNKNOWN }, 'lead_id'],
    [{ question: 'why?', client_id: UNKNOWN }, UNKNOWN, 'not_found'],
  ],
  'ai.settings.save': [
    [[], 'expected'],
    [{ apiKey: 'sk-live' }],
    [{ dailyTokenBudget: -5 }],
    [{ remote: { baseURL: 'not a url' } }],
  ],
  mutate: [
    [null, 'name'],
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: 42 }, 'name'],
    [{ name: ['createLead'] }, 'name'],
    [{ name: BIG }, 'too large'],
    [{ name: 'x'.repeat(61) }, 'name'],
    m('dropDatabase', {}, 'unknown mutation'),
    m('__proto__', {}, 'unknown mutation'),
    m('constructor', {}, 'unknown mutation'),
    m('toString', {}, 'unknown mutation'),
    m('hasOwnProperty', {}, 'unknown mutation'),
    m(FTS, {}, 'unknown mutation'),
    [proto('{"__proto__": {"name": "createLead"}, "args": {}}'), 'name'],
    m('createLead', null, 'insurance_type_id'),
    m('createLead', {}, 'insurance_type_id'),
    m('createLead', [], 'expected object'),
    m('createLead', { last_name: 'X', insurance_type_id: UNKNOWN }, UNKNOWN, 'not_found'),
    m('createLead', { insurance_type_id: INS.auto }, 'last_name'),
    m('createLead', { last_name: 'x'.repeat(121), insurance_type_id: INS.auto }, 'last_name'),
    m('createLead', { last_name: 'x'.repeat(100_000), insurance_type_id: INS.auto }, 'last_name'),
    m('createLead', { last_name: BIG, insurance_type_id: INS.auto }, 'too large'),
    m('createLead', { last_name: 'X', insurance_type_id: INS.auto, metadata: { note: BIG } }, 'too large'),
    m('createLead', { last_name: 'X', insurance_type_id: INS.auto, email: 'not-an-email' }, 'email'),
    m('createLead', { last_name: 'X', insurance_type_id: INS.auto, tags: 'vip' }, 'tags'),
    m(
      'createLead',
      proto(`{"__proto__": {"insurance_type_id": "${INS.auto}"}, "last_name": "X"}`),
      undefined,
      'invalid_input',
    ),
    m('createLead', { id: ids.lead, last_name: 'X', insurance_type_id: INS.auto }, ids.lead, 'conflict'),
    m('createLead', { last_name: 'X', insurance_type_id: INS.auto, owner_id: UNKNOWN }, UNKNOWN, 'not_found'),
    m(
      'createLead',
      {
        last_name: 'X',
        insurance_type_id: INS.auto,
        coverage: [{ column: 'auto_data', version: 1, doc: { vehicles: 'x' } }],
      },
      'auto_data',
    ),
    m('createLead', { last_name: FTS, insurance_type_id: INS.auto, priority: 0 }, 'priority'),
    m('updateLead', { id: UNKNOWN, patch: { last_name: 'Y' } }, UNKNOWN, 'not_found'),
    m('updateLead', { id: ids.lead, patch: {} }, 'patch is empty'),
    m('updateLead', { id: ids.lead, patch: { priority: 9 } }, 'patch.priority'),
    m('updateLead', { id: ids.converted, patch: { insurance_type_id: INS.home } }, 'type', 'precondition_failed'),
    m('addNote', { lead_id: UNKNOWN, body: FTS }, UNKNOWN, 'not_found'),
    m('addNote', { lead_id: ids.lead, client_id: ids.client, body: 'x' }, 'lead_id'),
    m('addNote', { body: 'x' }, 'lead_id'),
    m('addNote', { lead_id: ids.lead, body: '   ' }, 'body'),
    m('addNote', { lead_id: ids.lead, body: 'x'.repeat(20_001) }, 'body'),
    m('addNote', { lead_id: ids.lead, body: 5 }, 'body'),
    m('addNote', { client_id: UNKNOWN, body: 'x' }, UNKNOWN, 'not_found'),
    m('logCommunication', { lead_id: ids.lead, communication_type_id: UNKNOWN }, UNKNOWN, 'not_found'),
    m('logCommunication', { lead_id: ids.lead, communication_type_id: COMM.call, direction: 'sideways' }, 'direction'),
    m(
      'logCommunication',
      { lead_id: ids.lead, communication_type_id: COMM.call, occurred_at: 'yesterday' },
      'occurred_at',
    ),
    m('convertLead', { lead_id: UNKNOWN }, UNKNOWN, 'not_found'),
    m('convertLead', { lead_id: ids.converted }, 'already converted', 'precondition_failed'),
    m('convertLead', { lead_id: ids.lost }, 'lost', 'precondition_failed'),
    m('convertLead', { lead_id: ids.lead, premium: -1 }, 'premium'),
    m('changeLeadStatus', { lead_id: ids.lead, status_id: STATUS.converted }, 'convertLead', 'precondition_failed'),
    m('changeLeadStatus', { lead_id: ids.lead, status_id: UNKNOWN }, UNKNOWN, 'not_found'),
    m('softDelete', { table: 'users', id: ids.lead }, 'table'),
    m('softDelete', { table: '__proto__', id: ids.lead }, 'table'),
    m('softDelete', { table: 'leads', id: ids.converted }, 'converted', 'precondition_failed'),
    m('softDelete', { table: 'leads', id: UNKNOWN }, UNKNOWN, 'not_found'),
    m('restore', { table: 'leads', id: UNKNOWN }, UNKNOWN, 'not_found'),
    m('setCoverage', { lead_id: ids.lead, column: 'auto_data', version: 1, doc: {} }, 'auto_data'),
    m('setCoverage', { lead_id: ids.lead, column: 'life_data', version: 1, doc: {} }, 'column'),
    m('setCoverage', { lead_id: ids.lead, column: 'auto_data', version: 99, doc: {} }, 'version'),
    m('editCustomFields', { lead_id: ids.lead, set: { a: { deep: 1 } } }, 'set.a'),
    m('editLeadTags', { lead_id: ids.lead, add: Array(51).fill('t') }, 'add'),
    m('assignLead', { lead_id: ids.lead, owner_id: UNKNOWN }, UNKNOWN, 'not_found'),
    m('createOpportunity', { lead_id: ids.converted, name: 'X' }, 'client', 'precondition_failed'),
    m('createTicket', { lead_id: ids.lead, subject: '' }, 'subject'),
    m('resolveTicket', { id: UNKNOWN, resolution: 'x' }, UNKNOWN, 'not_found'),
    m('scheduleFollowUp', { lead_id: ids.lead, at: 'soon' }, 'at'),
    m('completeFollowUp', { lead_id: ids.lead }, 'no follow-up', 'precondition_failed'),
    m('enrollInCampaign', { lead_id: ids.lead, campaign_id: UNKNOWN }, UNKNOWN, 'not_found'),
  ],
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
