/** The book of business: policy terms, renewals, cancellations, households, carriers, X-dates. */
import { describe } from 'vitest';
import type { MutationName } from '../../shared/mutations/registry';
import type { StoreKind } from '../support/stores';
import { policyBookTests } from './contract-policy-book';
import { firstTermSuite } from './contract-policy-convert';
import { policyTermTests } from './contract-policy-terms';
import { useStore } from './helpers';

export function policiesSuite(kind: StoreKind, covered: Set<MutationName>) {
  describe('policies', () => {
    const ctx = useStore(kind, covered);
    policyTermTests(ctx);
    policyBookTests(ctx);
  });

  firstTermSuite(kind, covered);
}
