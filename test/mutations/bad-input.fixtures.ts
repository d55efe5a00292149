/**
 * For bad-input.test.ts: a small world with fixed ids, and for every named mutation one valid
 * input against it (the baseline each bad input is derived from), who runs it, and which of
 * its strings are free text that must be stored verbatim.
 */
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
  task: w(10),
  doneTask: w(11),
};

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
  await store.run('addContact', { id: W.contact, lead_id: W.lead, first_name: 'Pat', last_name: 'Ruiz' }, p.agent);
  await store.run('createOpportunity', { id: W.opp, lead_id: W.lead, name: 'Auto', amount: 900 }, p.agent);
  await store.run('createTicket', { id: W.ticket, lead_id: W.lead, subject: 'Question' }, p.agent);
  await store.run('addNote', { id: W.note, lead_id: W.lead, body: 'Note' }, p.agent);
  await store.run('logCommunication', { id: W.comm, lead_id: W.lead, communication_type_id: COMM.call }, p.agent);
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
  updateClient: {
    actor: 'agent',
    input: {
      id: W.client,
      patch: { email: 'c@example.com', phone: '217-555-0102', occupation: 'o', status: 'inactive' },
    },
    text: ['patch.occupation'],
  },
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
      follow_up_at: ts,
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
    input: { lead_id: W.lead, opportunity_id: W.opp, policy_number: 'p', premium: 100 },
    text: ['policy_number'],
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
};

export const actorOf = (people: People, b: Baseline): Actor => people[b.actor];
