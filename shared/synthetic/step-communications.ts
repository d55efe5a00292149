/** What a lead's notes and communications say, in the words of its story. */
import { communicationTypeByCode } from '../lookups';
import type { BuiltStep, LeadRun } from './lead-run';
import type { PlanItem } from './plan';
import { uuidv7At } from './prng';
import { render } from './text';
import { CALL_OUTCOMES, COMMUNICATION_TEMPLATES, EMAIL_SUBJECTS, NOTE_TEMPLATES } from './words/notes';

const COMM_MIX = [
  ['call', 35],
  ['voicemail', 15],
  ['email', 25],
  ['sms', 15],
  ['meeting', 5],
  ['video_call', 3],
  ['letter', 2],
] as const;

/** A note of one to three sentences on the story's topics. */
export function noteBody(run: LeadRun): string {
  const { rng, story } = run;
  const sentences = rng.weighted([
    [1, 70],
    [2, 25],
    [3, 5],
  ] as const);
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++)
    parts.push(render(rng.pick(NOTE_TEMPLATES[rng.pick(story.topics)]), story.text, rng));
  return parts.join(' ');
}
/** A communication's arguments: its ids, type and body, and the subject, outcome or duration its type has. */
export function communication(run: LeadRun, code: string, direction: 'inbound' | 'outbound', ms: number) {
  const { rng, story } = run;
  const body = render(rng.pick(COMMUNICATION_TEMPLATES[code]!), story.text, rng);
  const duration: Record<string, [number, number]> = {
    call: [60, 1500],
    voicemail: [15, 60],
    meeting: [1200, 3600],
    video_call: [600, 2400],
  };
  const d = duration[code];
  return {
    id: uuidv7At(rng, ms),
    event_id: uuidv7At(rng, ms),
    communication_type_id: communicationTypeByCode(code).id,
    direction,
    body,
    ...(code === 'email' ? { subject: render(rng.pick(EMAIL_SUBJECTS), story.text, rng) } : {}),
    ...(code === 'call' || code === 'video_call' ? { outcome: rng.pick(CALL_OUTCOMES) } : {}),
    ...(d ? { duration_seconds: rng.int(d[0], d[1]) } : {}),
  };
}
/** A lead's first contact (mostly a call, always outbound) or a later communication, in or out. */
export function leadComm(run: LeadRun, item: PlanItem, ms: number): BuiltStep {
  const { rng } = run;
  const first = item.kind === 'firstComm';
  const code = first
    ? rng.weighted([
        ['call', 70],
        ['email', 20],
        ['sms', 10],
      ] as const)
    : rng.weighted(COMM_MIX);
  const canInbound = code === 'call' || code === 'email' || code === 'sms';
  const direction = !first && canInbound && rng.chance(0.3) ? 'inbound' : 'outbound';
  const contact = run.contactIds[0] && rng.chance(0.6) ? { contact_id: run.contactIds[0] } : {};
  return {
    name: 'logCommunication',
    args: { lead_id: run.leadId, ...communication(run, code, direction, ms), ...contact },
  };
}
