import { z } from 'zod';
import { commissionAmount, monthsBetween } from '../book/terms';
import { AppError } from '../errors';
import { INSURANCE_TYPES } from '../lookups';
import type { Row } from '../model/catalogue';
import { newRow } from '../model/new-row';
import { BILLING_TYPES } from '../model/tables/policies';
import { assertCanWrite, defineMutation, f, mustGet, type MutationContext } from './define';
import { coverageInput, coveragePatch } from './leads';
import type { Tx } from './tx';
import { fieldChanges, recordChanges } from './history';

/** A policy number as carriers print them; 60 characters is more than any carrier uses. */
const policyNumber = () => z.string().trim().min(1, 'is required').max(60, 'is too long (60 characters at most)');

/** The editable facts of a term, named as the columns they fill (addPolicy and updatePolicy share them). */
export const policyFields = z.object({
  carrier_id: f.id(),
  insurance_type_id: f.id(),
  policy_number: policyNumber(),
  effective_date: f.date(),
  expiration_date: f.date(),
  written_premium: f.money(),
  billing: z.enum(BILLING_TYPES),
  commission_rate: z
    .number()
    .finite()
    .min(0, 'cannot be negative')
    .max(100, 'is a percentage (100 at most)')
    .transform((n) => Math.round(n * 100) / 100)
    .nullable(),
});

export async function loadPolicy(tx: Tx, ctx: MutationContext, id: string, field = 'policy_id') {
  const policy = await mustGet(tx, 'policies', id, 'policy', field);
  assertCanWrite(ctx, policy, 'policy');
  return policy;
}

/** A carrier that exists and still takes business. */
export async function liveCarrier(tx: Tx, id: string, field = 'carrier_id') {
  const carrier = await mustGet(tx, 'carriers', id, 'carrier', field);
  if (!carrier.is_active) throw new AppError('precondition_failed', `${carrier.name} is no longer active`, field);
  return carrier;
}

/** A term's dates in order and at most ten years long; returns its length in months. */
export function termMonths(effective: string, expiration: string): number {
  if (expiration <= effective)
    throw new AppError('invalid_input', 'expiration_date: must be after effective_date', 'expiration_date');
  const months = Math.max(1, monthsBetween(effective, expiration));
  if (months > 120)
    throw new AppError('invalid_input', 'expiration_date: a term is ten years at most', 'expiration_date');
  return months;
}

/** The coverage document of a term, in the column its line is quoted with. */
export function policyCoverage(
  type: Row<'insurance_types'>,
  input: z.infer<typeof coverageInput> | undefined,
): Partial<Row<'policies'>> {
  if (!input) return {};
  if (type.coverage_doc !== input.column)
    throw new AppError(
      'invalid_input',
      `coverage.column: ${type.name} is described by ${type.coverage_doc ?? 'no coverage document'}`,
      'coverage.column',
    );
  return coveragePatch(input) as Partial<Row<'policies'>>;
}

export const addPolicy = defineMutation({
  name: 'addPolicy',
  args: policyFields.partial({ billing: true, commission_rate: true }).extend({
    id: f.newId(),
    client_id: f.id(),
    status: z.enum(['active', 'pending']).default('active'),
    opportunity_id: f.id().optional(),
    coverage: coverageInput.optional(),
    tags: f.tags().optional(),
  }),
  async run(tx, { coverage, ...args }, ctx) {
    const months = termMonths(args.effective_date, args.expiration_date);
    if (await tx.get('policies', args.id)) throw new AppError('conflict', `policy ${args.id} already exists`, 'id');
    const client = await mustGet(tx, 'clients', args.client_id, 'client', 'client_id');
    assertCanWrite(ctx, client, 'client');
    await liveCarrier(tx, args.carrier_id);
    const type = await mustGet(tx, 'insurance_types', args.insurance_type_id, 'insurance type', 'insurance_type_id');
    if (args.opportunity_id) await mustGet(tx, 'opportunities', args.opportunity_id, 'opportunity', 'opportunity_id');
    const row = newRow(
      'policies',
      {
        ...args,
        ...policyCoverage(type, coverage),
        owner_id: client.owner_id,
        team_id: client.team_id,
        term_months: months,
        commission_amount: commissionAmount(args.written_premium, args.commission_rate),
        status_changed_at: ctx.now,
        created_at: ctx.now,
        updated_at: ctx.now,
      },
      ctx.now,
    );
    await tx.insert('policies', row);
    return row;
  },
});

