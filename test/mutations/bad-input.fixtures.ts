/**
 * For bad-input.test.ts: a small world with fixed ids, and for every named mutation one valid
 * input against it (the baseline each bad input is derived from), who runs it, and which of
 * its strings are free text that must be stored verbatim.
 */
import { CARRIER_SEEDS } from '../../shared/lookups';
import { newRow } from '../../shared/model/new-row';
import type { Actor } from '../../shared/mutations/define';
import type { MutationName } from '../../shared/mutations/registry';
import type { People, Store } from '../support/stores';
import { autoV2, COMM, homeV1, INS, STATUS } from './helpers';

const w = (n: number) => `0190cccc-0000-7000-8000-${String(n).padStart(12, '0')}`;
export const WORLD = {
  lead: w(1),
  client: w(2),
  contact: w(3),
  opp: w(4),
  ticket: w(5),
  campaign: w(6),
  address: w(7),
  note: w(8),
  comm: w(9),
  policy: w(10),
  cancelled: w(11),
  household: w(12),
  client2: w(13),
  lead2: w(14),
  contact2: w(15),
  task: w(16),
  doneTask: w(17),
};
export const CARRIER = CARRIER_SEEDS[0]!.id;

/** Builds the world through the mutations themselves (before the outbox is watched). */
export async function buildWorld(store: Store, p: People) {
  const W = WORLD;
  await store.run('createCampaign', { id: W.campaign, name: 'Spring', status: 'active' }, p.manager);
  await store.run(
    'upsertAddress',
    { id: W.address, line1: '1 Main St', city: 'Springfield', state: 'IL', postal_code: '62701' },
    p.agent,
  );
  await store.run(
    'createLead',
    {
      id: W.lead,
      first_name: 'Dana',
      last_name: 'Ruiz',
      insurance_type_id: INS.auto,
      next_follow_up_at: '2025-04-01T09:00:00Z',
      tags: ['y'],
    },
    p.agent,
  );
  const client = {
    id: W.client,
    owner_id: p.agent.userId,
    team_id: p.agent.teamId,
    client_type: 'individual' as const,
    first_name: 'Chris',
    last_name: 'Client',
  };
  await store.insert('clients', newRow('clients', client, '2025-02-15T10:00:00.000Z'));
  const second = { ...client, id: W.client2, first_name: 'Kris' };
  await store.insert('clients', newRow('clients', second, '2025-02-15T10:00:00.000Z'));
  await store.run('addContact', { id: W.contact, lead_id: W.lead, first_name: 'Pat', last_name: 'Ruiz' }, p.agent);
  await store.run(
    'createLead',
    { id: W.lead2, first_name: 'Dana', last_name: 'Ruis', insurance_type_id: INS.auto },
    p.agent,
  );
  await store.run('addContact', { id: W.contact2, lead_id: W.lead, first_name: 'Pat', last_name: 'Ruis' }, p.agent);
  await store.run('createOpportunity', { id: W.opp, lead_id: W.lead, name: 'Auto', amount: 900 }, p.agent);
  await store.run('createTicket', { id: W.ticket, lead_id: W.lead, subject: 'Question' }, p.agent);
  await store.run('addNote', { id: W.note, lead_id: W.lead, body: 'Note' }, p.agent);
  await store.run('logCommunication', { id: W.comm, lead_id: W.lead, communication_type_id: COMM.call }, p.agent);
  const term = { client_id: W.client, carrier_id: CARRIER, insurance_type_id: INS.auto, written_premium: 1200 };
  const dates = { effective_date: '2025-01-01', expiration_date: '2026-01-01' };
  await store.run('addPolicy', { id: W.policy, policy_number: 'PA-1', ...term, ...dates }, p.agent);
  await store.run('addPolicy', { id: W.cancelled, policy_number: 'PA-2', ...term, ...dates }, p.agent);
  await store.run(
    'cancelPolicy',
    { policy_id: W.cancelled, cancellation_date: '2025-03-01', reason: 'non-payment' },
    p.agent,
  );
  await store.run(
    'setHousehold',
    { client_id: W.client, new_household: { id: W.household, name: 'Client family' } },
    p.agent,
  );
  await store.run(
    'createTask',
    { id: W.task, lead_id: W.lead, title: 'Call back', due_at: '2025-04-01T09:00:00Z' },
    p.agent,
  );
  await store.run(
    'createTask',
    { id: W.doneTask, lead_id: W.lead, title: 'Done', due_at: '2025-04-01T09:00:00Z' },
    p.agent,
  );
  await store.run('completeTask', { id: W.doneTask }, p.agent);
}

