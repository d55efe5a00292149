/** Shared fixtures and assertions for the mutation contract suites. */
import { afterAll, beforeAll, expect } from 'vitest';
import { AppError, type ErrorCode } from '../../shared/errors';
import { uuidv7 } from '../../shared/ids';
import { communicationTypeByCode, insuranceTypeByCode, statusByCode } from '../../shared/lookups';
import type { Row } from '../../shared/model/catalogue';
import { newRow } from '../../shared/model/new-row';
import type { Actor } from '../../shared/mutations/define';
import type { MutationName } from '../../shared/mutations/registry';
import { createStore, seedPeople, type People, type Store, type StoreKind } from '../support/stores';

export { autoV1, autoV2, commercialV1, homeV1 } from '../unit/coverage/fixtures';

export const id = () => uuidv7();

export const INS = {
  auto: insuranceTypeByCode('auto').id,
  home: insuranceTypeByCode('home').id,
  bop: insuranceTypeByCode('bop').id,
  life: insuranceTypeByCode('life').id,
};
export const STATUS = {
  new: statusByCode('new').id,
  contacted: statusByCode('contacted').id,
  quoted: statusByCode('quoted').id,
  nurture: statusByCode('nurture').id,
  converted: statusByCode('converted').id,
  lost: statusByCode('lost').id,
};
export const COMM = { call: communicationTypeByCode('call').id, email: communicationTypeByCode('email').id };

/** The words a full-text query language treats specially: stored text must keep them verbatim. */
export const FTS_TEXT = `O"Brien* NEAR(x y) OR -dash AND "quoted" ^start col:on`;

export interface StoreContext {
  readonly kind: StoreKind;
  readonly store: Store;
  readonly people: People;
}

/**
 * A fresh store (with seeded people) for the enclosing describe block. `covered` collects
 * the names of the mutations that committed on it, for the suite's "every mutation" check.
 */
export function useStore(kind: StoreKind, covered?: Set<MutationName>): StoreContext {
  let store: Store | undefined;
  let people: People | undefined;
  beforeAll(async () => {
    store = await createStore(kind);
    people = await seedPeople(store);
  }, 60_000);
  afterAll(async () => {
    if (store) {
      for (const name of store.succeeded) covered?.add(name);
      await store.close();
    }
  });
  return {
    kind,
    get store() {
      return store!;
    },
    get people() {
      return people!;
    },
  };
}

/** Awaits a rejection and checks it is an AppError with the code (and field, when given). */
export async function expectAppError(promise: Promise<unknown>, code: ErrorCode, field?: string): Promise<AppError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  if (caught === undefined) expect.fail(`expected an AppError ${code}, but the mutation succeeded`);
  if (!(caught instanceof AppError))
    expect.fail(`expected an AppError ${code}, got ${String((caught as Error)?.stack ?? caught)}`);
  expect({ code: caught.code, field: caught.field, message: caught.message }).toMatchObject({
    code,
    ...(field === undefined ? {} : { field }),
  });
  return caught;
}

/**
 * A row the actor may not touch: on SQLite the replica holds it and the mutation's own access
 * check refuses (forbidden); on Postgres row-level security hides it, so the mutation finds no
 * such row (not_found). Either way nothing changes.
 */
export const hiddenCode = (store: Store): ErrorCode => (store.kind === 'postgres' ? 'not_found' : 'forbidden');

/** Runs `fn`, which must fail, and checks that no table changed at all. */
export async function expectNoChange(store: Store, fn: () => Promise<unknown>) {
  const before = await store.dumpAll();
  await fn();
  expect(await store.dumpAll()).toEqual(before);
}

export async function makeLead(
  store: Store,
  actor: Actor,
  values: Record<string, unknown> = {},
): Promise<Row<'leads'>> {
  return store.run(
    'createLead',
    { first_name: 'Dana', last_name: 'Ruiz', insurance_type_id: INS.auto, ...values },
    actor,
  );
}

