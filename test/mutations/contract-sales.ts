/** Opportunities, tickets, campaigns, marketing settings, softDelete and restore. */
import { describe } from 'vitest';
import type { MutationName } from '../../shared/mutations/registry';
import type { StoreKind } from '../support/stores';
import { campaignsAndTrashTests } from './contract-campaigns-and-trash';
import { opportunitiesAndTicketsTests } from './contract-opportunities-and-tickets';
import { useStore } from './helpers';

export function salesSuite(kind: StoreKind, covered: Set<MutationName>) {
  describe('sales and service', () => {
    const ctx = useStore(kind, covered);

    opportunitiesAndTicketsTests(ctx);
    campaignsAndTrashTests(ctx);
  });
}
