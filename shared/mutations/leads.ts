import { z } from 'zod';
import { validateCoverage, COVERAGE_COLUMNS, type CoverageColumn } from '../coverage';
import { AppError } from '../errors';
import { NEW_STATUS_ID } from '../lookups';
import type { Row } from '../model/catalogue';
import { newRow } from '../model/new-row';
import { assertCanWrite, defineMutation, f, mustGet, type MutationContext } from './define';
import { identityIssue, leadFields } from './fields';
import { fieldChanges, recordChanges } from './history';
import { recordEvent } from './timeline';
import type { Tx } from './tx';

export const coverageInput = z.object({
  column: z.enum(COVERAGE_COLUMNS as [CoverageColumn, ...CoverageColumn[]]),
  version: z.number().int(),
  doc: z.unknown(),
});

/** Validates a coverage document against its version and upgrades it to the current one. */
export function coveragePatch(input: z.infer<typeof coverageInput>): Partial<Row<'leads'>> {
  const result = validateCoverage(input.column, input.version, input.doc);
  if (!result.ok)
    throw new AppError('invalid_input', `${result.error.path} ${result.error.message}`, result.error.path);
  return { [input.column]: result.value, [`${input.column}_schema_version`]: result.version } as Partial<Row<'leads'>>;
}

/** Foreign keys a lead's fields name must point at live rows the actor may use. */
async function checkLeadRefs(tx: Tx, ctx: MutationContext, v: Partial<Row<'leads'>>) {
  if (v.insurance_type_id)
    await mustGet(tx, 'insurance_types', v.insurance_type_id, 'insurance type', 'insurance_type_id');
  if (v.status_id) await mustGet(tx, 'lead_statuses', v.status_id, 'lead status', 'status_id');
  if (v.campaign_id) await mustGet(tx, 'campaigns', v.campaign_id, 'campaign', 'campaign_id');
  if (v.address_id)
    assertCanWrite(ctx, await mustGet(tx, 'addresses', v.address_id, 'address', 'address_id'), 'address');
}

/** The field history of an edit to a lead: what `patch` changed against the lead as it was. */
export async function leadHistory(
  tx: Tx,
  ctx: MutationContext,
  before: Row<'leads'>,
  id: string,
  mutation: string,
  patch: Partial<Row<'leads'>>,
  /** The ownership the history row carries: the lead's, or its new one when the edit moves it. */
  owner: { owner_id: string; team_id: string | null } = before,
) {
  await recordChanges(tx, ctx, {
    id,
    mutation,
    record: { lead_id: before.id, client_id: null, owner_id: owner.owner_id, team_id: owner.team_id },
    changes: fieldChanges(before as Record<string, unknown>, patch),
  });
}

export async function loadLead(tx: Tx, ctx: MutationContext, id: string, field = 'lead_id') {
  const lead = await mustGet(tx, 'leads', id, 'lead', field);
  assertCanWrite(ctx, lead, 'lead');
  return lead;
}

/**
 * Whom the actor may give work to (a lead, a task): themselves; staff and managers anyone on
 * their team; an admin anyone. Agents give work to themselves only.
 */
export async function resolveOwner(tx: Tx, ctx: MutationContext, ownerId: string | undefined, field = 'owner_id') {
  if (!ownerId || ownerId === ctx.actor.userId) return { owner_id: ctx.actor.userId, team_id: ctx.actor.teamId };
  const owner = await mustGet(tx, 'users', ownerId, 'user', field);
  const target = { owner_id: owner.id, team_id: owner.team_id };
  if (ctx.actor.role === 'agent' || (ctx.actor.role !== 'admin' && owner.team_id !== ctx.actor.teamId)) {
    throw new AppError('forbidden', 'you may not assign work to that user', field);
  }
  return target;
}

export const createLead = defineMutation({
  name: 'createLead',
  args: leadFields.partial().extend({
    id: f.newId(),
    event_id: f.newId(),
    insurance_type_id: f.id(),
    status_id: f.id().default(NEW_STATUS_ID),
    owner_id: f.id().optional(),
    tags: f.tags().optional(),
    custom_fields: f.customFields().optional(),
    metadata: f.metadata().optional(),
    coverage: z.array(coverageInput).max(4).optional(),
    next_follow_up_at: f.timestamp().optional(),
  }),
  async run(tx, { event_id, coverage, owner_id, ...args }, ctx) {
    const issue = identityIssue(args);
    if (issue) throw new AppError('invalid_input', `${issue.path} ${issue.message}`, issue.path);
    if (await tx.get('leads', args.id)) throw new AppError('conflict', `lead ${args.id} already exists`, 'id');
    await checkLeadRefs(tx, ctx, args);
    const owner = await resolveOwner(tx, ctx, owner_id);
    const docs = Object.assign({}, ...(coverage ?? []).map(coveragePatch)) as Partial<Row<'leads'>>;
    const row = newRow(
      'leads',
      {
        ...args,
        ...docs,
        ...owner,
        status_changed_at: ctx.now,
        created_by: ctx.actor.userId,
        created_at: ctx.now,
        updated_at: ctx.now,
      },
      ctx.now,
    );
    await tx.insert('leads', row);
    await recordEvent(tx, ctx, {
      id: event_id,
      kind: 'created',
      subject: { lead_id: row.id, client_id: null, ...owner },
    });
    return row;
  },
});

