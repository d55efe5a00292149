/**
 * A lead's life as a timeline of step kinds: created, contacted, qualified, quoted, ... and then
 * converted, lost or still open with a follow-up due. Only kinds and times are planned here (a
 * few bytes per step); the arguments are built when a step is emitted (./steps.ts), so thousands
 * of leads can be in flight at once with flat memory.
 */
import type { Rng } from './prng';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type StepKind =
  | 'createLead'
  | 'address'
  | 'contact'
  | 'firstComm'
  | 'comm'
  | 'note'
  | 'opp'
  | 'oppStage'
  | 'status'
  | 'quote'
  | 'tags'
  | 'custom'
  | 'coverage'
  | 'follow'
  | 'complete'
  | 'finalFollow'
  | 'closeLost'
  | 'convert'
  | 'clientNote'
  | 'clientComm'
  | 'policyAdd'
  | 'policyRenew'
  | 'policyEnd'
  | 'household';

export interface PlanItem {
  t: number;
  kind: StepKind;
  /** Contact or opportunity index, status code, stage name, or the follow-up's due time. */
  arg?: number | string;
  seq: number;
}

export type Outcome = 'open' | 'converted' | 'lost' | 'untouched';

export interface LeadPlan {
  t0: number;
  outcome: Outcome;
  items: PlanItem[];
}

const OPEN_PATH = ['qualified', 'quoting', 'quoted', 'negotiating'] as const;
const STAGE_AFTER: Record<string, string> = { quoting: 'quoting', quoted: 'proposal', negotiating: 'negotiation' };

export interface PlanInput {
  t0: number;
  /** The generator's "now": every step happens before it. */
  now: number;
  contacts: number;
  twoOpps: boolean;
  isAuto: boolean;
  /** Chance that the lead, if it closes, is won (the hidden outcome model, outcome.ts). */
  winChance: number;
}

export function planLead(rng: Rng, input: PlanInput): LeadPlan {
  const { t0, now } = input;
  const avail = now - 90_000 - t0;
  let outcome: Outcome = avail < 3 * DAY && rng.chance(0.5) ? 'untouched' : 'open';
  if (outcome === 'open') {
    // One draw decides both: about 35% of leads close, and of those r / 0.35 below the
    // lead's win chance are won, so who wins follows the hidden model with its noise.
    const r = rng.next();
    if (r < 0.35 && avail > 7 * DAY) outcome = r / 0.35 < input.winChance ? 'converted' : 'lost';
  }
  const planned =
    outcome === 'converted'
      ? rng.real(5, 75) * DAY
      : outcome === 'lost'
        ? rng.real(4, 100) * DAY
        : outcome === 'untouched'
          ? avail
          : (1 + 150 * rng.next() ** 1.6) * DAY;
  const L = Math.min(planned, avail * 0.97);
  const end = t0 + L;
  const items: PlanItem[] = [];
  let seq = 0;
  const chain: PlanItem[] = [];
  const at = (t: number, kind: StepKind, arg?: number | string) => chain.push({ t, kind, arg, seq: seq++ });
  const float = (lo: number, hi: number, kind: StepKind, arg?: number | string) =>
    items.push({ t: Math.floor(lo + 1 + rng.next() * Math.max(0, hi - lo - 1)), kind, arg, seq: seq++ });
  /** A short gap that fits in the lead's life. */
  const gap = (min: number, max: number) => Math.min(rng.real(min, max), L * 0.02);

  at(t0, 'createLead');
  at(t0 + gap(20_000, 3 * MINUTE), 'address');
  at(t0 + gap(3 * MINUTE, 10 * MINUTE), 'contact', 0);
  for (let i = 1; i < input.contacts; i++) float(t0 + 10 * MINUTE, t0 + L * 0.3, 'contact', i);
  if (rng.chance(0.2)) float(t0, end, 'tags');
  if (rng.chance(0.12)) float(t0, end, 'custom');

  if (outcome === 'untouched') {
    const notes = rng.int(0, 2);
    for (let i = 0; i < notes; i++) float(t0 + 10 * MINUTE, end, 'note');
    at(end, 'finalFollow', followUpDue(rng, end, now, false));
    return finish(t0, outcome, chain, items, now);
  }

  const firstComm = t0 + Math.min(rng.real(10 * MINUTE, 26 * HOUR), L * 0.05);
  at(firstComm, 'firstComm');
  at(firstComm + gap(10 * MINUTE, 2 * DAY), 'opp', 0);
  if (input.isAuto && rng.chance(0.1)) float(firstComm, end, 'coverage');
  const notes = rng.around(4, 10, 16);
  for (let i = 0; i < notes; i++) float(firstComm, end, 'note');
  const comms = rng.around(2, 5, 8) - 1;
  for (let i = 0; i < comms; i++) float(firstComm, end, 'comm');

  // The pipeline: which statuses the lead passes through before its end.
  let path: string[];
  if (outcome === 'converted') path = ['qualified', 'quoting', 'quoted', ...(rng.chance(0.5) ? ['negotiating'] : [])];
  else if (outcome === 'lost') path = OPEN_PATH.slice(0, rng.int(0, 4));
  else {
    const target = rng.weighted([
      [0, 15],
      [1, 15],
      [2, 15],
      [3, 20],
      [4, 10],
      [-1, 25],
    ] as const);
    path = target >= 0 ? OPEN_PATH.slice(0, target) : [...OPEN_PATH.slice(0, rng.int(1, 3)), 'nurture'];
    if (avail < DAY) path = path.slice(0, 1).filter((s) => s !== 'nurture');
  }
  const start = firstComm + (L - (firstComm - t0)) * 0.1;
  const times = path.map(() => rng.real(start, t0 + L * 0.92)).sort((a, b) => a - b);
  const twoOpps = input.twoOpps && path.includes('qualified');
  const followAt = path.length > 0 && rng.chance(0.4) ? rng.int(0, path.length - 1) : -1;
  path.forEach((status, i) => {
    const t = times[i]!;
    const next = times[i + 1] ?? end;
    const step = () => Math.min(rng.real(2 * MINUTE, 3 * HOUR), (next - t) / 8);
    at(t, 'status', status);
    if (status === 'qualified' && twoOpps) at(t + step(), 'opp', 1);
    const stage = STAGE_AFTER[status];
    if (status === 'quoted') at(t + step(), 'quote');
    if (stage)
      for (let o = 0; o < (twoOpps && status !== 'negotiating' ? 2 : 1); o++)
        at(t + step(), 'oppStage', `${o}:${stage}`);
    if (i === followAt) {
      const scheduled = t + step();
      at(scheduled, 'follow', Math.floor(scheduled + rng.real(1, 5) * DAY));
      if (i + 1 < path.length || outcome !== 'open') at((scheduled + next) / 2, 'complete');
    }
  });

  if (outcome === 'converted') {
    if (twoOpps && rng.chance(0.5)) at(end - Math.min(HOUR, L * 0.01), 'closeLost', 1);
    at(end, 'convert');
    const welcome = end + rng.real(HOUR, 5 * DAY);
    if (welcome < now - 2 * MINUTE) at(welcome, 'clientNote');
    if (rng.chance(0.5) && welcome + HOUR < now - 2 * MINUTE) at(welcome + HOUR, 'clientComm');
  } else if (outcome === 'lost') {
    for (let o = 0; o < (twoOpps ? 2 : 1); o++) at(end - Math.min(HOUR, L * 0.01), 'closeLost', o);
    at(end, 'status', rng.chance(0.7) ? 'lost' : 'unresponsive');
  } else {
    at(end, 'finalFollow', followUpDue(rng, end, now, path.at(-1) === 'nurture'));
  }
  return finish(t0, outcome, chain, items, now);
}

