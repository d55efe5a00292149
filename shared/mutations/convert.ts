import { z } from 'zod';
import { addMonths, commissionAmount } from '../book/terms';
import type { CommercialData } from '../coverage';
import { AppError } from '../errors';
import { CONVERTED_STATUS_ID } from '../lookups';
import type { Row } from '../model/catalogue';
import { newRow } from '../model/new-row';
import { defineMutation, f, mustGet, type MutationContext } from './define';
import { loadLead } from './leads';
import { liveCarrier, termMonths } from './policies';
import { recordEvent } from './timeline';
import type { Tx } from './tx';

/** The client a lead becomes: an individual or a business, by the lead's type. */
function clientFromLead(lead: Row<'leads'>, clientId: string, ctx: MutationContext): Row<'clients'> {
  const shared = {
    id: clientId,
    owner_id: lead.owner_id,
    team_id: lead.team_id,
    client_type: lead.lead_type,
    email: lead.email,
    phone: lead.phone,
    preferred_contact_method: lead.preferred_contact_method,
    address_id: lead.address_id,
    mailing_address_id: lead.address_id,
    source: lead.source,
    tags: lead.tags,
    custom_fields: lead.custom_fields,
    client_since: ctx.now,
    last_contact_at: lead.last_contacted_at,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
  if (lead.lead_type === 'individual') {
    return newRow(
      'clients',
      { ...shared, first_name: lead.first_name ?? '', last_name: lead.last_name, date_of_birth: lead.date_of_birth },
      ctx.now,
    );
  }
  const biz = (lead.commercial_data ?? null) as Partial<CommercialData> | null;
  const employees = biz?.employees ? biz.employees.fullTime + biz.employees.partTime : null;
  // Coverage documents allow numbers the client's columns cannot hold (numeric(12,2), integer);
  // those stay in the lead's document only, so the conversion stores the same on both sides.
  const revenue = biz?.annualRevenue == null ? null : Math.round(biz.annualRevenue * 100) / 100;
  return newRow(
    'clients',
    {
      ...shared,
      business_name: lead.business_name,
      industry: biz?.businessType ?? null,
      naics_code: biz?.naicsCode ?? null,
      annual_revenue: revenue !== null && revenue <= 9_999_999_999.99 ? revenue : null,
      employee_count: employees !== null && employees <= 2_147_483_647 ? employees : null,
    },
    ctx.now,
  );
}

/** The opportunity the sale closes: the one named, else the open one worth most, else a new one. */
async function winningOpportunity(tx: Tx, lead: Row<'leads'>, named: string | undefined) {
  if (named) {
    const opp = await mustGet(tx, 'opportunities', named, 'opportunity', 'opportunity_id');
    if (opp.lead_id !== lead.id)
      throw new AppError('invalid_input', 'that opportunity belongs to another lead', 'opportunity_id');
    if (opp.stage === 'lost') throw new AppError('precondition_failed', 'that opportunity was lost', 'opportunity_id');
    return opp;
  }
  const open = (await tx.find('opportunities', { lead_id: lead.id, deleted_at: null })).filter(
    (o) => o.stage !== 'won' && o.stage !== 'lost',
  );
  open.sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0) || a.created_at.localeCompare(b.created_at));
  return open[0];
}

/**
 * The one-way conversion of a lead into a client, in the caller's single transaction: create the
 * client, carry the address, move the contacts, mark the lead converted, win the opportunity and
 * write the timeline event. Referral details stay in the lead's metadata; no column points from
 * the client back to the lead (client_lead_history finds it).
 */