/**
 * A field-level patch. `base` carries the values the user saw when editing, so the server can
 * tell a field someone else changed meanwhile (returned as `stale`) from one only we changed.
 */
export const updateLead = defineMutation({
  name: 'updateLead',
  args: z.object({
    id: f.id(),
    patch: leadFields.partial().refine((p) => Object.keys(p).length > 0, 'patch is empty'),
    base: f.jsonRecord(20_000).optional(),
    change_id: f.newId(),
  }),
  async run(tx, { id, patch, base, change_id }, ctx) {
    const lead = await loadLead(tx, ctx, id, 'id');
    if (lead.is_converted && (patch.lead_type || patch.insurance_type_id)) {
      throw new AppError('precondition_failed', 'a converted lead keeps its type', 'lead_type');
    }
    const merged = { ...lead, ...patch };
    const issue = identityIssue(merged);
    if (issue) throw new AppError('invalid_input', `${issue.path} ${issue.message}`, issue.path);
    await checkLeadRefs(tx, ctx, patch);
    const current = lead as Record<string, unknown>;
    const stale = Object.keys(patch).filter(
      (k) => base && k in base && JSON.stringify(base[k]) !== JSON.stringify(current[k]),
    );
    await tx.update('leads', id, { ...patch, updated_at: ctx.now });
    await leadHistory(tx, ctx, lead, change_id, 'updateLead', patch);
    return { id, changed: Object.keys(patch), stale };
  },
});

export const setCoverage = defineMutation({
  name: 'setCoverage',
  args: coverageInput.extend({ lead_id: f.id(), doc: z.unknown().nullable(), change_id: f.newId() }),
  async run(tx, { lead_id, change_id, ...input }, ctx) {
    const lead = await loadLead(tx, ctx, lead_id);
    const patch =
      input.doc === null
        ? ({ [input.column]: null, [`${input.column}_schema_version`]: null } as Partial<Row<'leads'>>)
        : coveragePatch(input);
    await tx.update('leads', lead_id, { ...patch, updated_at: ctx.now });
    await leadHistory(tx, ctx, lead, change_id, 'setCoverage', patch);
    return patch;
  },
});

/** Tag edits as adds and removes, so two devices' edits merge instead of overwriting each other. */
export const editLeadTags = defineMutation({
  name: 'editLeadTags',
  args: z.object({
    lead_id: f.id(),
    add: f.tags().default([]),
    remove: f.tags().default([]),
    change_id: f.newId(),
  }),
  async run(tx, { lead_id, add, remove, change_id }, ctx) {
    const lead = await loadLead(tx, ctx, lead_id);
    const drop = new Set(remove.map((t) => t.toLowerCase()));
    const tags = [...lead.tags.filter((t) => !drop.has(t.toLowerCase()))];
    for (const t of add) if (!tags.some((x) => x.toLowerCase() === t.toLowerCase())) tags.push(t);
    if (tags.length > 50) throw new AppError('invalid_input', 'a lead has 50 tags at most', 'add');
    await tx.update('leads', lead_id, { tags, updated_at: ctx.now });
    await leadHistory(tx, ctx, lead, change_id, 'editLeadTags', { tags });
    return { tags };
  },
});

/** Custom-field edits key by key (set and unset), for the same reason. */
export const editCustomFields = defineMutation({
  name: 'editCustomFields',
  args: z.object({
    lead_id: f.id(),
    set: f.customFields().default({}),
    unset: z.array(z.string().max(60)).max(100).default([]),
    change_id: f.newId(),
  }),
  async run(tx, { lead_id, set, unset, change_id }, ctx) {
    const lead = await loadLead(tx, ctx, lead_id);
    const fields: Record<string, unknown> = { ...lead.custom_fields, ...set };
    for (const k of unset) delete fields[k];
    if (Object.keys(fields).length > 100)
      throw new AppError('invalid_input', 'a lead has 100 custom fields at most', 'set');
    await tx.update('leads', lead_id, { custom_fields: fields, updated_at: ctx.now });
    await leadHistory(tx, ctx, lead, change_id, 'editCustomFields', { custom_fields: fields });
    return { custom_fields: fields };
  },
});
