import { z } from 'zod';
import { addMonths, commissionAmount, premiumChangePct } from '../book/terms';
import { AppError } from '../errors';
import type { Row } from '../model/catalogue';
import { newRow } from '../model/new-row';
import { LIVE_POLICY_STATUSES } from '../model/tables/policies';
import { defineMutation, f, mustGet } from './define';
import { coverageInput } from './leads';
import { liveCarrier, loadPolicy, policyCoverage, termMonths } from './policies';

const reason = () => z.string().trim().min(1, 'is required').max(500, 'is too long (500 characters at most)');
const isLive = (p: Row<'policies'>) => (LIVE_POLICY_STATUSES as readonly string[]).includes(p.status);
const COVERAGE_KEYS = [
  'auto_data',
  'auto_data_schema_version',
  'home_data',
  'home_data_schema_version',
  'specialty_data',
  'specialty_data_schema_version',
  'commercial_data',
  'commercial_data_schema_version',
] as const;

/**
 * Renews a term: the old term closes as `renewed` and the next term, linked to it, starts where
 * it ended (unless told otherwise) with its new premium and the change in percent. An expired
 * term may still be renewed late; a cancelled, non-renewed or already renewed one may not.
 */
export const renewPolicy = defineMutation({
  name: 'renewPolicy',
  args: z.object({
    policy_id: f.id(),
    new_policy_id: f.newId(),
    written_premium: f.money(),
    effective_date: f.date().optional(),
    expiration_date: f.date().optional(),
    policy_number: z.string().trim().min(1, 'is required').max(60, 'is too long (60 characters at most)').optional(),
    carrier_id: f.id().optional(),
    commission_rate: z
      .number()
      .finite()
      .min(0, 'cannot be negative')
      .max(100, 'is a percentage (100 at most)')
      .optional(),
    coverage: coverageInput.optional(),
  }),
  async run(tx, args, ctx) {
    const old = await loadPolicy(tx, ctx, args.policy_id);
    if (!isLive(old) && old.status !== 'expired')
      throw new AppError(
        'precondition_failed',
        `a ${old.status.replace('_', '-')} term cannot be renewed`,
        'policy_id',
      );
    const [already] = await tx.find('policies', { renews_policy_id: old.id });
    if (already) throw new AppError('conflict', `this term was already renewed by ${already.id}`, 'policy_id');
    if (await tx.get('policies', args.new_policy_id))
      throw new AppError('conflict', `policy ${args.new_policy_id} already exists`, 'new_policy_id');
    const effective = args.effective_date ?? old.expiration_date;
    const expiration = args.expiration_date ?? addMonths(effective, old.term_months);
    const months = termMonths(effective, expiration);
    const carrierId = args.carrier_id ?? old.carrier_id;
    if (args.carrier_id) await liveCarrier(tx, args.carrier_id);
    const type = await mustGet(tx, 'insurance_types', old.insurance_type_id, 'insurance type');
    const rate = args.commission_rate ?? old.commission_rate;
    const carried = Object.fromEntries(COVERAGE_KEYS.map((k) => [k, old[k]])) as Partial<Row<'policies'>>;
    const change = premiumChangePct(old.written_premium, args.written_premium);
    const next = newRow(
      'policies',
      {
        id: args.new_policy_id,
        owner_id: old.owner_id,
        team_id: old.team_id,
        client_id: old.client_id,
        carrier_id: carrierId,
        insurance_type_id: old.insurance_type_id,
        renews_policy_id: old.id,
        policy_number: args.policy_number ?? old.policy_number,
        status: 'active',
        effective_date: effective,
        expiration_date: expiration,
        term_months: months,
        written_premium: args.written_premium,
        premium_change_pct: change,
        billing: old.billing,
        commission_rate: rate,
        commission_amount: commissionAmount(args.written_premium, rate),
        ...carried,
        ...policyCoverage(type, args.coverage),
        tags: old.tags,
        status_changed_at: ctx.now,
        created_at: ctx.now,
        updated_at: ctx.now,
      },
      ctx.now,
    );
    await tx.update('policies', old.id, { status: 'renewed', status_changed_at: ctx.now, updated_at: ctx.now });
    await tx.insert('policies', next);
    return next;
  },
});

