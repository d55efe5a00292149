import type { Row } from '../model/catalogue';
import type { SubjectContext } from './context';
import { AiError } from './errors';

/**
 * Contact facts computed here rather than left to the model: per-channel reply rates and the
 * hours people answered, and the consent rule for drafts.
 */
export type DraftChannel = 'email' | 'sms';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const partOfDay = (h: number) =>
  h < 6 ? 'night' : h < 12 ? 'morning' : h < 17 ? 'afternoon' : h < 21 ? 'evening' : 'night';

/** Local time words (the agency's clock): "Tuesday afternoon (14:05)". */
export function whenWords(at: Date): string {
  return `${WEEKDAYS[at.getDay()]} ${partOfDay(at.getHours())} (${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')})`;
}

export function contactStatsLines(ctx: SubjectContext): string[] {
  const by = new Map<string, { out: number; in: number; inboundTimes: string[] }>();
  for (const c of ctx.communications) {
    const channel = ctx.communicationTypes.get(c.communication_type_id)?.channel ?? 'other';
    const s = by.get(channel) ?? { out: 0, in: 0, inboundTimes: [] };
    if (c.direction === 'inbound') {
      s.in++;
      s.inboundTimes.push(whenWords(new Date(c.occurred_at)).replace(/ \(.*\)$/, ''));
    } else s.out++;
    by.set(channel, s);
  }
  const lines = [...by].map(([channel, s]) => {
    const when = s.inboundTimes.length
      ? `; they reached out ${[...new Set(s.inboundTimes)].slice(0, 4).join(', ')}`
      : '';
    return `- ${channel}: ${s.out} outbound, ${s.in} inbound${when}`;
  });
  const row = ctx.subject.row;
  const reachable = [
    row.email ? 'email address on file' : 'no email address',
    row.phone ? 'phone on file' : 'no phone',
  ];
  return [...(lines.length ? lines : ['- no communications logged yet']), `- ${reachable.join(', ')}`];
}

/**
 * Why a draft on this channel must not be written, or null when it may. Checked before any
 * model is called: a person who opted out must not even have a draft prepared.
 */
export function draftRefusal(
  who: string,
  channel: DraftChannel,
  settings: Row<'lead_marketing_settings'> | null,
  subject: { email: string | null; phone: string | null },
): string | null {
  if (settings?.do_not_contact) return `${who} asked not to be contacted: no draft was made`;
  if (settings && !(channel === 'email' ? settings.email_opt_in : settings.sms_opt_in)) {
    return `${who} opted out of ${channel === 'sms' ? 'SMS' : 'email'} (or never opted in): no ${channel} draft was made`;
  }
  if (channel === 'email' && !subject.email) return `${who} has no email address: no email draft was made`;
  if (channel === 'sms' && !subject.phone) return `${who} has no phone number for texts: no SMS draft was made`;
  return null;
}

/** The channel a draft goes out on: the one asked for, else the person's preferred, else email. */
export function draftChannel(ctx: SubjectContext, asked: DraftChannel | undefined): DraftChannel {
  if (asked) return asked;
  const preferred = ctx.marketing?.preferred_channel ?? ctx.subject.row.preferred_contact_method;
  return preferred === 'sms' ? 'sms' : 'email';
}

export function assertMayDraft(ctx: SubjectContext, who: string, channel: DraftChannel) {
  const refusal = draftRefusal(who, channel, ctx.marketing, ctx.subject.row);
  if (refusal) throw new AiError('opted_out', refusal, 'channel');
}
