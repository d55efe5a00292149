/**
 * The mutation contract: the same tests, run against either store (sqlite.test.ts and
 * postgres.test.ts each call defineMutationSuite). Each domain gets its own fresh store.
 */
import { describe, expect, it } from 'vitest';
import { MUTATION_NAMES, type MutationName } from '../../shared/mutations/registry';
import type { StoreKind } from '../support/stores';
import { activitySuite } from './contract-activity';
import { aiSuite } from './contract-ai';
import { convertSuite } from './contract-convert';
import { edgesSuite } from './contract-edges';
import { leadsSuite } from './contract-leads';
import { pipelineSuite } from './contract-pipeline';
import { recordsSuite } from './contract-records';
import { policiesSuite } from './contract-policies';
import { salesSuite } from './contract-sales';
import { importSuite } from './contract-import';
import { tasksSuite } from './contract-tasks';

export function defineMutationSuite(kind: StoreKind) {
  const covered = new Set<MutationName>();
  describe(`named mutations on ${kind}`, () => {
    leadsSuite(kind, covered);
    pipelineSuite(kind, covered);
    activitySuite(kind, covered);
    salesSuite(kind, covered);
    convertSuite(kind, covered);
    policiesSuite(kind, covered);
    aiSuite(kind, covered);
    edgesSuite(kind, covered);
    recordsSuite(kind, covered);
    importSuite(kind, covered);
    tasksSuite(kind, covered);

    it('committed every named mutation at least once', () => {
      expect(MUTATION_NAMES.filter((n) => !covered.has(n))).toEqual([]);
    });
  });
}