export async function makeBusinessLead(
  store: Store,
  actor: Actor,
  values: Record<string, unknown> = {},
): Promise<Row<'leads'>> {
  return makeLead(store, actor, {
    lead_type: 'business',
    first_name: undefined,
    last_name: undefined,
    business_name: 'Bean There LLC',
    insurance_type_id: INS.bop,
    ...values,
  });
}

/** A client written directly, owned like the actor (clients normally come from convertLead). */
export async function makeClient(
  store: Store,
  actor: Actor,
  values: Partial<Row<'clients'>> = {},
): Promise<Row<'clients'>> {
  const now = '2025-02-15T10:00:00.000Z';
  const row = newRow(
    'clients',
    {
      id: id(),
      owner_id: actor.userId,
      team_id: actor.teamId,
      client_type: 'individual',
      first_name: 'Chris',
      last_name: 'Client',
      ...values,
    },
    now,
  );
  await store.insert('clients', row);
  return row;
}

export async function makeCampaign(
  store: Store,
  actor: Actor,
  values: Record<string, unknown> = {},
): Promise<Row<'campaigns'>> {
  return store.run('createCampaign', { name: 'Spring auto push', status: 'active', ...values }, actor);
}

export async function events(store: Store, leadId: string) {
  return store.find('timeline_events', { lead_id: leadId });
}

/**
 * A lead with one row in every table that hangs off it (and an address), all created through
 * mutations by the lead's owner, plus an AI interaction written directly.
 */
export async function makeBusyLead(
  store: Store,
  owner: Actor,
  campaignBy: Actor,
  values: Record<string, unknown> = {},
) {
  const lead = await makeLead(store, owner, { quoted_premium: 1500, ...values });
  const campaign = await makeCampaign(store, campaignBy);
  const address = await store.run(
    'upsertAddress',
    { line1: '12 Elm St', city: 'Springfield', state: 'il', postal_code: '62704', link: { lead_id: lead.id } },
    owner,
  );
  const contact = await store.run(
    'addContact',
    { lead_id: lead.id, first_name: 'Pat', last_name: 'Ruiz', is_primary_contact: true, roles: ['spouse'] },
    owner,
  );
  const contact2 = await store.run('addContact', { lead_id: lead.id, first_name: 'Sam', last_name: 'Ruiz' }, owner);
  const note = await store.run('addNote', { lead_id: lead.id, body: 'Wants a bundle quote' }, owner);
  const comm = await store.run(
    'logCommunication',
    { lead_id: lead.id, communication_type_id: COMM.call, subject: 'Intro call', contact_id: contact.id },
    owner,
  );
  const settings = await store.run(
    'setMarketingSettings',
    { lead_id: lead.id, settings: { email_opt_in: true } },
    owner,
  );
  const small = await store.run('createOpportunity', { lead_id: lead.id, name: 'Auto', amount: 900 }, owner);
  const rich = await store.run(
    'createOpportunity',
    { lead_id: lead.id, name: 'Auto + Home', amount: 2400, stage: 'proposal' },
    owner,
  );
  const ticket = await store.run(
    'createTicket',
    { lead_id: lead.id, subject: 'Needs proof of prior insurance', contact_id: contact2.id },
    owner,
  );
  const enrollment = await store.run('enrollInCampaign', { lead_id: lead.id, campaign_id: campaign.id }, owner);
  const ai = newRow(
    'ai_interactions',
    {
      id: id(),
      type: 'summary',
      lead_id: lead.id,
      owner_id: lead.owner_id,
      team_id: lead.team_id,
      model: 'test',
      prompt: 'summarise',
    },
    '2025-02-20T00:00:00.000Z',
  );
  await store.insert('ai_interactions', ai);
  return { lead, campaign, address, contact, contact2, note, comm, settings, small, rich, ticket, enrollment, ai };
}

/** Tables whose rows follow a lead's owner. */
export const LEAD_CHILD_TABLES = [
  'contacts',
  'lead_communications',
  'lead_notes',
  'lead_marketing_settings',
  'opportunities',
  'support_tickets',
  'ai_interactions',
  'timeline_events',
  'campaign_enrollments',
] as const;