/**
 * A field-level patch of a term, like updateLead: `base` carries the values the user saw, so a
 * field someone else changed meanwhile comes back as `stale`. Status moves through the named
 * mutations (renew, cancel, non-renew, reinstate), never a patch.
 */
export const updatePolicy = defineMutation({
  name: 'updatePolicy',
  args: z.object({
    id: f.id(),
    patch: policyFields
      .partial()
      .extend({ coverage: coverageInput.optional() })
      .refine((p) => Object.keys(p).length > 0, 'patch is empty'),
    base: f.jsonRecord(20_000).optional(),
    change_id: f.newId(),
  }),
  async run(tx, { id, patch: { coverage, ...patch }, base, change_id }, ctx) {
    const policy = await loadPolicy(tx, ctx, id, 'id');
    const merged = { ...policy, ...patch };
    const months = termMonths(merged.effective_date, merged.expiration_date);
    if (patch.carrier_id && patch.carrier_id !== policy.carrier_id) await liveCarrier(tx, patch.carrier_id);
    const type = await mustGet(tx, 'insurance_types', merged.insurance_type_id, 'insurance type', 'insurance_type_id');
    const current = policy as Record<string, unknown>;
    const stale = Object.keys(patch).filter(
      (k) => base && k in base && JSON.stringify(base[k]) !== JSON.stringify(current[k]),
    );
    await tx.update('policies', id, {
      ...patch,
      ...policyCoverage(type, coverage),
      term_months: months,
      commission_amount: commissionAmount(merged.written_premium, merged.commission_rate),
      updated_at: ctx.now,
    });
    // The term's field history, in the same transaction (shown on the policy page).
    await recordChanges(tx, ctx, {
      id: change_id,
      mutation: 'updatePolicy',
      record: { lead_id: null, client_id: null, policy_id: id, owner_id: policy.owner_id, team_id: policy.team_id },
      changes: fieldChanges(current, patch),
    });
    return { id, changed: [...Object.keys(patch), ...(coverage ? ['coverage'] : [])], stale };
  },
});

const LINE_CODES = INSURANCE_TYPES.map((t) => t.code) as [string, ...string[]];

/** An agency's own carrier beside the seeded ones; agents sell, office staff and managers appoint. */
export const addCarrier = defineMutation({
  name: 'addCarrier',
  args: z.object({
    id: f.newId(),
    name: f.name(),
    naic_code: z
      .string()
      .regex(/^\d{5}$/, 'is a five-digit NAIC company code')
      .optional(),
    lines: z.array(z.enum(LINE_CODES)).max(LINE_CODES.length).default([]),
    producer_code: f.shortText().optional(),
    color: z
      .string()
      .regex(/^#[0-9a-f]{6}$/i, 'is a #rrggbb color')
      .optional(),
  }),
  async run(tx, args, ctx) {
    if (ctx.actor.role === 'agent')
      throw new AppError('forbidden', 'only staff, managers and admins add carriers', 'name');
    if (await tx.get('carriers', args.id)) throw new AppError('conflict', `carrier ${args.id} already exists`, 'id');
    const same = (await tx.find('carriers', {})).find((c) => c.name.toLowerCase() === args.name.toLowerCase());
    if (same) throw new AppError('conflict', `a carrier named ${same.name} already exists`, 'name');
    const row = newRow(
      'carriers',
      {
        id: args.id,
        name: args.name,
        naic_code: args.naic_code ?? null,
        lines: args.lines,
        producer_code: args.producer_code ?? null,
        sort_order: 1000,
        created_at: ctx.now,
        updated_at: ctx.now,
        ...(args.color ? { color: args.color } : {}),
      },
      ctx.now,
    );
    await tx.insert('carriers', row);
    return row;
  },
});
