/** The AI mutations on the replica's SQLite and the gateway's Postgres (with row-level security). */
import { afterAll, describe, expect } from 'vitest';
import type { MutationName } from '../../shared/mutations/registry';
import { STORE_KINDS } from '../support/stores';
import { aiServiceSuite } from './contract-ai';

for (const kind of STORE_KINDS) {
  describe(`AI mutations on ${kind}`, () => {
    const covered = new Set<MutationName>();
    aiServiceSuite(kind, covered);
    afterAll(() => {
      // Both committed at least once on this store.
      expect([...covered].filter((n) => n === 'recordAiInteraction' || n === 'applyAiAnnotations').sort()).toEqual([
        'applyAiAnnotations',
        'recordAiInteraction',
      ]);
    });
  });
}
