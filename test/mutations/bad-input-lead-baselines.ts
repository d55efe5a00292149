/** Baselines of tasks, leads, the pipeline, notes, communications, contacts and addresses. */
import type { MutationName } from '../../shared/mutations/registry';
import { autoV2, COMM, homeV1, INS, STATUS } from './helpers';
import { WORLD } from './bad-input-world';
import { type Baseline, ts } from './bad-input-baseline';

const W = WORLD;

export const LEAD_BASELINES = {
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
} satisfies Partial<Record<MutationName, Baseline>>;
