/**
 * For bad-input.test.ts: a small world with fixed ids, and for every named mutation one valid
 * input against it (the baseline each bad input is derived from), who runs it, and which of
 * its strings are free text that must be stored verbatim.
 */
import type { MutationName } from '../../shared/mutations/registry';
import type { Baseline } from './bad-input-baseline';
import { BOOK_BASELINES } from './bad-input-book-baselines';
import { LEAD_BASELINES } from './bad-input-lead-baselines';
import { SALES_BASELINES } from './bad-input-sales-baselines';

/** Typed against the registry, so a new mutation must bring its baseline. */
export const BASELINES: Record<MutationName, Baseline> = {
  ...LEAD_BASELINES,
  ...SALES_BASELINES,
  ...BOOK_BASELINES,
};
