import type { SubjectContext } from './context';
import type { AiTask } from './schemas';
import { PLACEHOLDER_LABEL } from './redact-patterns';

/**
 * What each task asks of the model, and the JSON it must answer with. The agency's own
 * guidance comes from the lookup rows (status, insurance type, communication type) and is
 * added to these defaults, so an agency changes how the AI talks by editing a lookup row.
 */
interface TaskText {
  instruction: string;
  shape: string;
  temperature: number;
  /** Which lookup template carries the agency's guidance for this task. */
  template: 'ai_summary_template' | 'ai_action_template' | 'ai_prompt_template';
}

export const TASKS: Record<AiTask, TaskText> = {
  summary: {
    instruction:
      'Write a memory-aware summary of this person for the agent: who they are, what they need, what was said and promised, where the deal stands. Prefer recent facts; say when something is old. Put the summary field first.',
    shape:
      '{"summary": string (plain prose, at most 8 sentences), "highlights": string[] (at most 5), "open_questions": string[] (at most 5)}',
    temperature: 0.3,
    template: 'ai_summary_template',
  },
  'next-action': {
    instruction:
      'Decide the single best next action for the agent and how urgent following up is. Priority 1 is most urgent, 5 least. Give concrete reasons drawn from the history.',
    shape:
      '{"next_action": string, "follow_up_priority": 1-5, "channel": "phone"|"email"|"sms"|"in_person"|"mail"|"video"|null, "due_within_days": integer|null, "reasons": string[] (1-5)}',
    temperature: 0.2,
    template: 'ai_action_template',
  },
  sentiment: {
    instruction:
      'Analyse the communication marked FOCUS: its sentiment, the entities it mentions (people, carriers, vehicles, properties, policies, dates, amounts) and the action items it creates.',
    shape:
      '{"summary": string, "sentiment": "positive"|"neutral"|"negative"|"mixed", "sentiment_score": number from -1 to 1, "entities": [{"type": "person"|"organization"|"carrier"|"vehicle"|"property"|"policy"|"date"|"money"|"location"|"other", "text": string}], "action_items": [{"text": string, "owner": "agent"|"customer", "due": string|null}]}',
    temperature: 0,
    template: 'ai_summary_template',
  },
  risk: {
    instruction:
      'Assess underwriting and retention risk (0 = none, 100 = severe) and the sales opportunity (0 = none, 100 = excellent) for this person, with the factors behind each score. For a client, weigh the retention signals of the policies in force: premium increases at the last renewal, short tenure, open or recent service tickets, and how long since the last contact.',
    shape:
      '{"risk_score": 0-100, "opportunity_score": 0-100, "risk_factors": string[], "opportunity_factors": string[], "reasons": string[] (1-5)}',
    temperature: 0.1,
    template: 'ai_prompt_template',
  },
  retention: {
    instruction:
      "Assess the retention risk of the policy term marked FOCUS: how likely the client is to leave the agency at its renewal (0 = sure to stay, 100 = sure to leave). Weigh the premium change at the last renewal, the tenure, the service tickets, how long since the last contact, and the rest of the household's policies. Give concrete reasons drawn from the facts.",
    shape: '{"retention_risk": 0-100, "reasons": string[] (1-5)}',
    temperature: 0.1,
    template: 'ai_prompt_template',
  },
  triage: {
    instruction:
      'Triage the support ticket marked FOCUS: pick its category and urgency, summarise it, and write a courteous reply the agent can send (no promises about coverage decisions).',
    shape:
      '{"category": "billing"|"claim"|"policy_change"|"coverage_question"|"cancellation"|"document_request"|"other", "urgency": "low"|"normal"|"high"|"urgent", "summary": string, "suggested_reply": string, "reasons": string[] (1-5)}',
    temperature: 0.2,
    template: 'ai_action_template',
  },
  'cross-sell': {
    instruction:
      'Suggest cross-sell ideas from the coverage gaps listed (and any others the facts clearly show), looking at the whole household: a line another member already holds is not a gap. Use insurance type codes for product. Do not suggest products the person already has.',
    shape:
      '{"ideas": [{"product": insurance type code, "title": string, "rationale": string, "priority": "high"|"medium"|"low", "talking_point": string|null}], "reasons": string[]}',
    temperature: 0.3,
    template: 'ai_prompt_template',
  },
  'contact-likelihood': {
    instruction:
      'Estimate how likely this person is to answer if contacted right now, by channel, from their contact history, stated preferences, vehicles (commuters are busy at rush hour) and coverage. Likelihoods are between 0 and 1.',
    shape:
      '{"likelihood_now": 0-1, "best_channel": "phone"|"email"|"sms", "best_time": string, "by_channel": [{"channel": "phone"|"email"|"sms", "likelihood": 0-1, "reason": string}], "reasons": string[] (1-5)}',
    temperature: 0.1,
    template: 'ai_prompt_template',
  },
  draft: {
    instruction:
      'Write a personalised message from the agent to this person on the channel and in the tone given. Refer to real facts from the history; never invent prices or coverage. Texts stay under 300 characters and have no subject.',
    shape: '{"subject": string|null, "body": string, "tone": string|null}',
    temperature: 0.6,
    template: 'ai_prompt_template',
  },
};

const RULES = [
  `Values like ${Object.values(PLACEHOLDER_LABEL)
    .map((l) => `[${l}_1]`)
    .join(
      ', ',
    )} are redacted on purpose: never guess them; repeat a placeholder exactly (it is put back for the agent) only if the answer needs it.`,
  'Only use facts in the context. If something is unknown, say so.',
  'Answer with one JSON object and nothing else (no markdown, no comments).',
];

/** The system message: role, task, the agency's guidance from the lookup rows, the JSON shape. */
export function systemPrompt(
  task: AiTask,
  ctx: SubjectContext,
  extra: { channelGuidance?: string | null } = {},
): string {
  const t = TASKS[task];
  const guidance = [
    ctx.status?.[t.template],
    ctx.status && t.template !== 'ai_prompt_template' ? ctx.status.ai_prompt_template : null,
    ctx.insuranceType?.[t.template],
  ];
  const focusType = ctx.focus?.communication
    ? ctx.communicationTypes.get(ctx.focus.communication.communication_type_id)
    : undefined;
  if (focusType)
    guidance.push(focusType.ai_prompt_template, focusType.ai_summary_template, focusType.ai_action_template);
  if (extra.channelGuidance) guidance.push(extra.channelGuidance);
  const lines = [...new Set(guidance.filter((g): g is string => Boolean(g?.trim())))];
  return [
    'You are the assistant inside Fieldline, the CRM of an independent property & casualty insurance agency.',
    `Task: ${t.instruction}`,
    ...(lines.length ? ['Agency guidance:', ...lines.map((l) => `- ${l}`)] : []),
    'Rules:',
    ...RULES.map((r) => `- ${r}`),
    `JSON shape: ${t.shape}`,
  ].join('\n');
}
