/**
 * The synthetic agency's book of business: each converted lead's client gets 1–3 policies, each
 * a chain of terms (its first term back-dated 1–5 years, as an agency's book carries years of
 * history) renewed yearly with realistic premium changes up to the present, each renewal drawn from the
 * hidden retention model of outcome.ts (so some chains end cancelled or non-renewed). Drawn from a stream of its own, so the book does not shift the draws
 * of the leads' stories and plans. The household seat (households.ts) is given by the agency.
 */
import { addMonths } from '../book/terms';
import { CARRIER_SEEDS, insuranceTypeByCode } from '../lookups';
import type { HouseholdSeat } from './households';
import { renewChance } from './outcome';
import type { LeadPlan, PlanItem } from './plan';
import { DAY, MINUTE } from './plan';
import type { Rng } from './prng';
import { isoDay } from './text';

export interface BookPolicy {
  carrierId: string;
  typeId: string;
  number: string;
  /** The first term's effective date; every term is twelve months. */
  effective: string;
  /** Written premium of each term, oldest first. */
  premiums: number[];
  commission: number;
  end: 'active' | 'cancelled' | 'non_renewed';
}

export interface BookPlan {
  policies: BookPolicy[];
  household: HouseholdSeat | null;
}

const EXTRA_LINES = ['home', 'umbrella', 'renters', 'motorcycle', 'boat', 'condo'];

function carrierFor(rng: Rng, code: string) {
  const writers = CARRIER_SEEDS.filter((c) => c.lines.includes(code));
  return rng.pick(writers.length > 0 ? writers : CARRIER_SEEDS);
}

/** Most renewals move a few percent, some rise sharply (the retention risks), a few fall. */
function renewalChange(rng: Rng): number {
  const kind = rng.weighted([
    ['steady', 60],
    ['rise', 28],
    ['spike', 8],
    ['drop', 4],
  ] as const);
  const pct =
    kind === 'steady'
      ? rng.real(-2, 6)
      : kind === 'rise'
        ? rng.real(6, 14)
        : kind === 'spike'
          ? rng.real(14, 32)
          : rng.real(-12, -3);
  return 1 + pct / 100;
}

/** What a chain's renewals depend on besides its own prices (outcome.ts). */
interface Holder {
  policies: number;
  household: boolean;
  mood: number;
}

/**
 * A chain of yearly terms from `effective`: each term that has run its year renews with the
 * hidden chance of outcome.ts (a new premium drawn), or the chain ends cancelled or non-renewed.
 */
function chain(
  rng: Rng,
  code: string,
  firstPremium: number,
  effective: string,
  today: string,
  who: Holder,
): BookPolicy {
  const carrier = carrierFor(rng, code);
  const premiums = [Math.round(firstPremium * 100) / 100];
  let end: BookPolicy['end'] = 'active';
  for (let start = addMonths(effective, 12); start <= today; start = addMonths(start, 12)) {
    const k = premiums.length - 1;
    const changePct = k === 0 ? 0 : (premiums[k]! / premiums[k - 1]! - 1) * 100;
    if (!rng.chance(renewChance({ changePct, priorTerms: k, code, ...who }))) {
      end = rng.chance(0.45) ? 'cancelled' : 'non_renewed';
      break;
    }
    premiums.push(Math.round(premiums.at(-1)! * renewalChange(rng) * 100) / 100);
  }
  const prefix = carrier.name.replace(/[^A-Z]/g, '').slice(0, 3) || 'POL';
  return {
    carrierId: carrier.id,
    typeId: insuranceTypeByCode(code).id,
    number: `${prefix}-${rng.digits(4)}-${rng.digits(6)}`,
    effective,
    premiums,
    commission: rng.pick([10, 12, 12.5, 15]),
    end,
  };
}

/**
 * The book of a lead converted at `convertAt` whose sale was worth `premium`, in line `code`;
 * `household` when the client joins one (their renewals are likelier).
 */
export function planBook(
  rng: Rng,
  convertAt: number,
  now: number,
  code: string,
  premium: number,
  household = false,
): BookPlan {
  const today = isoDay(now);
  const years = rng.int(0, 4);
  // About 2.1 policies a client (a personal-lines agency's usual 1.8–2.3): 20k clients hold 40k+.
  const extra = rng.weighted([
    [0, 25],
    [1, 40],
    [2, 35],
  ] as const);
  const who: Holder = { policies: 1 + extra, household, mood: rng.real(-0.6, 0.6) };
  const policies = [chain(rng, code, premium, addMonths(isoDay(convertAt), -12 * years), today, who)];
  for (let i = 0; i < extra; i++) {
    const line = rng.pick(EXTRA_LINES);
    const effective = isoDay(convertAt - rng.int(0, 4 * 365) * DAY);
    policies.push(chain(rng, line, rng.real(180, 2400), effective, today, who));
  }
  return { policies, household: null };
}

/** The steps that write the book, a second apart right after the conversion (policy 0 is the sale). */
export function appendBook(plan: LeadPlan, book: BookPlan, now: number): void {
  const convert = plan.items.find((i) => i.kind === 'convert');
  if (!convert) return;
  const items: PlanItem[] = [];
  const at = (kind: PlanItem['kind'], arg: string) =>
    items.push({ t: convert.t + (items.length + 1) * 1000, kind, arg, seq: 1_000_000 + items.length });
  book.policies.forEach((p, i) => {
    if (i > 0) at('policyAdd', `${i}`);
    for (let term = 1; term < p.premiums.length; term++) at('policyRenew', `${i}:${term}`);
    if (p.end !== 'active') at('policyEnd', `${i}`);
  });
  if (book.household) at('household', '');
  const last = now - MINUTE;
  plan.items.push(...items.filter((i) => i.t <= last));
  plan.items.sort((a, b) => a.t - b.t || a.seq - b.seq);
}
