/** Baselines of opportunities, tickets, clients, campaigns, the trash and convertLead. */
import type { MutationName } from '../../shared/mutations/registry';
import { INS } from './helpers';
import { CARRIER, WORLD } from './bad-input-world';
import { type Baseline, ts } from './bad-input-baseline';

const W = WORLD;

export const SALES_BASELINES = {
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
} satisfies Partial<Record<MutationName, Baseline>>;
