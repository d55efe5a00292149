import { addDaysToDate, addMonths } from '../book/terms';
import type { BuiltStep, LeadRun } from './lead-run';
import type { PlanItem } from './plan';
import { uuidv7At } from './prng';

/** A step of the client's book: another policy, a renewal, a cancellation or non-renewal, a household. */
export function bookStep(run: LeadRun, item: PlanItem, ms: number): BuiltStep {
  const { rng } = run;
  const [index, term] = String(item.arg).split(':').map(Number) as [number, number | undefined];
  const p = run.book!.policies[index]!;
  if (item.kind === 'household') {
    // The first member whose step comes makes the household; the others join it.
    const { group } = run.book!.household!;
    if (group.created) return { name: 'setHousehold', args: { client_id: run.clientId, household_id: group.id } };
    group.created = true;
    return {
      name: 'setHousehold',
      args: {
        client_id: run.clientId,
        new_household: { id: group.id, name: group.name, household_type: group.type },
      },
    };
  }
  if (item.kind === 'policyAdd') {
    run.termIds[index] = uuidv7At(rng, ms);
    return {
      name: 'addPolicy',
      args: {
        id: run.termIds[index],
        client_id: run.clientId,
        carrier_id: p.carrierId,
        insurance_type_id: p.typeId,
        policy_number: p.number,
        effective_date: p.effective,
        expiration_date: addMonths(p.effective, 12),
        written_premium: p.premiums[0]!,
        commission_rate: p.commission,
      },
    };
  }
  if (item.kind === 'policyRenew') {
    const previous = run.termIds[index]!;
    run.termIds[index] = uuidv7At(rng, ms);
    return {
      name: 'renewPolicy',
      args: { policy_id: previous, new_policy_id: run.termIds[index], written_premium: p.premiums[term!]! },
    };
  }
  const start = addMonths(p.effective, 12 * (p.premiums.length - 1));
  if (p.end === 'cancelled') {
    const latest = new Date(ms).toISOString().slice(0, 10);
    const day = addDaysToDate(start, rng.int(0, 200));
    return {
      name: 'cancelPolicy',
      args: {
        policy_id: run.termIds[index]!,
        cancellation_date: day < latest ? day : latest < start ? start : latest,
        reason: rng.pick(CANCEL_REASONS),
      },
    };
  }
  return { name: 'markNonRenewed', args: { policy_id: run.termIds[index]!, reason: rng.pick(NON_RENEWAL_REASONS) } };
}

const CANCEL_REASONS = [
  'Non-payment of premium',
  'Sold the vehicle',
  'Moved out of state',
  'Replaced with another carrier',
  'Insured request',
];
const NON_RENEWAL_REASONS = [
  'Carrier non-renewed after claims',
  'Carrier left the state',
  'Insured shopped elsewhere',
  'Underwriting: roof age',
];
