import type { AppErrorShape, Result } from '../../../shared/errors';
import type { MutationInput, MutationName, MutationResult } from '../../../shared/mutations/registry';
import { call } from './client';

/**
 * Runs a named mutation. Its commit is a change event, so the open queries that read the tables
 * it wrote re-run by themselves; on failure the caller gets the AppError, whose `field` names the
 * input to mark.
 */
export async function mutate<N extends MutationName>(
  name: N,
  args: MutationInput<N>,
): Promise<Result<MutationResult<N>>> {
  const res = await call('mutate', { name, args });
  if (!res.ok) return res;
  return { ok: true, value: res.value.result as MutationResult<N> };
}

/** Error fields arrive as the mutation's path (`patch.email`, `auto_data.vehicles[0].vin`); forms key by the part after a known prefix. */
export function fieldOf(error: AppErrorShape, prefixes: string[] = ['patch.', 'set.', 'settings.']): string | null {
  if (!error.field) return null;
  for (const p of prefixes) if (error.field.startsWith(p)) return error.field.slice(p.length);
  return error.field;
}

/** A sentence for an error with no field: the message, with the path-prefix noise removed. */
export function messageOf(error: AppErrorShape): string {
  const m = error.message;
  if (error.field && m.startsWith(`${error.field}: `)) return m.slice(error.field.length + 2);
  if (error.field && m.startsWith(`${error.field} `)) return m.slice(error.field.length + 1);
  return m;
}
