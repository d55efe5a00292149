import { z } from 'zod';
import { annotationPatch, AI_FIELDS, type AnnotationPatch } from '../ai/annotations';
import { AppError } from '../errors';
import type { Row } from '../model/catalogue';
import { newRow } from '../model/new-row';
import { AI_INTERACTION_TYPES } from '../model/tables/service';
import { assertCanWrite, defineMutation, f, mustGet, type MutationContext } from './define';
import type { Tx } from './tx';

/**
 * AI results enter the data only through these two mutations, so they land in the outbox and
 * sync like any other change, and the gateway re-checks them: only whitelisted AI columns,
 * only on records the actor may write.
 */

/** Writes an annotation patch; ai_insights is merged key by key so one task does not erase another's. */
async function applyPatch(tx: Tx, ctx: MutationContext, patch: AnnotationPatch) {
  const row = await mustGet(
    tx,
    patch.table,
    patch.id,
    patch.table.replace(/s$/, '').replace('_', ' '),
    'annotations.id',
  );
  assertCanWrite(ctx, row, 'record');
  const fields: Record<string, unknown> = { ...patch.fields };
  if ('ai_insights' in fields && fields.ai_insights) {
    const current = (row as { ai_insights?: Record<string, unknown> | null }).ai_insights ?? {};
    fields.ai_insights = { ...current, ...(fields.ai_insights as Record<string, unknown>) };
  }
  await tx.update(patch.table, patch.id, { ...fields, ai_updated_at: ctx.now, updated_at: ctx.now } as Partial<
    Row<typeof patch.table>
  >);
  return { table: patch.table, id: patch.id, changed: Object.keys(patch.fields) };
}

export const applyAiAnnotations = defineMutation({
  name: 'applyAiAnnotations',
  args: annotationPatch,
  async run(tx, patch, ctx) {
    return applyPatch(tx, ctx, patch);
  },
});

const count = () => z.number().int().min(0).max(100_000_000).nullable().default(null);
const optionalId = () => f.id().nullable().default(null);

/**
 * Records one call to a model — the audit trail and the memory later prompts draw on — and,
 * for a successful call, the annotations its result fills, in the same transaction: a result
 * is never stored without its record, nor a record of success without its result.
 */
export const recordAiInteraction = defineMutation({
  name: 'recordAiInteraction',
  args: z
    .object({
      id: f.newId(),
      type: z.enum(AI_INTERACTION_TYPES),
      lead_id: optionalId(),
      client_id: optionalId(),
      communication_id: optionalId(),
      ticket_id: optionalId(),
      provider: z.string().max(120).nullable().default(null),
      model: z.string().trim().min(1).max(200),
      temperature: z.number().min(0).max(2).nullable().default(null),
      prompt: z.string().min(1).max(400_000),
      response: z.string().max(200_000).nullable().default(null),
      summary: z.string().max(2000).nullable().default(null),
      status: z.enum(['ok', 'error']),
      error: z.string().max(2000).nullable().default(null),
      prompt_tokens: count(),
      completion_tokens: count(),
      total_tokens: count(),
      latency_ms: count(),
      metadata: f.metadata().default({}),
      annotations: annotationPatch.optional(),
    })
    .refine((a) => a.status === 'ok' || !a.annotations, {
      message: 'a failed call writes no AI fields',
      path: ['annotations'],
    })
    .refine((a) => a.status === 'ok' || a.error, { message: 'a failed call needs its error', path: ['error'] })
    .refine((a) => a.lead_id || a.client_id || a.communication_id || a.ticket_id, {
      message: 'name the record the call was about',
      path: ['lead_id'],
    }),
  async run(tx, args, ctx) {
    const { annotations, ...fields } = args;
    const refs = await resolveRefs(tx, ctx, fields);
    if (annotations && !(await relatedTo(tx, annotations, refs))) {
      throw new AppError('invalid_input', 'annotations must be about the record the call was about', 'annotations.id');
    }
    const row = newRow(
      'ai_interactions',
      { ...fields, ...refs, user_id: ctx.actor.userId, created_at: ctx.now, updated_at: ctx.now },
      ctx.now,
    );
    await tx.insert('ai_interactions', row);
    const applied = annotations ? await applyPatch(tx, ctx, annotations) : null;
    return { id: row.id, applied };
  },
});

interface Refs {
  lead_id: string | null;
  client_id: string | null;
  communication_id: string | null;
  ticket_id: string | null;
  owner_id: string;
  team_id: string | null;
}

/**
 * The interaction is owned like the record it is about (so it syncs, and moves, with it), and
 * a communication's or ticket's lead/client is filled in so the lead's history finds it.
 */
async function resolveRefs(tx: Tx, ctx: MutationContext, a: Omit<Refs, 'owner_id' | 'team_id'>): Promise<Refs> {
  let { lead_id, client_id } = a;
  let owner: { owner_id: string; team_id: string | null } | null = null;
  for (const [table, id, label] of [
    ['lead_communications', a.communication_id, 'communication'],
    ['support_tickets', a.ticket_id, 'ticket'],
  ] as const) {
    if (!id) continue;
    const row = await mustGet(tx, table, id, label, `${label}_id`);
    assertCanWrite(ctx, row, label);
    if (lead_id && row.lead_id && row.lead_id !== lead_id)
      throw new AppError('invalid_input', `the ${label} belongs to another lead`, 'lead_id');
    lead_id ??= row.lead_id;
    client_id ??= row.client_id;
    owner ??= row;
  }
  if (lead_id) {
    const lead = await mustGet(tx, 'leads', lead_id, 'lead', 'lead_id');
    assertCanWrite(ctx, lead, 'lead');
    owner ??= lead;
  }
  if (client_id) {
    const client = await mustGet(tx, 'clients', client_id, 'client', 'client_id');
    assertCanWrite(ctx, client, 'client');
    owner ??= client;
  }
  if (!owner) throw new AppError('invalid_input', 'name the record the call was about', 'lead_id');
  return {
    lead_id,
    client_id,
    communication_id: a.communication_id,
    ticket_id: a.ticket_id,
    owner_id: owner.owner_id,
    team_id: owner.team_id,
  };
}

async function relatedTo(tx: Tx, patch: AnnotationPatch, refs: Refs): Promise<boolean> {
  // A policy term's call is recorded on its client (ai_interactions has no policy column).
  if (patch.table === 'policies') return (await tx.get('policies', patch.id))?.client_id === refs.client_id;
  const byTable: Partial<Record<keyof typeof AI_FIELDS, string | null>> = {
    leads: refs.lead_id,
    clients: refs.client_id,
    lead_communications: refs.communication_id,
    support_tickets: refs.ticket_id,
  };
  return byTable[patch.table] === patch.id;
}
