import type { ReplicaDb } from '../../../db/sqlite/open';
import { SqliteTx } from '../../../db/sqlite/tx';
import type { SubjectContext, TermInForce } from '../../../shared/ai/context';
import { AppError } from '../../../shared/errors';
import type { Row } from '../../../shared/model/catalogue';
import { LIVE_POLICY_STATUSES } from '../../../shared/model/tables/policies';
import { canAccess, type Actor } from '../../../shared/mutations/define';

/**
 * Loads what a prompt may use about one lead or client from the replica. Lists are capped
 * (the prompt builder keeps only what fits its token budget anyway) and newest first.
 */
export type SubjectRef = { lead_id: string } | { client_id: string };

const LIMIT = 200;

async function visible<T extends 'leads' | 'clients' | 'lead_communications' | 'support_tickets' | 'policies'>(
  tx: SqliteTx,
  actor: Actor,
  table: T,
  id: string,
  label: string,
): Promise<Row<T>> {
  const row = await tx.get(table, id);
  if (!row || row.deleted_at) throw new AppError('not_found', `${label} ${id} does not exist`, label);
  if (!canAccess(actor, row)) throw new AppError('forbidden', `you may not see this ${label}`, label);
  return row;
}

export async function loadSubjectContext(db: ReplicaDb, actor: Actor, ref: SubjectRef): Promise<SubjectContext> {
  const tx = new SqliteTx(db);
  const subject =
    'lead_id' in ref
      ? ({ table: 'leads', row: await visible(tx, actor, 'leads', ref.lead_id, 'lead') } as const)
      : ({ table: 'clients', row: await visible(tx, actor, 'clients', ref.client_id, 'client') } as const);
  const lead = subject.table === 'leads' ? subject.row : null;
  const converted = lead
    ? []
    : await tx.find(
        'leads',
        { converted_to_client_id: subject.row.id, deleted_at: null },
        { orderBy: ['conversion_date', 'desc'] },
      );
  // A client's history before the sale stays on the lead it came from, so both are read.
  const owners = lead
    ? [{ lead_id: lead.id }]
    : [{ client_id: subject.row.id }, ...converted.map((l) => ({ lead_id: l.id }))];
  const newest = async <
    T extends 'lead_notes' | 'lead_communications' | 'opportunities' | 'support_tickets' | 'contacts',
  >(
    table: T,
    order: keyof Row<T> & string,
  ) => {
    const rows = new Map<string, Row<T>>();
    for (const by of owners) {
      const found = await tx.find(table, { ...by, deleted_at: null } as Parameters<typeof tx.find<T>>[1], {
        orderBy: [order, 'desc'],
        limit: LIMIT,
      });
      for (const row of found) rows.set(row.id, row);
    }
    const at = (r: Row<T>) => String((r as Record<string, unknown>)[order] ?? '');
    return [...rows.values()].sort((a, b) => at(b).localeCompare(at(a))).slice(0, LIMIT);
  };
  // A client's pipeline facts (status, product) are those of the lead it came from.
  const origin = lead ?? converted[0] ?? null;
  const [marketing] = await tx.find('lead_marketing_settings', { ...owners[0]!, deleted_at: null }, { limit: 1 });
  const agent = await tx.get('users', actor.userId);
  // Addresses are never sent; they are loaded so that a note quoting one is redacted.
  const addressIds = new Set(
    [subject.row.address_id, subject.table === 'clients' ? subject.row.mailing_address_id : null]
      .concat(converted.map((l) => l.address_id))
      .filter((id): id is string => Boolean(id)),
  );
  const addresses: Row<'addresses'>[] = [];
  for (const id of addressIds) {
    const a = await tx.get('addresses', id);
    if (a && !a.deleted_at) addresses.push(a);
  }

  return {
    subject,
    status: origin ? ((await tx.get('lead_statuses', origin.status_id)) ?? null) : null,
    insuranceType: origin ? ((await tx.get('insurance_types', origin.insurance_type_id)) ?? null) : null,
    coverage: lead ? [lead] : converted,
    notes: await newest('lead_notes', 'created_at'),
    communications: await newest('lead_communications', 'occurred_at'),
    opportunities: await newest('opportunities', 'updated_at'),
    tickets: await newest('support_tickets', 'updated_at'),
    contacts: await newest('contacts', 'created_at'),
    addresses,
    policies: subject.table === 'clients' ? await termsInForce(tx, actor, subject.row) : [],
    marketing: marketing ?? null,
    insuranceTypes: new Map((await tx.find('insurance_types', {})).map((t) => [t.id, t])),
    communicationTypes: new Map((await tx.find('communication_types', {})).map((t) => [t.id, t])),
    agentName: agent?.full_name ?? null,
  };
}

