/** The small world of fixed ids the bad-input tests run against, built through the mutations. */
import { CARRIER_SEEDS } from '../../shared/lookups';
import { newRow } from '../../shared/model/new-row';
import type { People, Store } from '../support/stores';
import { COMM, INS } from './helpers';

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
