import type { MutationInput, MutationName } from '../mutations/registry';
import type { BookPlan } from './book';
import type { Clock } from './coverage';
import type { LeadPlan } from './plan';
import type { Rng } from './prng';
import type { LeadStory } from './story';

/** One step of the synthetic agency: a named mutation, who runs it and when. */
export type SyntheticStep = {
  [N in MutationName]: {
    name: N;
    args: MutationInput<N>;
    /** The mutation (outbox) id, a UUIDv7 of `createdAt`. */
    id: string;
    /** ISO timestamp; strictly increasing over the whole stream. */
    createdAt: string;
    /** The user who makes the change: the lead's owner agent. */
    actorId: string;
    leadIndex: number;
  };
}[MutationName];

/** A step's mutation before its id, time and actor are added. */
export type BuiltStep = { [N in MutationName]: { name: N; args: MutationInput<N> } }[MutationName];

/** A lead being played out: its story, its plan, and the ids handed out so far. */
export interface LeadRun {
  index: number;
  rng: Rng;
  clock: Clock;
  story: LeadStory;
  plan: LeadPlan;
  cursor: number;
  /** Time of the step at `cursor` (the heap's key). */
  nextT: number;
  leadId: string;
  clientId: string;
  contactIds: string[];
  oppIds: string[];
  /** The client's book (converted leads only) and the id of each policy's latest term. */
  book: BookPlan | null;
  termIds: string[];
}
