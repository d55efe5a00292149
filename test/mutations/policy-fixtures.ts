/** Carriers, today's date and a term maker shared by the policy contract tests. */
import { addDaysToDate, addMonths } from '../../shared/book/terms';
import { CARRIER_SEEDS } from '../../shared/lookups';
import type { Row } from '../../shared/model/catalogue';
import type { Actor } from '../../shared/mutations/define';
import { type Store } from '../support/stores';
import { id, INS } from './helpers';

export const [PROGRESSIVE, TRAVELERS] = CARRIER_SEEDS.map((c) => c.id) as [string, string];
/** Terms relative to the real today, so "in force" (which reads the clock) holds. */
export const TODAY = new Date().toISOString().slice(0, 10);

export async function makePolicy(store: Store, actor: Actor, clientId: string, values: Record<string, unknown> = {}) {
  const effective = (values.effective_date as string | undefined) ?? addDaysToDate(TODAY, -200);
  return store.run(
    'addPolicy',
    {
      client_id: clientId,
      carrier_id: PROGRESSIVE,
      insurance_type_id: INS.auto,
      policy_number: `PA-${id().slice(-6)}`,
      effective_date: effective,
      expiration_date: addMonths(effective, 12),
      written_premium: 1000,
      ...values,
    },
    actor,
  ) as Promise<Row<'policies'>>;
}
