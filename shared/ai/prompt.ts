import type { Row } from '../model/catalogue';
import { contactStatsLines, whenWords, type DraftChannel } from './contact';
import { ageOn, displayName, type SubjectContext } from './context';
import { coverageLines, registerCoverageSecrets } from './coverage-text';
import { coverageGaps, productsHeld } from './cross-sell';
import { redactJson, type Redactor } from './redact';
import { PLACEHOLDER } from './redact-patterns';
import type { AiTask } from './schemas';
import { systemPrompt } from './tasks';

/**
 * Builds the two messages sent to a model. The person's profile and the task's own facts always
 * go in; coverage gets at most 40% of what is left; then the history (notes, communications,
 * opportunities, tickets) newest first until the token budget is spent. Every piece is
 * redacted before it is measured, and the whole prompt once more at the end.
 */
export const estimateTokens = (s: string) => Math.ceil(s.length / 4);

export interface PromptOptions {
  /** Budget for the context message, in estimated tokens. */
  contextTokens: number;
  now: Date;
  channel?: DraftChannel;
  purpose?: string;
}

export interface BuiltPrompt {
  system: string;
  user: string;
  /** Estimated tokens of both messages. */
  tokens: number;
  /** History items left out to stay within the budget. */
  omitted: number;
}

const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : null);
const money = (n: number | null | undefined) =>
  n === null || n === undefined ? null : `$${Math.round(n).toLocaleString('en-US')}`;
const line = (label: string, value: string | number | null | undefined | false) =>
  value === null || value === undefined || value === false || value === '' ? [] : [`${label}: ${value}`];
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`);
const section = (title: string, lines: string[]) => (lines.length ? `## ${title}\n${lines.join('\n')}` : '');

function profileLines(ctx: SubjectContext, r: Redactor, now: Date): string[] {
  const s = ctx.subject;
  const out = [`Name: ${displayName(s)}`];
  if (s.table === 'leads') {
    const l = s.row;
    const renewal = l.policy_expiration_date
      ? `${l.policy_expiration_date} (in ${Math.ceil((Date.parse(l.policy_expiration_date) - now.getTime()) / 86_400_000)} days)`
      : null;
    out.push(
      `Record: lead (${l.lead_type})${l.is_converted ? ', converted to a client' : ''}`,
      ...line(
        'Status',
        ctx.status && `${ctx.status.name}${l.status_changed_at ? ` since ${day(l.status_changed_at)}` : ''}`,
      ),
      ...line('Product', ctx.insuranceType?.name),
      ...line('Age', ageOn(l.date_of_birth, now)),
      ...line('Source', l.source),
      ...line('Current carrier', l.current_carrier),
      ...line('Current premium', money(l.current_premium)),
      ...line('Quoted premium', money(l.quoted_premium)),
      ...line(
        'Umbrella',
        l.umbrella_limit && `${money(l.umbrella_limit)} limit, ${money(l.umbrella_premium) ?? 'premium unknown'}`,
      ),
      ...line('Current policy expires', renewal),
      `Agent priority: ${l.priority} (1 most urgent … 5 least)`,
      ...line(
        'Next follow-up',
        l.next_follow_up_at && `${l.next_follow_up_at}${l.follow_up_note ? ` — ${r.text(l.follow_up_note)}` : ''}`,
      ),
      ...line('First contacted', day(l.first_contacted_at)),
      ...line('Last contacted', day(l.last_contacted_at)),
      ...line('Created', day(l.created_at)),
      ...line('Lost reason', l.lost_reason),
    );
  } else {
    const c = s.row;
    out.push(
      `Record: client (${c.client_type}, ${c.status})`,
      ...line('Client since', day(c.client_since)),
      ...line('Age', ageOn(c.date_of_birth, now)),
      ...line('Occupation', c.occupation),
      ...line('Marital status', c.marital_status),
      ...line('Industry', c.industry),
      ...line('Employees', c.employee_count),
      ...line('Annual revenue', money(c.annual_revenue)),
      ...line('Last contact', day(c.last_contact_at)),
      ...line('Next contact', c.next_contact_at),
    );
  }
  const row = s.row;
  out.push(...line('Preferred contact method', row.preferred_contact_method));
  if (row.tags.length) out.push(`Tags: ${row.tags.join(', ')}`);
  if (Object.keys(row.custom_fields).length)
    out.push(`Custom fields: ${clip(JSON.stringify(redactJson(row.custom_fields, r)), 600)}`);
  return out;
}

