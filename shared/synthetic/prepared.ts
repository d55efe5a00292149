/**
 * Steps with their arguments already parsed: the first half of executeMutation (parseMutation,
 * which validates and fills defaults), done ahead so a bulk loader can run it on another thread
 * and keep only the second half (the mutation's `run`) on the thread that owns the database.
 */
import { parseMutation } from '../mutations/execute';
import type { MutationName } from '../mutations/registry';
import type { SyntheticStep } from './lead-run';

export interface PreparedStep {
  name: MutationName;
  /** The parsed arguments, as executeMutation would pass them to the mutation's run. */
  args: Record<string, unknown>;
  id: string;
  createdAt: string;
  actorId: string;
}

/** Batches of parsed steps, in order; a parse failure names the step. */
export function* preparedBatches(steps: Iterable<SyntheticStep>, size = 2000): Generator<PreparedStep[]> {
  let batch: PreparedStep[] = [];
  let n = 0;
  for (const s of steps) {
    let args: Record<string, unknown>;
    try {
      args = parseMutation(s.name, s.args).args;
    } catch (err) {
      throw new Error(`synthetic step ${n} (${s.name}) is invalid: ${(err as Error).message}`, { cause: err });
    }
    batch.push({ name: s.name, args, id: s.id, createdAt: s.createdAt, actorId: s.actorId });
    n++;
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