/** When the open lead's next follow-up is due: overdue, later today, or in the future. */
function followUpDue(rng: Rng, stepAt: number, now: number, nurture: boolean): number {
  const endOfDay = Math.floor(now / DAY) * DAY + DAY - MINUTE;
  // Leads nobody has touched for weeks are mostly overdue; nurtured ones wait for their renewal.
  const stale = now - stepAt > 45 * DAY;
  const kind = nurture
    ? rng.weighted([
        ['future', 80],
        ['overdue', 20],
      ] as const)
    : rng.weighted(
        stale
          ? ([
              ['overdue', 70],
              ['today', 5],
              ['future', 25],
            ] as const)
          : ([
              ['overdue', 30],
              ['today', 20],
              ['future', 50],
            ] as const),
      );
  if (kind === 'overdue') {
    const lo = Math.max(stepAt + 2 * HOUR, now - 14 * DAY);
    if (lo < now - 30 * MINUTE) return Math.floor(rng.real(lo, now - 30 * MINUTE));
  }
  if (kind !== 'future' && endOfDay - now > HOUR) return Math.floor(rng.real(now + 5 * MINUTE, endOfDay));
  const days = nurture ? rng.int(30, 120) : rng.int(1, 30);
  return Math.floor(now / DAY) * DAY + days * DAY + Math.floor(rng.real(13, 22) * HOUR);
}

/** Chain steps keep their order (at least a second apart); floating steps fall where they may. */
function finish(t0: number, outcome: Outcome, chain: PlanItem[], items: PlanItem[], now: number): LeadPlan {
  for (let i = 1; i < chain.length; i++) chain[i]!.t = Math.max(Math.floor(chain[i]!.t), chain[i - 1]!.t + 1000);
  const last = now - MINUTE;
  const all = [...chain, ...items].filter((p) => p.t <= last);
  all.sort((a, b) => a.t - b.t || a.seq - b.seq);
  return { t0, outcome, items: all };
}
