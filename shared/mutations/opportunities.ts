import { z } from 'zod';
import { AppError } from '../errors';
import { newRow } from '../model/new-row';
import { OPEN_OPPORTUNITY_STAGES } from '../model/tables/opportunities';
import { assertCanWrite, defineMutation, f, mustGet, type MutationContext } from './define';
import { subjectRef } from './fields';
import { loadSubject } from './subject';
import type { Tx } from './tx';

async function loadOpenOpportunity(tx: Tx, ctx: MutationContext, id: string) {
  const opp = await mustGet(tx, 'opportunities', id, 'opportunity', 'id');
  assertCanWrite(ctx, opp, 'opportunity');
  if (opp.stage === 'won' || opp.stage === 'lost')
    throw new AppError('precondition_failed', `this opportunity is already ${opp.stage}`, 'id');
  return opp;
}

export const createOpportunity = defineMutation({
  name: 'createOpportunity',
  args: subjectRef.and(
    z.object({
      id: f.newId(),
      name: f.name(),
      insurance_type_id: f.id().optional(),
      stage: z.enum(OPEN_OPPORTUNITY_STAGES).default('prospecting'),
      amount: f.money().optional(),
      probability: z.number().int().min(0).max(100).optional(),
      expected_close_date: f.date().optional(),
      carrier: f.shortText().optional(),
    }),
  ),
  async run(tx, args, ctx) {
    const subject = await loadSubject(tx, ctx, args);
    if (subject.lead?.is_converted)
      throw new AppError(
        'precondition_failed',
        'this lead is a client now; add the opportunity to the client',
        'lead_id',
      );
    if (args.insurance_type_id)
      await mustGet(tx, 'insurance_types', args.insurance_type_id, 'insurance type', 'insurance_type_id');
    const row = newRow(
      'opportunities',
      {
        id: args.id,
        lead_id: subject.lead_id,
        client_id: subject.client_id,
        owner_id: subject.owner_id,
        team_id: subject.team_id,
        name: args.name,
        insurance_type_id: args.insurance_type_id ?? subject.lead?.insurance_type_id ?? null,
        stage: args.stage,
        amount: args.amount ?? null,
        probability: args.probability ?? null,
        expected_close_date: args.expected_close_date ?? null,
        carrier: args.carrier ?? null,
        stage_changed_at: ctx.now,
        created_by: ctx.actor.userId,
        created_at: ctx.now,
        updated_at: ctx.now,
      },
      ctx.now,
    );
    await tx.insert('opportunities', row);
    return row;
  },
});

export const moveOpportunityStage = defineMutation({
  name: 'moveOpportunityStage',
  args: z.object({
    id: f.id(),
    stage: z.enum(OPEN_OPPORTUNITY_STAGES),
    probability: z.number().int().min(0).max(100).optional(),
  }),
  async run(tx, { id, stage, probability }, ctx) {
    const opp = await loadOpenOpportunity(tx, ctx, id);
    if (opp.stage === stage) return { id, stage, changed: false };
    await tx.update('opportunities', id, {
      stage,
      stage_changed_at: ctx.now,
      updated_at: ctx.now,
      ...(probability === undefined ? {} : { probability }),
    });
    return { id, stage, changed: true };
  },
});

export const closeOpportunity = defineMutation({
  name: 'closeOpportunity',
  args: z.object({
    id: f.id(),
    outcome: z.enum(['won', 'lost']),
    reason: f.shortText().optional(),
    amount: f.money().optional(),
    carrier: f.shortText().optional(),
    policy_number: f.shortText().optional(),
    effective_date: f.date().optional(),
  }),
  async run(tx, { id, outcome, reason, ...won }, ctx) {
    await loadOpenOpportunity(tx, ctx, id);
    await tx.update('opportunities', id, {
      stage: outcome,
      closed_at: ctx.now,
      stage_changed_at: ctx.now,
      close_reason: reason ?? null,
      probability: outcome === 'won' ? 100 : 0,
      ...Object.fromEntries(Object.entries(won).filter(([, v]) => v !== undefined)),
      updated_at: ctx.now,
    });
    return { id, stage: outcome };
  },
});