export const convertLead = defineMutation({
  name: 'convertLead',
  args: z.object({
    lead_id: f.id(),
    client_id: f.newId(),
    event_id: f.newId(),
    opportunity_id: f.id().optional(),
    /** Used only when the lead has no open opportunity to win. */
    new_opportunity_id: f.newId(),
    policy_number: f.shortText().optional(),
    premium: f.money().optional(),
    /** With a carrier, the sale is also written as the client's first policy term. */
    carrier_id: f.id().optional(),
    effective_date: f.date().optional(),
    expiration_date: f.date().optional(),
    commission_rate: z
      .number()
      .finite()
      .min(0, 'cannot be negative')
      .max(100, 'is a percentage (100 at most)')
      .optional(),
    policy_id: f.newId(),
  }),
  async run(tx, args, ctx) {
    const lead = await loadLead(tx, ctx, args.lead_id);
    if (lead.is_converted) {
      throw new AppError(
        'precondition_failed',
        `lead ${lead.id} was already converted to client ${lead.converted_to_client_id}`,
        'lead_id',
      );
    }
    const status = await mustGet(tx, 'lead_statuses', lead.status_id, 'lead status');
    if (status.category === 'lost')
      throw new AppError(
        'precondition_failed',
        `a ${status.name.toLowerCase()} lead cannot be converted; reopen it first`,
        'lead_id',
      );
    if (await tx.get('clients', args.client_id))
      throw new AppError('conflict', `client ${args.client_id} already exists`, 'client_id');
    const term = args.carrier_id ? await termPlan(tx, args, ctx) : null;

    const client = clientFromLead(lead, args.client_id, ctx);
    await tx.insert('clients', client);

    const contacts = await tx.find('contacts', { lead_id: lead.id });
    for (const c of contacts)
      await tx.update('contacts', c.id, { lead_id: null, client_id: client.id, updated_at: ctx.now });
    for (const m of await tx.find('lead_marketing_settings', { lead_id: lead.id })) {
      await tx.update('lead_marketing_settings', m.id, { client_id: client.id, updated_at: ctx.now });
    }

    const premium = args.premium ?? lead.quoted_premium;
    const opp = await winningOpportunity(tx, lead, args.opportunity_id);
    const won = {
      stage: 'won' as const,
      probability: 100,
      closed_at: ctx.now,
      stage_changed_at: ctx.now,
      client_id: client.id,
      updated_at: ctx.now,
    };
    const policy = args.policy_number ? { policy_number: args.policy_number } : {};
    let opportunityId: string;
    if (opp) {
      opportunityId = opp.id;
      await tx.update('opportunities', opp.id, { ...won, ...policy, amount: opp.amount ?? premium });
    } else {
      opportunityId = args.new_opportunity_id;
      const type = await mustGet(tx, 'insurance_types', lead.insurance_type_id, 'insurance type');
      await tx.insert(
        'opportunities',
        newRow(
          'opportunities',
          {
            id: opportunityId,
            lead_id: lead.id,
            owner_id: lead.owner_id,
            team_id: lead.team_id,
            name: type.name,
            insurance_type_id: type.id,
            amount: premium,
            ...won,
            ...policy,
            created_by: ctx.actor.userId,
            created_at: ctx.now,
          },
          ctx.now,
        ),
      );
    }

    const final = opp ? (opp.amount ?? premium) : premium;
    const policyId = term ? await writeTerm(tx, ctx, term, lead, client, opp, opportunityId, final) : null;

    await tx.update('leads', lead.id, {
      is_converted: true,
      conversion_date: ctx.now,
      converted_to_client_id: client.id,
      status_id: CONVERTED_STATUS_ID,
      status_changed_at: ctx.now,
      next_follow_up_at: null,
      follow_up_note: null,
      updated_at: ctx.now,
    });
    await recordEvent(tx, ctx, {
      id: args.event_id,
      kind: 'converted',
      subject: { lead_id: lead.id, client_id: client.id, owner_id: lead.owner_id, team_id: lead.team_id },
      payload: {
        from_status: lead.status_id,
        opportunity_id: opportunityId,
        contacts_moved: contacts.length,
        premium: premium ?? null,
        ...(policyId ? { policy_id: policyId } : {}),
      },
    });
    return {
      lead_id: lead.id,
      client_id: client.id,
      opportunity_id: opportunityId,
      contacts_moved: contacts.length,
      ...(policyId ? { policy_id: policyId } : {}),
    };
  },
});

interface TermArgs {
  carrier_id?: string;
  policy_number?: string;
  effective_date?: string;
  expiration_date?: string;
  commission_rate?: number;
  policy_id: string;
}

interface TermPlan {
  id: string;
  carrier: Row<'carriers'>;
  policy_number: string;
  effective: string;
  expiration: string;
  months: number;
  rate: number | null;
}

/** The term a conversion writes, checked before anything is written: carrier, number and dates. */
async function termPlan(tx: Tx, args: TermArgs, ctx: MutationContext): Promise<TermPlan> {
  const carrier = await liveCarrier(tx, args.carrier_id!);
  if (!args.policy_number)
    throw new AppError('invalid_input', 'policy_number: is required to write the policy', 'policy_number');
  if (await tx.get('policies', args.policy_id))
    throw new AppError('conflict', `policy ${args.policy_id} already exists`, 'policy_id');
  const effective = args.effective_date ?? ctx.now.slice(0, 10);
  const expiration = args.expiration_date ?? addMonths(effective, 12);
  const months = termMonths(effective, expiration);
  return {
    id: args.policy_id,
    carrier,
    policy_number: args.policy_number,
    effective,
    expiration,
    months,
    rate: args.commission_rate ?? null,
  };
}

/**
 * The won sale as the client's first policy term: the opportunity's line (else the lead's), its
 * premium, and the lead's coverage document for that line, as it stands (already current).
 */
async function writeTerm(
  tx: Tx,
  ctx: MutationContext,
  term: TermPlan,
  lead: Row<'leads'>,
  client: Row<'clients'>,
  opp: Row<'opportunities'> | undefined,
  opportunityId: string,
  premium: number | null,
): Promise<string> {
  if (premium === null)
    throw new AppError('invalid_input', 'premium: is required to write the policy (none was quoted)', 'premium');
  const type = await mustGet(tx, 'insurance_types', opp?.insurance_type_id ?? lead.insurance_type_id, 'insurance type');
  const doc = type.coverage_doc;
  const coverage =
    doc && lead[doc] !== null ? { [doc]: lead[doc], [`${doc}_schema_version`]: lead[`${doc}_schema_version`] } : {};
  await tx.insert(
    'policies',
    newRow(
      'policies',
      {
        id: term.id,
        owner_id: client.owner_id,
        team_id: client.team_id,
        client_id: client.id,
        carrier_id: term.carrier.id,
        insurance_type_id: type.id,
        opportunity_id: opportunityId,
        policy_number: term.policy_number,
        effective_date: term.effective,
        expiration_date: term.expiration,
        term_months: term.months,
        written_premium: premium,
        commission_rate: term.rate,
        commission_amount: commissionAmount(premium, term.rate),
        ...coverage,
        status_changed_at: ctx.now,
        created_at: ctx.now,
        updated_at: ctx.now,
      },
      ctx.now,
    ),
  );
  return term.id;
}
