import { z } from 'zod';
import { SENTIMENTS } from '../model/tables/activity';
import type { AiResult, AiTask } from './schemas';

/**
 * The AI annotation columns a model's result may write, per table. Anything else (status,
 * owner, premiums…) is refused by the strict schemas, so an AI mutation can never be used to
 * change business data, whatever arguments reach the gateway.
 */
const text = (max: number) => z.string().max(max).nullable();
const jsonList = z.array(z.unknown()).max(50).nullable();
/** ai_insights is merged key by key (each task owns one key), so tasks do not erase each other. */
const insights = z
  .record(z.string().min(1).max(40), z.unknown())
  .refine((r) => Object.keys(r).length <= 20, 'has too many keys')
  .refine((r) => JSON.stringify(r).length <= 20_000, 'is too large (20,000 characters of JSON at most)');

const activityFields = z.strictObject({
  ai_summary: text(4000),
  ai_sentiment: z.enum(SENTIMENTS).nullable(),
  ai_sentiment_score: z.number().min(-1).max(1).nullable(),
  ai_entities: jsonList,
  ai_action_items: jsonList,
});

export const AI_FIELDS = {
  leads: z.strictObject({
    ai_summary: text(4000),
    ai_next_action: text(500),
    ai_follow_up_priority: z.number().int().min(1).max(5).nullable(),
    ai_score: z.number().min(0).max(100).nullable(),
    ai_insights: insights,
  }),
  clients: z.strictObject({
    ai_summary: text(4000),
    ai_risk_score: z.number().min(0).max(100).nullable(),
    ai_lifetime_value: z
      .number()
      .min(0)
      .max(9_999_999_999.99)
      .transform((n) => Math.round(n * 100) / 100)
      .nullable(),
    ai_insights: insights,
  }),
  contacts: z.strictObject({ ai_relationship_strength: z.number().min(0).max(1).nullable(), ai_summary: text(4000) }),
  lead_communications: activityFields,
  lead_notes: activityFields,
  opportunities: z.strictObject({
    ai_win_probability: z.number().min(0).max(1).nullable(),
    ai_next_step: text(500),
    ai_summary: text(4000),
  }),
  support_tickets: z.strictObject({
    ai_summary: text(4000),
    ai_category: text(60),
    ai_urgency: text(20),
    ai_suggested_reply: text(4000),
  }),
  policies: z.strictObject({
    ai_retention_risk: z.number().int().min(0).max(100).nullable(),
    ai_retention_reasons: z.array(z.string().max(300)).max(10).nullable(),
    ai_summary: text(4000),
  }),
} as const;

export type AiAnnotatedTable = keyof typeof AI_FIELDS;
export const AI_ANNOTATED_TABLES = Object.keys(AI_FIELDS) as AiAnnotatedTable[];

const nonEmpty = (o: object) => Object.keys(o).length > 0;
const target = <T extends AiAnnotatedTable, F extends z.ZodType<object>>(table: T, fields: F) =>
  z.object({ table: z.literal(table), id: z.uuid(), fields: fields.refine(nonEmpty, 'fields is empty') });

export const annotationPatch = z.discriminatedUnion('table', [
  target('leads', AI_FIELDS.leads.partial()),
  target('clients', AI_FIELDS.clients.partial()),
  target('contacts', AI_FIELDS.contacts.partial()),
  target('lead_communications', AI_FIELDS.lead_communications.partial()),
  target('lead_notes', AI_FIELDS.lead_notes.partial()),
  target('opportunities', AI_FIELDS.opportunities.partial()),
  target('support_tickets', AI_FIELDS.support_tickets.partial()),
  target('policies', AI_FIELDS.policies.partial()),
]);
export type AnnotationPatch = z.output<typeof annotationPatch>;

/** What a task's result was about: the record that receives its annotations. */
export type AnnotationTarget =
  | { table: 'leads' | 'clients'; id: string }
  | { table: 'lead_communications'; id: string }
  | { table: 'support_tickets'; id: string }
  | { table: 'policies'; id: string };

