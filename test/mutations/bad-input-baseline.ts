/** What a bad-input baseline is: a valid input, who runs it, and which of its paths are free text. */
import type { Actor } from '../../shared/mutations/define';
import type { People } from '../support/stores';

export interface Baseline {
  input: Record<string, unknown>;
  actor: keyof People;
  /** Paths of free text, which must be stored verbatim whatever query syntax they look like. */
  text: string[];
  /** Paths whose values are free-form JSON (any type is valid there). */
  freeform?: string[];
}

/** The time the baselines use wherever a mutation takes one. */
export const ts = '2025-04-02T15:00:00Z';

export const actorOf = (people: People, b: Baseline): Actor => people[b.actor];
