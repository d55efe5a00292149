/** Valid model answers for every task, as the fake server returns them. */
import type { AiResult, AiTask } from '../../shared/ai/schemas';

export const ANSWERS: { [T in AiTask]: AiResult<T> } = {
  summary: {
    summary:
      'Maria Delgado is a quoted auto and home lead with Acme Mutual renewing soon. She likes the price but worries about the deductible (her SSN [SSN_1] is on file).',
    highlights: ['Quoted $2,400 against $2,650 with Acme Mutual', 'Two drivers, one speeding ticket (2023)'],
    open_questions: ['Which deductible does she want?'],
  },
  'next-action': {
    next_action: 'Call Maria on Thursday to walk through deductible options on the bundle.',
    follow_up_priority: 1,
    channel: 'phone',
    due_within_days: 2,
    reasons: ['She asked to talk Thursday', 'Her Acme policy renews within 30 days'],
  },
  sentiment: {
    summary: 'Maria likes the price but is worried about the deductible and wants to talk Thursday.',
    sentiment: 'mixed',
    sentiment_score: 0.2,
    entities: [
      { type: 'person', text: 'Maria Delgado' },
      { type: 'date', text: 'Thursday' },
    ],
    action_items: [{ text: 'Call Maria Thursday about the deductible', owner: 'agent', due: 'Thursday' }],
  },
  retention: {
    retention_risk: 62,
    reasons: ['Premium rose 12% at the last renewal', 'No contact in over a year'],
  },
  risk: {
    risk_score: 35,
    opportunity_score: 82,
    risk_factors: ['Spouse has a 2023 speeding ticket', 'Pool on premises'],
    opportunity_factors: ['Bundle of auto and home', 'Renewal within 30 days'],
    reasons: ['Quoted below current premium', 'Engaged by email this week'],
  },
  triage: {
    category: 'billing',
    urgency: 'high',
    summary: 'Customer was charged twice on card [CARD_1] and wants one refunded today.',
    suggested_reply:
      'Hi Maria, I am sorry about the double charge. I have asked billing to refund the duplicate today and will confirm once it is done.',
    reasons: ['Duplicate payment', 'Customer asks for same-day refund'],
  },
  'cross-sell': {
    ideas: [
      {
        product: 'umbrella',
        title: 'Personal umbrella',
        rationale: 'Auto and home with a pool and no umbrella.',
        priority: 'high',
        talking_point: 'A $1M umbrella costs little next to the pool liability.',
      },
      {
        product: 'life',
        title: 'Term life',
        rationale: 'Spouse on the auto policy and no life coverage.',
        priority: 'medium',
        talking_point: null,
      },
    ],
    reasons: ['Coverage gaps found by rule'],
  },
  'contact-likelihood': {
    likelihood_now: 0.42,
    best_channel: 'email',
    best_time: 'weekday evenings after 6pm',
    by_channel: [
      { channel: 'email', likelihood: 0.7, reason: 'She answered by email this week' },
      { channel: 'phone', likelihood: 0.3, reason: 'Commutes by car at rush hour' },
    ],
    reasons: ['Replies by email', 'Commuter'],
  },
  draft: {
    subject: 'Your auto + home bundle quote',
    body: 'Hi Maria, thanks for your note! Happy to walk through deductible options on Thursday. Best, Jordan',
    tone: 'friendly and brief',
  },
};

/**
 * What the agent sees of the summary answer once its placeholder is put back: the SSN planted
 * in the notes and the email (either spelling: the first one the prompt met is restored).
 */
export const SHOWN_SUMMARY = /^Maria Delgado is a .*\(her SSN 078[- ]05[- ]1120 is on file\)\.$/;
