/**
 * A deterministic follow-up priority that needs no model and no network, so Today stays
 * ordered offline and before any AI has run. Pure and allocation-light: the Today query calls
 * it for up to a few thousand leads on every render.
 *
 * The score (0…100) adds up weighted signals an agent would weigh by hand: how overdue the
 * follow-up is, how far along the deal is, how much premium is at stake, an upcoming renewal,
 * speed-to-lead for fresh leads, and the agent's own priority. `reasons` names the biggest
 * contributions, largest first, so the ordering can be explained on screen.
 */
export interface LocalPriorityInput {
  statusCode?: string | null;
  statusCategory?: 'open' | 'won' | 'lost' | null;
  quotedPremium?: number | null;
  currentPremium?: number | null;
  nextFollowUpAt?: string | null;
  lastContactedAt?: string | null;
  firstContactedAt?: string | null;
  createdAt?: string | null;
  /** YYYY-MM-DD: the current policy's end, when a switch is easiest. */
  policyExpirationDate?: string | null;
  /** leads.priority: 1 is the most urgent, 5 the least. */
  manualPriority?: number | null;
  /** leads.ai_follow_up_priority from an earlier AI run, same scale; a light nudge only. */
  aiPriority?: number | null;
}

export interface LocalPriority {
  score: number;
  reasons: string[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How far along each stage of the seeded pipeline is; unknown (agency-added) stages count as mid-funnel. */
const STAGE_WEIGHT: Record<string, number> = {
  new: 10,
  contacted: 8,
  qualified: 12,
  quoting: 14,
  quoted: 18,
  negotiating: 20,
  nurture: 2,
};
/** A stage's points in the score (agency-added stages count as mid-funnel); Today's bound (today_ranks) adds it at read time. */
export const stageWeight = (code: string): number => (Object.hasOwn(STAGE_WEIGHT, code) ? STAGE_WEIGHT[code]! : 10);
const STAGE_NAME: Record<string, string> = {
  quoted: 'quote out',
  negotiating: 'negotiating',
  quoting: 'quoting',
  qualified: 'qualified',
};

const digits = (s: string, from: number, to: number) => {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
};

/**
 * Milliseconds of an ISO timestamp or YYYY-MM-DD date. The app's own form
 * (2025-03-12T15:00:00.000Z) is read by hand: Date.parse dominated the cost of a score.
 */
function time(iso: string | null | undefined): number | null {
  if (!iso) return null;
  if (iso.length === 10 || (iso.length === 24 && iso.charCodeAt(10) === 84 && iso.charCodeAt(23) === 90)) {
    const t = Date.UTC(
      digits(iso, 0, 4),
      digits(iso, 5, 7) - 1,
      digits(iso, 8, 10),
      digits(iso, 11, 13) || 0,
      digits(iso, 14, 16) || 0,
      digits(iso, 17, 19) || 0,
      digits(iso, 20, 23) || 0,
    );
    if (!Number.isNaN(t)) return t;
  }
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** $4,200 — by hand: Intl formatting costs more than the whole score when Today ranks thousands of leads. */
const money = (n: number) => `$${String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
/** ISO strings sort as times; a plain comparison is many times faster than localeCompare. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The signals' points, added in order; with `parts`, each is also pushed with its reason. Without,
 * no text is built: Today weighs thousands of overdue leads to show a hundred, and the reasons'
 * strings cost more than the points.
 */
function weigh(input: LocalPriorityInput, at: number, parts: Array<[number, string]> | null): number {
  let total = 0;
  // Plain pushes, no helper closure: a closure per call is measurable at thousands of leads.
  const due = time(input.nextFollowUpAt);
  if (due !== null) {
    const late = at - due;
    if (late > 0) {
      const days = Math.floor(late / DAY);
      total += 30 + Math.min(days, 10);
      parts?.push([
        30 + Math.min(days, 10),
        days >= 1 ? `follow-up ${plural(days, 'day')} overdue` : 'follow-up due now',
      ]);
    } else if (-late <= 12 * HOUR) {
      total += 24;
      parts?.push([24, 'follow-up due today']);
    } else if (-late <= 3 * DAY) {
      total += 8;
      parts?.push([8, 'follow-up due in the next few days']);
    }
  }

  const code = input.statusCode ?? '';
  if (code === 'new' && !input.firstContactedAt && !input.lastContactedAt) {
    const created = time(input.createdAt);
    const fresh = created !== null && at - created <= DAY;
    total += fresh ? 28 : 18;
    parts?.push([fresh ? 28 : 18, fresh ? 'new lead, not contacted yet (speed to lead)' : 'new lead never contacted']);
  } else {
    const stage = stageWeight(code);
    total += stage;
    parts?.push([stage, STAGE_NAME[code] ? `stage: ${STAGE_NAME[code]}` : `stage: ${code || 'open'}`]);
  }

  const premium = Math.max(input.quotedPremium ?? 0, input.currentPremium ?? 0);
  if (premium > 0) {
    const points = premium >= 5000 ? 15 : premium >= 2500 ? 11 : premium >= 1000 ? 7 : 3;
    total += points;
    parts?.push([points, `${money(premium)} premium at stake`]);
  }

  const expires = time(input.policyExpirationDate);
  if (expires !== null) {
    const days = Math.ceil((expires - at) / DAY);
    if (days >= 0 && days <= 45) {
      total += 15 - Math.floor(days / 9);
      parts?.push([15 - Math.floor(days / 9), `current policy renews in ${plural(days, 'day')}`]);
    } else if (days > 45 && days <= 60) {
      total += 6;
      parts?.push([6, 'renewal within two months']);
    }
  }

  const last = time(input.lastContactedAt);
  if (last !== null) {
    const days = Math.floor((at - last) / DAY);
    if (at - last < 20 * HOUR) {
      total += -12;
      parts?.push([-12, 'already contacted today']);
    } else if (days >= 14 && code !== 'nurture') {
      total += Math.min(4 + Math.floor(days / 7), 10);
      parts?.push([Math.min(4 + Math.floor(days / 7), 10), `no contact in ${plural(days, 'day')}`]);
    }
  }

  const manual = input.manualPriority;
  if (manual && manual >= 1 && manual <= 5 && manual !== 3) {
    total += (3 - manual) * 5;
    parts?.push([(3 - manual) * 5, `marked priority ${manual}`]);
  }
  const ai = input.aiPriority;
  if (ai && ai >= 1 && ai <= 5 && ai !== 3) {
    total += (3 - ai) * 2;
    parts?.push([(3 - ai) * 2, `AI suggested priority ${ai}`]);
  }
  return total;
}

const closed = (input: LocalPriorityInput) => input.statusCategory === 'won' || input.statusCategory === 'lost';
const clamp = (total: number) => Math.max(0, Math.min(100, Math.round(total)));

/** The score of localPriority alone (the same number), without building its reasons. */
export function localScore(input: LocalPriorityInput, now: Date): number {
  return closed(input) ? 0 : clamp(weigh(input, now.getTime(), null));
}

export function localPriority(input: LocalPriorityInput, now: Date): LocalPriority {
  if (closed(input)) {
    return { score: 0, reasons: [input.statusCategory === 'won' ? 'already converted' : 'closed as lost'] };
  }
  const parts: Array<[number, string]> = [];
  const total = weigh(input, now.getTime(), parts);
  parts.sort((a, b) => Math.abs(b[0]) - Math.abs(a[0]));
  return { score: clamp(total), reasons: parts.slice(0, 4).map(([, r]) => r) };
}

/** Sorts a copy by score (highest first), then earliest follow-up, then oldest lead: a stable total order. */
export function rankByLocalPriority<T extends LocalPriorityInput>(
  items: readonly T[],
  now: Date,
): Array<T & LocalPriority> {
  return items
    .map((item) => ({ ...item, ...localPriority(item, now) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        byText(a.nextFollowUpAt ?? '\uffff', b.nextFollowUpAt ?? '\uffff') ||
        byText(a.createdAt ?? '', b.createdAt ?? ''),
    );
}

/** The name the first Today query used for the input. */
export type PriorityInput = LocalPriorityInput;