function peopleLines(ctx: SubjectContext): string[] {
  const contacts = ctx.contacts.map(
    (c) =>
      `- contact ${c.first_name} ${c.last_name}${c.is_primary_contact ? ' (primary)' : ''}${c.roles.length ? `, ${c.roles.join('/')}` : ''}${c.job_title ? `, ${c.job_title}` : ''}${c.preferred_contact_method ? `, prefers ${c.preferred_contact_method}` : ''}${c.preferred_contact_time ? ` ${c.preferred_contact_time}` : ''}`,
  );
  const m = ctx.marketing;
  const consent = m
    ? [
        `- consent: email ${m.email_opt_in ? 'yes' : 'no'}, sms ${m.sms_opt_in ? 'yes' : 'no'}, phone ${m.phone_opt_in ? 'yes' : 'no'}, mail ${m.mail_opt_in ? 'yes' : 'no'}${m.do_not_contact ? ', DO NOT CONTACT' : ''}`,
        ...line('- preferred channel', m.preferred_channel),
        ...line('- preferred time', m.preferred_time),
        ...line('- preferred tone', m.preferred_tone),
        `- frequency: ${m.frequency}`,
      ]
    : [];
  return [...contacts, ...consent];
}

function commLine(c: Row<'lead_communications'>, ctx: SubjectContext, r: Redactor, max: number): string {
  const type = ctx.communicationTypes.get(c.communication_type_id)?.name ?? 'communication';
  const head = `[${c.occurred_at.slice(0, 16).replace('T', ' ')}] ${type}, ${c.direction}${c.subject ? ` "${r.text(c.subject)}"` : ''}${c.outcome ? ` → ${r.text(c.outcome)}` : ''}`;
  return clip(c.body ? `${head}: ${r.text(c.body)}` : head, max);
}

function ticketLine(t: Row<'support_tickets'>, r: Redactor, max: number): string {
  const head = `[${day(t.created_at)}] ticket "${r.text(t.subject)}" (${t.status}, ${t.priority}, ${t.issue_type}${t.due_at ? `, due ${day(t.due_at)}` : ''})`;
  return clip(t.description ? `${head}: ${r.text(t.description)}` : head, max);
}

/** History items, newest first, as (time, text) pairs rendered lazily so only what fits is redacted. */
function historyItems(ctx: SubjectContext, r: Redactor): Array<{ at: string; render: (max: number) => string }> {
  const focusIds = new Set([ctx.focus?.communication?.id, ctx.focus?.ticket?.id].filter(Boolean));
  const items: Array<{ at: string; render: (max: number) => string }> = [
    ...ctx.notes.map((n) => ({
      at: n.created_at,
      render: (max: number) =>
        clip(`[${day(n.created_at)}] note${n.is_pinned ? ' (pinned)' : ''}: ${r.text(n.body)}`, max),
    })),
    ...ctx.communications
      .filter((c) => !focusIds.has(c.id))
      .map((c) => ({ at: c.occurred_at, render: (max: number) => commLine(c, ctx, r, max) })),
    ...ctx.opportunities.map((o) => ({
      at: o.stage_changed_at ?? o.updated_at,
      render: (max: number) =>
        clip(
          `[${day(o.stage_changed_at ?? o.updated_at)}] opportunity "${r.text(o.name)}" (${(o.insurance_type_id && ctx.insuranceTypes.get(o.insurance_type_id)?.name) || 'product not set'}): ${o.stage}${o.amount !== null ? `, ${money(o.amount)}` : ''}${o.carrier ? `, carrier ${o.carrier}` : ''}${o.expected_close_date ? `, expected close ${o.expected_close_date}` : ''}${o.close_reason ? `, ${r.text(o.close_reason)}` : ''}`,
          max,
        ),
    })),
    ...ctx.tickets
      .filter((t) => !focusIds.has(t.id))
      .map((t) => ({ at: t.updated_at, render: (max: number) => ticketLine(t, r, max) })),
  ];
  return items.sort((a, b) => b.at.localeCompare(a.at));
}

/** The client's and household's terms in force: line, carrier, premium and its change, tenure, renewal date. */
function policyLines(ctx: SubjectContext, now: Date): string[] {
  return (ctx.policies ?? []).map((t) => {
    const line = ctx.insuranceTypes.get(t.insurance_type_id)?.code ?? 'unknown line';
    const change =
      t.premium_change_pct === null
        ? 'first term'
        : `${t.premium_change_pct >= 0 ? '+' : ''}${t.premium_change_pct.toFixed(1)}% at the last renewal`;
    const days = Math.ceil((Date.parse(t.expiration_date) - now.getTime()) / 86_400_000);
    return [
      `- ${t.holder === 'self' ? 'This client' : 'Household member'}: ${line} with ${t.carrier} (${t.status}, ${t.billing} bill)`,
      `premium ${money(t.written_premium)} (${change})`,
      `term ${t.terms} since ${t.since}`,
      `renews ${t.expiration_date} (${days >= 0 ? `in ${days} days` : `${-days} days ago, not yet renewed`})`,
    ].join('; ');
  });
}

