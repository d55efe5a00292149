/**
 * The replica and the gateway run the same mutation code: a scripted sequence with fixed ids and
 * fixed times must leave identical rows in every table of both stores (compared as the app reads
 * them; nothing is normalised but row order, which is by id on both).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/mutations/define';
import type { MutationName } from '../../shared/mutations/registry';
import { createStore, seedPeople, USER_IDS, type People, type Store } from '../support/stores';
import { autoV1, COMM, commercialV1, homeV1, INS, STATUS } from './helpers';

const fx = (n: number) => `0190bbbb-0000-7000-8000-${String(n).padStart(12, '0')}`;
const at = (minute: number) => new Date(Date.parse('2025-03-01T10:00:00.000Z') + minute * 60_000).toISOString();

const C1 = fx(1),
  L1 = fx(2),
  L2 = fx(3),
  A1 = fx(4),
  K1 = fx(5),
  K2 = fx(6),
  M1 = fx(7),
  N1 = fx(8),
  O1 = fx(9),
  O2 = fx(10),
  S1 = fx(11),
  E1 = fx(12),
  T1 = fx(13),
  CL1 = fx(14),
  N2 = fx(15),
  AI1 = fx(16);
const ev = (n: number) => fx(100 + n);
const ch = (n: number) => fx(200 + n);
const TK1 = fx(17),
  TK2 = fx(18);

type Step = [name: MutationName, input: Record<string, unknown>, actor: keyof People];

const SCRIPT: Step[] = [
  [
    'createCampaign',
    { id: C1, name: 'Spring auto', status: 'active', channel: 'email', budget: 2500.5, insurance_type_id: INS.auto },
    'manager',
  ],
  [
    'createLead',
    {
      id: L1,
      event_id: ev(1),
      first_name: 'Dana',
      last_name: 'Ruiz',
      email: 'dana@example.com',
      insurance_type_id: INS.auto,
      campaign_id: C1,
      quoted_premium: 1840.25,
      date_of_birth: '1985-03-14',
      tags: ['web', 'hot'],
      custom_fields: { referrer: 'Pat', score: 7 },
      metadata: { utm: { source: 'ad' } },
      coverage: [{ column: 'auto_data', version: 1, doc: autoV1 }],
    },
    'agent',
  ],
  [
    'createLead',
    {
      id: L2,
      event_id: ev(2),
      lead_type: 'business',
      business_name: 'Bean There LLC',
      insurance_type_id: INS.bop,
      quoted_premium: 3100,
      coverage: [{ column: 'commercial_data', version: 1, doc: commercialV1 }],
    },
    'otherAgent',
  ],
  [
    'upsertAddress',
    {
      id: A1,
      line1: '12 Elm St',
      city: 'Springfield',
      state: 'il',
      postal_code: '62704',
      latitude: 39.7817,
      longitude: -89.6501,
      link: { lead_id: L1 },
    },
    'agent',
  ],
  [
    'addContact',
    { id: K1, lead_id: L1, first_name: 'Pat', last_name: 'Ruiz', roles: ['spouse'], is_primary_contact: true },
    'agent',
  ],
  ['addContact', { id: K2, lead_id: L1, first_name: 'Sam', last_name: 'Ruiz', email: 'sam@example.com' }, 'agent'],
  ['setPrimaryContact', { contact_id: K2 }, 'agent'],
  ['updateContact', { id: K1, patch: { phone: '217-555-0101', job_title: 'Nurse' } }, 'agent'],
  [
    'logCommunication',
    {
      id: M1,
      event_id: ev(3),
      lead_id: L1,
      communication_type_id: COMM.call,
      subject: 'Intro',
      body: 'Wants a "bundle" - NEAR(home)',
      duration_seconds: 420,
      contact_id: K1,
    },
    'agent',
  ],
  ['addNote', { id: N1, lead_id: L1, body: 'Prefers mornings', tags: ['schedule'] }, 'manager'],
  ['editLeadTags', { lead_id: L1, add: ['Bundle', 'HOT'], remove: ['web'], change_id: ch(1) }, 'agent'],
  ['editCustomFields', { lead_id: L1, set: { score: 9, pets: true }, unset: ['referrer'], change_id: ch(2) }, 'agent'],
  ['setCoverage', { lead_id: L1, column: 'home_data', version: 1, doc: homeV1, change_id: ch(3) }, 'agent'],
  [
    'scheduleFollowUp',
    { lead_id: L1, at: '2025-03-04T15:00:00-06:00', note: 'send quote', priority: 2, event_id: ev(4) },
    'agent',
  ],
  ['completeFollowUp', { lead_id: L1, outcome: 'sent', next_at: '2025-03-08T15:00:00Z', event_id: ev(5) }, 'agent'],
  ['createOpportunity', { id: O1, lead_id: L1, name: 'Auto', amount: 900.1 }, 'agent'],
  [
    'createOpportunity',
    { id: O2, lead_id: L1, name: 'Home', insurance_type_id: INS.home, amount: 2100, probability: 35 },
    'agent',
  ],
  ['moveOpportunityStage', { id: O2, stage: 'proposal', probability: 70 }, 'manager'],
  [
    'setMarketingSettings',
    { id: S1, lead_id: L1, settings: { email_opt_in: true, sms_opt_in: false, frequency: 'monthly' } },
    'agent',
  ],
  ['enrollInCampaign', { id: E1, lead_id: L1, campaign_id: C1, event_id: ev(6) }, 'agent'],
  [
    'createTicket',
    {
      id: T1,
      lead_id: L1,
      subject: 'Proof of prior',
      contact_id: K1,
      assigned_to: USER_IDS.manager,
      due_at: '2025-03-09T17:00:00Z',
    },
    'agent',
  ],
  ['updateTicket', { id: T1, patch: { priority: 'high', status: 'pending' } }, 'manager'],
  ['resolveTicket', { id: T1, resolution: 'Uploaded the dec page' }, 'agent'],
  ['changeLeadStatus', { lead_id: L1, status_id: STATUS.quoted, event_id: ev(7), change_id: ch(4) }, 'agent'],
  ['closeOpportunity', { id: O1, outcome: 'lost', reason: 'bundled instead' }, 'agent'],
  [
    'convertLead',
    { lead_id: L1, client_id: CL1, event_id: ev(8), new_opportunity_id: fx(99), policy_number: 'HO-1' },
    'manager',
  ],
  ['addNote', { id: N2, client_id: CL1, body: 'Welcome call done', is_pinned: true }, 'agent'],
  ['softDelete', { table: 'lead_notes', id: N1 }, 'agent'],
  ['restore', { table: 'lead_notes', id: N1 }, 'manager'],
  [
    'changeLeadStatus',
    { lead_id: L2, status_id: STATUS.lost, reason: 'price', event_id: ev(9), change_id: ch(5) },
    'otherAgent',
  ],
  ['changeLeadStatus', { lead_id: L2, status_id: STATUS.nurture, event_id: ev(10), change_id: ch(6) }, 'staff'],
  ['assignLead', { lead_id: L2, owner_id: USER_IDS.staff, event_id: ev(11), change_id: ch(7) }, 'staff'],
  ['updateLead', { id: L2, patch: { phone: '309-555-0142', priority: 4 }, change_id: ch(8) }, 'staff'],
  [
    'recordAiInteraction',
    {
      id: AI1,
      type: 'summary',
      lead_id: L2,
      model: 'm',
      prompt: 'p',
      status: 'ok',
      total_tokens: 50,
      annotations: {
        table: 'leads',
        id: L2,
        fields: { ai_summary: 'Cafe, price-sensitive', ai_insights: { summary: { open_questions: ['payroll?'] } } },
      },
    },
    'staff',
  ],
  ['applyAiAnnotations', { table: 'clients', id: CL1, fields: { ai_risk_score: 12.5 } }, 'admin'],
  [
    'createTask',
    { id: TK1, event_id: ev(20), lead_id: L2, title: 'Send forms', due_at: '2025-03-05T15:00:00Z', priority: 'high' },
    'staff',
  ],
  [
    'createTask',
    {
      id: TK2,
      event_id: ev(21),
      client_id: CL1,
      title: 'Annual review',
      due_at: '2025-03-06T15:00:00Z',
      assigned_to: USER_IDS.staff,
    },
    'admin',
  ],
  [
    'updateTask',
    { id: TK1, event_id: ev(22), patch: { notes: 'Both forms', due_at: '2025-03-07T15:00:00Z' } },
    'staff',
  ],
  ['completeTask', { id: TK2, event_id: ev(23), outcome: 'done by phone' }, 'staff'],
  ['reopenTask', { id: TK2, event_id: ev(24) }, 'staff'],
];

async function play(store: Store, people: People) {
  const results: unknown[] = [];
  for (const [i, [name, input, who]] of SCRIPT.entries()) {
    const actor: Actor = people[who];
    results.push(await store.run(name, input, actor, at(i)));
  }
  return results;
}

describe('the same script on SQLite and Postgres', () => {
  let sqlite: Store;
  let postgres: Store;
  let people: People;

  beforeAll(async () => {
    [sqlite, postgres] = await Promise.all([createStore('sqlite'), createStore('postgres')]);
    people = await seedPeople(sqlite);
    expect(await seedPeople(postgres)).toEqual(people);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([sqlite?.close(), postgres?.close()]);
  });

  it(`runs ${SCRIPT.length} mutations to identical results and identical rows in every table`, async () => {
    expect(SCRIPT.length).toBeGreaterThanOrEqual(20);
    const [a, b] = [await play(sqlite, people), await play(postgres, people)];
    expect(b).toEqual(a);
    const [rowsA, rowsB] = [await sqlite.dumpModel(), await postgres.dumpModel()];
    for (const table of Object.keys(rowsA)) expect(rowsB[table], table).toEqual(rowsA[table]);
    expect(Object.keys(rowsB)).toEqual(Object.keys(rowsA));
    // the script did reach the interesting states
    expect(rowsA.clients).toHaveLength(1);
    expect((rowsA.timeline_events as unknown[]).length).toBeGreaterThanOrEqual(10);
    expect(await sqlite.get('leads', L1)).toMatchObject({ is_converted: true, converted_to_client_id: CL1 });
  });
});
