import { z } from 'zod';
import { INSURANCE_TYPES } from '../lookups/insurance-types';
import { SENTIMENTS } from '../model/tables/activity';
import type { AI_INTERACTION_TYPES } from '../model/tables/service';
import { TICKET_ISSUE_TYPES, TICKET_PRIORITIES } from '../model/tables/service';

/**
 * The shape of every answer a model may give. Answers are checked against these before
 * anything is stored: a model that drifts from the shape produces an error, not bad data.
 * Bounds are generous for prose but tight for numbers, which land in indexed columns.
 */
export const AI_TASKS = [
  'summary',
  'next-action',
  'sentiment',
  'risk',
  'retention',
  'triage',
  'cross-sell',
  'contact-likelihood',
  'draft',
] as const;
export type AiTask = (typeof AI_TASKS)[number];

type InteractionType = (typeof AI_INTERACTION_TYPES)[number];
export const INTERACTION_TYPE: Record<AiTask, InteractionType> = {
  summary: 'summary',
  'next-action': 'next_action',
  sentiment: 'sentiment',
  risk: 'risk',
  // A policy's retention risk is a risk assessment, recorded on its client.
  retention: 'risk',
  triage: 'triage',
  'cross-sell': 'cross_sell',
  'contact-likelihood': 'contact_likelihood',
  draft: 'draft',
};

const prose = (max: number) => z.string().trim().min(1).max(max);
const reasons = z.array(prose(300)).min(1).max(8);
const score100 = z.number().min(0).max(100);
const chance = z.number().min(0).max(1);

export const summaryResult = z.object({
  summary: prose(4000),
  highlights: z.array(prose(300)).max(10).default([]),
  open_questions: z.array(prose(300)).max(10).default([]),
});

export const NEXT_ACTION_CHANNELS = ['phone', 'email', 'sms', 'in_person', 'mail', 'video'] as const;
export const nextActionResult = z.object({
  next_action: prose(500),
  /** 1 is the most urgent, 5 the least: the same scale as leads.priority. */
  follow_up_priority: z.number().int().min(1).max(5),
  channel: z.enum(NEXT_ACTION_CHANNELS).nullable().default(null),
  due_within_days: z.number().int().min(0).max(365).nullable().default(null),
  reasons,
});

export const ENTITY_TYPES = [
  'person',
  'organization',
  'carrier',
  'vehicle',
  'property',
  'policy',
  'date',
  'money',
  'location',
  'other',
] as const;
export const sentimentResult = z.object({
  summary: prose(1000),
  sentiment: z.enum(SENTIMENTS),
  /** -1 very negative … 1 very positive. */
  sentiment_score: z.number().min(-1).max(1),
  entities: z
    .array(z.object({ type: z.enum(ENTITY_TYPES), text: prose(200) }))
    .max(30)
    .default([]),
  action_items: z
    .array(
      z.object({
        text: prose(300),
        owner: z.enum(['agent', 'customer']).default('agent'),
        due: z.string().max(40).nullable().default(null),
      }),
    )
    .max(20)
    .default([]),
});

export const riskResult = z.object({
  risk_score: score100,
  opportunity_score: score100,
  risk_factors: z.array(prose(300)).max(8).default([]),
  opportunity_factors: z.array(prose(300)).max(8).default([]),
  reasons,
});

export const retentionResult = z.object({
  /** How likely the client is to leave at this term's renewal: 0 sure to stay, 100 sure to leave. */
  retention_risk: score100,
  reasons,
});

export const triageResult = z.object({
  category: z.enum(TICKET_ISSUE_TYPES),
  urgency: z.enum(TICKET_PRIORITIES),
  summary: prose(1000),
  suggested_reply: prose(4000),
  reasons,
});

const PRODUCT_CODES = INSURANCE_TYPES.map((t) => t.code) as [string, ...string[]];
export const crossSellResult = z.object({
  ideas: z
    .array(
      z.object({
        product: z.enum(PRODUCT_CODES),
        title: prose(200),
        rationale: prose(600),
        priority: z.enum(['high', 'medium', 'low']),
        talking_point: prose(600).nullable().default(null),
      }),
    )
    .max(8),
  reasons: z.array(prose(300)).max(8).default([]),
});

export const LIKELIHOOD_CHANNELS = ['phone', 'email', 'sms'] as const;
export const contactLikelihoodResult = z.object({
  /** How likely the person answers if contacted now, 0…1. */
  likelihood_now: chance,
  best_channel: z.enum(LIKELIHOOD_CHANNELS),
  best_time: prose(200),
  by_channel: z
    .array(z.object({ channel: z.enum(LIKELIHOOD_CHANNELS), likelihood: chance, reason: prose(300) }))
    .min(1)
    .max(3),
  reasons,
});

export const draftResult = z.object({
  subject: z.string().trim().max(200).nullable().default(null),
  body: prose(5000),
  tone: z.string().trim().max(60).nullable().default(null),
});

export const RESULT_SCHEMAS = {
  summary: summaryResult,
  'next-action': nextActionResult,
  sentiment: sentimentResult,
  risk: riskResult,
  retention: retentionResult,
  triage: triageResult,
  'cross-sell': crossSellResult,
  'contact-likelihood': contactLikelihoodResult,
  draft: draftResult,
} as const satisfies Record<AiTask, z.ZodType>;

export type AiResult<T extends AiTask> = z.output<(typeof RESULT_SCHEMAS)[T]>;
export type SummaryResult = AiResult<'summary'>;
export type NextActionResult = AiResult<'next-action'>;
export type SentimentResult = AiResult<'sentiment'>;
export type RiskResult = AiResult<'risk'>;
export type TriageResult = AiResult<'triage'>;
export type CrossSellResult = AiResult<'cross-sell'>;
export type ContactLikelihoodResult = AiResult<'contact-likelihood'>;
export type DraftResult = AiResult<'draft'>;