function taskLines(task: AiTask, ctx: SubjectContext, r: Redactor, opts: PromptOptions): string {
  switch (task) {
    case 'cross-sell': {
      const gaps = coverageGaps(ctx).map((g) => `- ${g.product}: ${g.reason}`);
      return section('PRODUCTS AND GAPS', [
        `Held or being quoted: ${[...productsHeld(ctx)].join(', ') || 'none known'}`,
        'Coverage gaps found by rule:',
        ...(gaps.length ? gaps : ['- none found']),
      ]);
    }
    case 'contact-likelihood':
      return section('CONTACT HISTORY BY CHANNEL', contactStatsLines(ctx));
    case 'draft': {
      const m = ctx.marketing;
      return section('DRAFT', [
        `Channel: ${opts.channel ?? 'email'}`,
        `Tone: ${m?.preferred_tone ?? 'warm, professional, plain English'}`,
        `From: ${ctx.agentName ?? 'the agent'}`,
        `Purpose: ${opts.purpose ? r.text(opts.purpose) : (ctx.status?.ai_action_template ?? 'follow up on where things stand')}`,
      ]);
    }
    case 'sentiment': {
      const c = ctx.focus?.communication;
      return c ? section('FOCUS: the communication to analyse', [commLine(c, ctx, r, 24_000)]) : '';
    }
    case 'retention': {
      const p = ctx.focus?.policy;
      if (!p) return '';
      const open = ctx.tickets.filter((t) => t.status === 'open' || t.status === 'pending').length;
      const contacts = [
        ctx.subject.table === 'clients' ? ctx.subject.row.last_contact_at : null,
        ...ctx.communications.map((c) => c.occurred_at),
      ].filter((d): d is string => Boolean(d));
      const last = contacts.sort().at(-1) ?? null;
      const since = last ? Math.floor((opts.now.getTime() - Date.parse(last)) / 86_400_000) : null;
      return section('FOCUS: the policy term to assess', [
        ...policyLines({ ...ctx, policies: [p] }, opts.now),
        `Service tickets: ${open} open or pending, ${ctx.tickets.length} on file`,
        `Last contact: ${last ? `${last.slice(0, 10)} (${since} days ago)` : 'none recorded'}`,
      ]);
    }
    case 'triage': {
      const t = ctx.focus?.ticket;
      return t ? section('FOCUS: the ticket to triage', [ticketLine(t, r, 24_000)]) : '';
    }
    default:
      return '';
  }
}

/** The record's own identifiers (its phone numbers, email and street addresses), whatever their spelling. */
function registerIdentifiers(ctx: SubjectContext, r: Redactor) {
  const row = ctx.subject.row;
  if (row.date_of_birth) r.value('dob', row.date_of_birth);
  const people = [row, ...ctx.contacts];
  for (const p of people) {
    if (p.email) r.value('email', p.email);
    if (p.phone) r.value('phone', p.phone);
    if ('mobile_phone' in p && p.mobile_phone) r.value('phone', p.mobile_phone);
  }
  for (const a of ctx.addresses ?? []) {
    r.value('address', a.line1);
    if (a.line2) r.value('address', `${a.line1} ${a.line2}`);
  }
}

export function buildPrompt(task: AiTask, ctx: SubjectContext, r: Redactor, opts: PromptOptions): BuiltPrompt {
  // Known secrets first, so every later mention of them in free text is caught.
  for (const lead of ctx.coverage) registerCoverageSecrets(lead, r);
  registerIdentifiers(ctx, r);

  const channelType =
    task === 'draft'
      ? [...ctx.communicationTypes.values()].find((t) => t.channel === (opts.channel ?? 'email'))
      : undefined;
  const system = r.text(systemPrompt(task, ctx, { channelGuidance: channelType?.ai_prompt_template }));
  const fixed = [
    `Now: ${opts.now.toISOString()} (${whenWords(opts.now)} local time)`,
    section('PERSON', profileLines(ctx, r, opts.now)),
    section('PEOPLE AND PREFERENCES', peopleLines(ctx)),
    section('POLICIES IN FORCE (the client and their household)', policyLines(ctx, opts.now)),
    taskLines(task, ctx, r, opts),
  ].filter(Boolean);
  let left = opts.contextTokens - estimateTokens(fixed.join('\n\n'));

  const coverage = coverageLines(ctx.coverage, r, opts.now);
  if (coverage.length) {
    const text = clip(coverage.join('\n'), Math.max(200, Math.floor(left * 0.4)) * 4);
    fixed.push(section('COVERAGE ON FILE', [text]));
    left -= estimateTokens(text);
  }

  const history: string[] = [];
  const items = historyItems(ctx, r);
  for (const item of items) {
    if (left < 40) break;
    const text = item.render(Math.min(1500, left * 4));
    history.push(text);
    left -= estimateTokens(text) + 1;
  }
  const omitted = items.length - history.length;
  if (history.length)
    fixed.push(section(`HISTORY (newest first${omitted ? `; ${omitted} older items left out` : ''})`, history));

  const earlier = ctx.subject.row.ai_summary;
  if (earlier && left > estimateTokens(earlier) + 20 && task !== 'sentiment' && task !== 'triage') {
    // A summary stored by an older version may hold placeholders of an earlier request, which
    // would now name other values: they are sent as [redacted], never mapped back.
    const stale = earlier.replace(PLACEHOLDER, '[redacted]');
    fixed.push(section('EARLIER AI SUMMARY (may be outdated)', [r.text(stale)]));
  }
  const user = r.text(fixed.join('\n\n'));
  return { system, user, tokens: estimateTokens(system) + estimateTokens(user), omitted };
}
