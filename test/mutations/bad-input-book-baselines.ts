/** Baselines of imports, merges, AI, carriers, policy terms and households. */
import type { MutationName } from '../../shared/mutations/registry';
import { autoV2, INS } from './helpers';
import { CARRIER, WORLD } from './bad-input-world';
import type { Baseline } from './bad-input-baseline';

const W = WORLD;

export const BOOK_BASELINES = {
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
} satisfies Partial<Record<MutationName, Baseline>>;