export interface Baseline {
  input: Record<string, unknown>;
  actor: keyof People;
  /** Paths of free text, which must be stored verbatim whatever query syntax they look like. */
  text: string[];
  /** Paths whose values are free-form JSON (any type is valid there). */
  freeform?: string[];
}

const W = WORLD;
const ts = '2025-04-02T15:00:00Z';

export const BASELINES: Record<MutationName, Baseline> = {
  createTask: {
    actor: 'agent',
    input: { lead_id: W.lead, title: 't', notes: 'n', due_at: ts, priority: 'high', remind_at: ts },
    text: ['title', 'notes'],
  },
  updateTask: {
    actor: 'agent',
    input: { id: W.task, patch: { title: 't2', notes: 'n2', due_at: ts, priority: 'low', remind_at: null } },
    text: ['patch.title', 'patch.notes'],
  },
  completeTask: { actor: 'agent', input: { id: W.task, outcome: 'o' }, text: ['outcome'] },
  reopenTask: { actor: 'agent', input: { id: W.doneTask, due_at: ts }, text: [] },
  createLead: {
    actor: 'agent',
    input: {
      first_name: 'Dana',
      last_name: 'Ruiz',
      email: 'dana@example.com',
      phone: '+1 217 555 0101',
      preferred_contact_method: 'email',
      date_of_birth: '1985-03-14',
      insurance_type_id: INS.home,
      campaign_id: W.campaign,
      address_id: W.address,
      source: 'web',
      priority: 2,
      current_carrier: 'Acme',
      quoted_premium: 100.5,
      tags: ['a'],
      custom_fields: { k: 'v' },
      metadata: { m: 'v' },
      coverage: [{ column: 'home_data', version: 1, doc: homeV1 }],
      next_follow_up_at: ts,
    },
    text: ['first_name', 'last_name', 'source', 'current_carrier'],
    freeform: ['metadata', 'custom_fields'],
  },
  updateLead: {
    actor: 'agent',
    input: {
      id: W.lead,
      patch: { email: 'x@example.com', priority: 4, address_id: W.address, campaign_id: W.campaign, source: 's' },
      base: { email: 'old' },
    },
    text: ['patch.source'],
    freeform: ['base'],
  },
  setCoverage: { actor: 'agent', input: { lead_id: W.lead, column: 'auto_data', version: 2, doc: autoV2 }, text: [] },
  editLeadTags: { actor: 'agent', input: { lead_id: W.lead, add: ['x'], remove: ['y'] }, text: ['add[0]'] },
  editCustomFields: {
    actor: 'agent',
    input: { lead_id: W.lead, set: { a: 'b' }, unset: ['c'] },
    text: ['set.a'],
    freeform: ['set'],
  },
  assignLead: {
    actor: 'manager',
    input: { lead_id: W.lead, owner_id: '0190aaaa-0000-7000-8000-00000000b002' },
    text: [],
  },
  changeLeadStatus: {
    actor: 'agent',
    input: { lead_id: W.lead, status_id: STATUS.lost, reason: 'price' },
    text: ['reason'],
  },
  scheduleFollowUp: { actor: 'agent', input: { lead_id: W.lead, at: ts, note: 'n', priority: 2 }, text: ['note'] },
  completeFollowUp: { actor: 'agent', input: { lead_id: W.lead, outcome: 'o', next_at: ts }, text: ['outcome'] },
  addNote: {
    actor: 'agent',
    input: { lead_id: W.lead, body: 'b', tags: ['t'], is_pinned: true },
    text: ['body', 'tags[0]'],
  },
  logCommunication: {
    actor: 'agent',
    input: {
      lead_id: W.lead,
      communication_type_id: COMM.email,
      direction: 'inbound',
      subject: 's',
      body: 'b',
      outcome: 'o',
      occurred_at: ts,
      duration_seconds: 60,
      contact_id: W.contact,
      campaign_id: W.campaign,
      // A follow-up may not be in the past (of the mutation's time, which is now here).
      follow_up_at: '2099-04-02T15:00:00Z',
    },
    text: ['subject', 'body', 'outcome'],
  },
  addContact: {
    actor: 'agent',
    input: {
      lead_id: W.lead,
      first_name: 'Ana',
      last_name: 'Bean',
      email: 'ana@example.com',
      phone: '217-555-0100',
      mobile_phone: '217-555-0109',
      job_title: 'Owner',
      department: 'Ops',
      roles: ['owner'],
      preferred_contact_method: 'phone',
      preferred_contact_time: 'mornings',
      company: 'Bean',
      linkedin_url: 'https://example.com/ana',
      is_primary_contact: true,
    },
    text: ['first_name', 'last_name', 'job_title', 'department', 'preferred_contact_time', 'company'],
  },
  updateContact: {
    actor: 'agent',
    input: { id: W.contact, patch: { first_name: 'X', job_title: 'j' } },
    text: ['patch.first_name', 'patch.job_title'],
  },
  setPrimaryContact: { actor: 'agent', input: { contact_id: W.contact }, text: [] },
  upsertAddress: {
    actor: 'agent',
    input: {
      line1: '12 Elm St',
      line2: 'Apt 2',
      city: 'Springfield',
      state: 'IL',
      postal_code: '62704',
      county: 'Sangamon',
      latitude: 39.7,
      longitude: -89.6,
      link: { lead_id: W.lead, as: 'physical' },
    },
    text: ['line1', 'line2', 'city', 'county'],
  },
  createOpportunity: {
    actor: 'agent',
    input: {
      lead_id: W.lead,
      name: 'Home',
      insurance_type_id: INS.home,
      stage: 'quoting',
      amount: 10,
      probability: 5,
      expected_close_date: '2025-05-01',
      carrier: 'c',
    },
    text: ['name', 'carrier'],
  },
  moveOpportunityStage: { actor: 'agent', input: { id: W.opp, stage: 'proposal', probability: 50 }, text: [] },
  closeOpportunity: {
    actor: 'agent',
    input: {
      id: W.opp,
      outcome: 'won',
      reason: 'r',
      amount: 5,
      carrier: 'c',
      policy_number: 'p',
      effective_date: '2025-05-01',
    },
    text: ['reason', 'carrier', 'policy_number'],
  },
  createTicket: {
    actor: 'agent',
    input: {
      lead_id: W.lead,
      subject: 's',
      description: 'd',
      priority: 'high',
      issue_type: 'claim',
      assigned_to: '0190aaaa-0000-7000-8000-00000000b002',
      due_at: ts,
      contact_id: W.contact,
    },
    text: ['subject', 'description'],
  },
  updateTicket: {
    actor: 'agent',
    input: {
      id: W.ticket,
      patch: {
        subject: 's2',
        status: 'pending',
        assigned_to: '0190aaaa-0000-7000-8000-00000000b005',
        contact_id: W.contact,
      },
    },
    text: ['patch.subject'],
  },
  resolveTicket: { actor: 'agent', input: { id: W.ticket, resolution: 'r', close: true }, text: ['resolution'] },
  addTicketComment: { actor: 'agent', input: { ticket_id: W.ticket, body: 'c' }, text: ['body'] },
  createClient: {
    actor: 'agent',
    input: {
      client_type: 'business',
      business_name: 'Acme Roofing',
      dba_name: 'Acme',
      fein: '12-3456789',
      naics_code: '238160',
      industry: 'roofing',
      year_established: 1999,
      annual_revenue: 1000000,
      employee_count: 12,
      email: 'office@example.com',
      website: 'https://acme.example.com',
      source: 'book transfer',
    },
    text: ['business_name', 'dba_name', 'industry', 'source'],
  },
  updateClient: {
    actor: 'agent',
    input: {
      id: W.client,
      patch: { middle_name: 'J', occupation: 'nurse', date_of_birth: '1980-01-02', phone: '+1 217 555 0199' },
    },
    text: ['patch.middle_name', 'patch.occupation'],
  },
  createCampaign: {
    actor: 'manager',
    input: {
      name: 'n',
      description: 'd',
      channel: 'email',
      status: 'draft',
      starts_at: ts,
      ends_at: '2025-05-02T15:00:00Z',
      budget: 5,
      insurance_type_id: INS.auto,
      color: '#2563eb',
    },
    text: ['name', 'description'],
  },
  enrollInCampaign: { actor: 'agent', input: { lead_id: W.lead, campaign_id: W.campaign }, text: [] },
  setMarketingSettings: {
    actor: 'agent',
    input: {
      lead_id: W.lead,
      settings: { email_opt_in: true, consent_source: 'web', preferred_channel: 'email', frequency: 'weekly' },
    },
    text: ['settings.consent_source'],
  },
  softDelete: { actor: 'agent', input: { table: 'lead_notes', id: W.note }, text: [] },
  restore: { actor: 'agent', input: { table: 'lead_notes', id: W.note }, text: [] },
  convertLead: {
    actor: 'agent',
    input: {
      lead_id: W.lead,
      opportunity_id: W.opp,
      policy_number: 'p',
      premium: 100,
      carrier_id: CARRIER,
      effective_date: '2025-05-01',
    },
    text: ['policy_number'],
  },
  importBatch: {
    actor: 'agent',
    input: {
      import_id: '0190cccc-0000-7000-8000-000000000099',
      items: [{ name: 'addNote', args: { lead_id: W.lead, body: 'imported' } }],
    },
    text: ['items[0].args.body'],
  },
  undoImportBatch: {
    actor: 'agent',
    input: { import_id: '0190cccc-0000-7000-8000-000000000099', records: [{ table: 'lead_notes', id: W.note }] },
    text: [],
  },
  mergeClients: {
    actor: 'agent',
    input: { survivor_id: W.client, merged_id: W.client2, fields: { occupation: 'Pilot' } },
    text: ['fields.occupation'],
  },
  mergeLeads: {
    actor: 'agent',
    input: { survivor_id: W.lead, merged_id: W.lead2, fields: { source: 'web' } },
    text: ['fields.source'],
  },
  mergeContacts: {
    actor: 'agent',
    input: { survivor_id: W.contact, merged_id: W.contact2, fields: { job_title: 'Owner' } },
    text: ['fields.job_title'],
  },
  recordAiInteraction: {
    actor: 'agent',
    input: {
      type: 'summary',
      lead_id: W.lead,
      model: 'm',
      prompt: 'p',
      status: 'ok',
      response: 'r',
      summary: 's',
      provider: 'x',
      metadata: { k: 'v' },
      annotations: { table: 'leads', id: W.lead, fields: { ai_summary: 's', ai_next_action: 'n' } },
    },
    text: ['prompt', 'response', 'summary', 'annotations.fields.ai_summary'],
    freeform: ['metadata'],
  },
  applyAiAnnotations: {
    actor: 'agent',
    input: { table: 'leads', id: W.lead, fields: { ai_summary: 's', ai_insights: { k: 'v' } } },
    text: ['fields.ai_summary'],
    freeform: ['fields.ai_insights'],
  },
  addCarrier: {
    actor: 'manager',
    input: { name: 'Acme Mutual', naic_code: '12345', lines: ['auto', 'home'], producer_code: 'P-9', color: '#123456' },
    text: ['name', 'producer_code'],
  },
  addPolicy: {
    actor: 'agent',
    input: {
      client_id: W.client,
      carrier_id: CARRIER,
      insurance_type_id: INS.auto,
      policy_number: 'PA-100',
      status: 'pending',
      effective_date: '2025-05-01',
      expiration_date: '2025-11-01',
      written_premium: 640.5,
      billing: 'agency',
      commission_rate: 12.5,
      coverage: { column: 'auto_data', version: 2, doc: autoV2 },
      tags: ['new'],
    },
    text: ['policy_number', 'tags[0]'],
  },
  updatePolicy: {
    actor: 'agent',
    input: {
      id: W.policy,
      patch: { policy_number: 'PA-1B', written_premium: 1300, commission_rate: 10, expiration_date: '2026-02-01' },
      base: { written_premium: 1200 },
    },
    text: ['patch.policy_number'],
    freeform: ['base'],
  },
  renewPolicy: {
    actor: 'agent',
    input: { policy_id: W.policy, written_premium: 1320, policy_number: 'PA-1-2026', commission_rate: 11 },
    text: ['policy_number'],
  },
  cancelPolicy: {
    actor: 'agent',
    input: { policy_id: W.policy, cancellation_date: '2025-06-01', reason: 'sold the car' },
    text: ['reason'],
  },
  markNonRenewed: { actor: 'agent', input: { policy_id: W.policy, reason: 'moved out of state' }, text: ['reason'] },
  reinstatePolicy: { actor: 'agent', input: { policy_id: W.cancelled }, text: [] },
  createRenewalOpportunity: { actor: 'agent', input: { policy_id: W.policy }, text: [] },
  setHousehold: {
    actor: 'agent',
    input: { client_id: W.client, new_household: { name: 'Client & Co', household_type: 'business_group' } },
    text: ['new_household.name'],
  },
};

export const actorOf = (people: People, b: Baseline): Actor => people[b.actor];