/** The AI fields a task's result fills on its record; null when the task writes none (drafts). */
export function annotationsFor<T extends AiTask>(
  task: T,
  on: AnnotationTarget,
  result: AiResult<T>,
): AnnotationPatch | null {
  const r = result as AiResult<AiTask>;
  const isLead = on.table === 'leads';
  switch (task) {
    case 'summary': {
      const s = r as AiResult<'summary'>;
      const ai_insights = { summary: { highlights: s.highlights, open_questions: s.open_questions } };
      return person(on, { ai_summary: s.summary, ai_insights });
    }
    case 'next-action': {
      const n = r as AiResult<'next-action'>;
      if (!isLead) return null;
      const next = { reasons: n.reasons, channel: n.channel, due_within_days: n.due_within_days };
      return {
        table: 'leads',
        id: on.id,
        fields: {
          ai_next_action: n.next_action,
          ai_follow_up_priority: n.follow_up_priority,
          ai_insights: { next_action: next },
        },
      };
    }
    case 'risk': {
      const k = r as AiResult<'risk'>;
      const ai_insights = { risk: k };
      return isLead
        ? { table: 'leads', id: on.id, fields: { ai_score: k.opportunity_score, ai_insights } }
        : person(on, { ai_risk_score: k.risk_score, ai_insights });
    }
    case 'retention': {
      const k = r as AiResult<'retention'>;
      if (on.table !== 'policies') return null;
      return {
        table: 'policies',
        id: on.id,
        fields: { ai_retention_risk: Math.round(k.retention_risk), ai_retention_reasons: k.reasons },
      };
    }
    case 'cross-sell':
      return person(on, { ai_insights: { cross_sell: r } });
    case 'contact-likelihood':
      return person(on, { ai_insights: { contact_likelihood: r } });
    case 'sentiment': {
      const s = r as AiResult<'sentiment'>;
      return {
        table: 'lead_communications',
        id: on.id,
        fields: {
          ai_summary: s.summary,
          ai_sentiment: s.sentiment,
          ai_sentiment_score: s.sentiment_score,
          ai_entities: s.entities,
          ai_action_items: s.action_items,
        },
      };
    }
    case 'triage': {
      const t = r as AiResult<'triage'>;
      return {
        table: 'support_tickets',
        id: on.id,
        fields: {
          ai_summary: t.summary,
          ai_category: t.category,
          ai_urgency: t.urgency,
          ai_suggested_reply: t.suggested_reply,
        },
      };
    }
    case 'draft':
      return null;
  }
  return null;
}

function person(on: AnnotationTarget, fields: Record<string, unknown>): AnnotationPatch {
  if (on.table !== 'leads' && on.table !== 'clients') throw new Error(`${on.table} has no person annotations`);
  return { table: on.table, id: on.id, fields } as AnnotationPatch;
}

const clip = (s: string, n = 300) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** One line for ai_interactions.summary: what the call concluded, for audit lists and later prompts. */
export function interactionSummary<T extends AiTask>(task: T, result: AiResult<T>): string {
  const r = result as AiResult<AiTask>;
  switch (task) {
    case 'summary':
      return clip((r as AiResult<'summary'>).summary);
    case 'next-action': {
      const n = r as AiResult<'next-action'>;
      return clip(`P${n.follow_up_priority}: ${n.next_action}`);
    }
    case 'sentiment': {
      const s = r as AiResult<'sentiment'>;
      return clip(`${s.sentiment} (${s.sentiment_score}): ${s.summary}`);
    }
    case 'risk': {
      const k = r as AiResult<'risk'>;
      return `risk ${k.risk_score}, opportunity ${k.opportunity_score}`;
    }
    case 'retention': {
      const k = r as AiResult<'retention'>;
      return clip(`retention risk ${Math.round(k.retention_risk)}: ${k.reasons[0] ?? ''}`);
    }
    case 'triage': {
      const t = r as AiResult<'triage'>;
      return clip(`${t.category}, ${t.urgency}: ${t.summary}`);
    }
    case 'cross-sell':
      return clip((r as AiResult<'cross-sell'>).ideas.map((i) => i.product).join(', ') || 'no ideas');
    case 'contact-likelihood': {
      const c = r as AiResult<'contact-likelihood'>;
      return clip(`${Math.round(c.likelihood_now * 100)}% now; best ${c.best_channel}, ${c.best_time}`);
    }
    case 'draft': {
      const d = r as AiResult<'draft'>;
      return clip(d.subject ?? d.body, 200);
    }
  }
  return task;
}