export const cancelPolicy = defineMutation({
  name: 'cancelPolicy',
  args: z.object({ policy_id: f.id(), cancellation_date: f.date(), reason: reason() }),
  async run(tx, { policy_id, cancellation_date, reason }, ctx) {
    const policy = await loadPolicy(tx, ctx, policy_id);
    if (!isLive(policy))
      throw new AppError(
        'precondition_failed',
        `a ${policy.status.replace('_', '-')} term cannot be cancelled`,
        'policy_id',
      );
    if (cancellation_date < policy.effective_date || cancellation_date > policy.expiration_date)
      throw new AppError(
        'invalid_input',
        `cancellation_date: must fall within the term (${policy.effective_date} to ${policy.expiration_date})`,
        'cancellation_date',
      );
    await tx.update('policies', policy_id, {
      status: 'cancelled',
      cancellation_date,
      cancellation_reason: reason,
      status_changed_at: ctx.now,
      updated_at: ctx.now,
    });
    return { policy_id, status: 'cancelled' as const };
  },
});

/** The term runs to its end and is not renewed (the carrier's or the insured's decision). */
export const markNonRenewed = defineMutation({
  name: 'markNonRenewed',
  args: z.object({ policy_id: f.id(), reason: reason() }),
  async run(tx, { policy_id, reason }, ctx) {
    const policy = await loadPolicy(tx, ctx, policy_id);
    if (!isLive(policy) && policy.status !== 'expired')
      throw new AppError(
        'precondition_failed',
        `a ${policy.status.replace('_', '-')} term cannot be marked non-renewed`,
        'policy_id',
      );
    await tx.update('policies', policy_id, {
      status: 'non_renewed',
      non_renewal_reason: reason,
      status_changed_at: ctx.now,
      updated_at: ctx.now,
    });
    return { policy_id, status: 'non_renewed' as const };
  },
});

/** Undoes a cancellation or a non-renewal: the term is active again and its reasons cleared. */
export const reinstatePolicy = defineMutation({
  name: 'reinstatePolicy',
  args: z.object({ policy_id: f.id() }),
  async run(tx, { policy_id }, ctx) {
    const policy = await loadPolicy(tx, ctx, policy_id);
    if (policy.status !== 'cancelled' && policy.status !== 'non_renewed')
      throw new AppError('precondition_failed', `only a cancelled or non-renewed term is reinstated`, 'policy_id');
    await tx.update('policies', policy_id, {
      status: 'active',
      cancellation_date: null,
      cancellation_reason: null,
      non_renewal_reason: null,
      status_changed_at: ctx.now,
      updated_at: ctx.now,
    });
    return { policy_id, status: 'active' as const };
  },
});

/** The seed's "renewals as new opportunities": an open opportunity on the client for this term's renewal. */
export const createRenewalOpportunity = defineMutation({
  name: 'createRenewalOpportunity',
  args: z.object({ policy_id: f.id(), opportunity_id: f.newId() }),
  async run(tx, { policy_id, opportunity_id }, ctx) {
    const policy = await loadPolicy(tx, ctx, policy_id);
    if (!isLive(policy))
      throw new AppError(
        'precondition_failed',
        `a ${policy.status.replace('_', '-')} term has no renewal to sell`,
        'policy_id',
      );
    const open = (await tx.find('opportunities', { client_id: policy.client_id, deleted_at: null })).find(
      (o) => o.metadata.renews_policy_id === policy.id && o.stage !== 'lost',
    );
    if (open) throw new AppError('conflict', `this term already has renewal opportunity ${open.id}`, 'policy_id');
    const type = await mustGet(tx, 'insurance_types', policy.insurance_type_id, 'insurance type');
    const carrier = await mustGet(tx, 'carriers', policy.carrier_id, 'carrier');
    const row = newRow(
      'opportunities',
      {
        id: opportunity_id,
        client_id: policy.client_id,
        owner_id: policy.owner_id,
        team_id: policy.team_id,
        insurance_type_id: policy.insurance_type_id,
        name: `Renewal: ${type.name} ${policy.policy_number}`.slice(0, 120),
        stage: 'quoting',
        amount: policy.written_premium,
        expected_close_date: policy.expiration_date,
        carrier: carrier.name,
        policy_number: policy.policy_number,
        stage_changed_at: ctx.now,
        metadata: { renews_policy_id: policy.id },
        created_at: ctx.now,
        updated_at: ctx.now,
      },
      ctx.now,
    );
    await tx.insert('opportunities', row);
    return row;
  },
});