/** The longest renewal chain walked for tenure; older terms than this change nothing a prompt says. */
const CHAIN_LIMIT = 50;

/**
 * A client's terms in force and those of the other household members this user may see, with
 * each term's place in its renewal chain (tenure) and its carrier's name.
 */
async function termsInForce(tx: SqliteTx, actor: Actor, client: Row<'clients'>): Promise<TermInForce[]> {
  const members = client.household_id
    ? (await tx.find('clients', { household_id: client.household_id, deleted_at: null })).filter(
        (m) => m.id !== client.id && canAccess(actor, m),
      )
    : [];
  const out: TermInForce[] = [];
  for (const holder of [client, ...members]) {
    const terms = await tx.find('policies', { client_id: holder.id, deleted_at: null }, { limit: LIMIT });
    for (const t of terms) {
      if (!(LIVE_POLICY_STATUSES as readonly string[]).includes(t.status) || !canAccess(actor, t)) continue;
      out.push(await describeTerm(tx, t, holder.id === client.id ? 'self' : 'household'));
    }
  }
  return out.sort((a, b) => a.expiration_date.localeCompare(b.expiration_date));
}

/** One term as a prompt tells it: its carrier's name and its place in the renewal chain (tenure). */
async function describeTerm(tx: SqliteTx, t: Row<'policies'>, holder: TermInForce['holder']): Promise<TermInForce> {
  let first = t;
  let n = 1;
  while (first.renews_policy_id && n < CHAIN_LIMIT) {
    const prev = await tx.get('policies', first.renews_policy_id);
    if (!prev) break;
    first = prev;
    n++;
  }
  return {
    holder,
    insurance_type_id: t.insurance_type_id,
    carrier: (await tx.get('carriers', t.carrier_id))?.name ?? 'unknown carrier',
    status: t.status,
    effective_date: t.effective_date,
    expiration_date: t.expiration_date,
    written_premium: t.written_premium,
    premium_change_pct: t.premium_change_pct,
    billing: t.billing,
    terms: n,
    since: first.effective_date,
  };
}

/** A policy term's retention context: its client (with household and history), the term in focus. */
export async function loadPolicyContext(db: ReplicaDb, actor: Actor, id: string) {
  const tx = new SqliteTx(db);
  const policy = await visible(tx, actor, 'policies', id, 'policy');
  const ctx = await loadSubjectContext(db, actor, { client_id: policy.client_id });
  return {
    policy,
    ctx: { ...ctx, focus: { policy: await describeTerm(tx, policy, 'self') } } satisfies SubjectContext,
  };
}

function subjectOf(row: { lead_id: string | null; client_id: string | null }): SubjectRef {
  if (row.lead_id) return { lead_id: row.lead_id };
  if (row.client_id) return { client_id: row.client_id };
  throw new AppError('invalid_input', 'the record belongs to no lead or client');
}

export async function loadCommunicationContext(db: ReplicaDb, actor: Actor, id: string) {
  const communication = await visible(new SqliteTx(db), actor, 'lead_communications', id, 'communication');
  const ctx = await loadSubjectContext(db, actor, subjectOf(communication));
  return { ...ctx, focus: { communication } } satisfies SubjectContext;
}

export async function loadTicketContext(db: ReplicaDb, actor: Actor, id: string) {
  const ticket = await visible(new SqliteTx(db), actor, 'support_tickets', id, 'ticket');
  const ctx = await loadSubjectContext(db, actor, subjectOf(ticket));
  return { ...ctx, focus: { ticket } } satisfies SubjectContext;
}
