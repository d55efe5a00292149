import type { z } from 'zod';
import { AppError, formatPath } from '../errors';
import type { MutationContext } from './define';
import { redirectMerged } from './merge';
import { getMutation } from './registry';
import { unsafeInput } from './unsafe-input';
import type { Tx } from './tx';

/** Turns a zod failure into one clear error naming the first bad field. */
export function invalidInput(error: z.ZodError, prefix = ''): AppError {
  const issue = error.issues[0]!;
  const path = formatPath([...(prefix ? [prefix] : []), ...issue.path]);
  return new AppError('invalid_input', path ? `${path}: ${issue.message}` : issue.message, path || undefined);
}

/** Validates a named mutation's arguments (filling defaults such as new ids). */
export function parseMutation(name: string, input: unknown) {
  const def = getMutation(name);
  if (!def) throw new AppError('invalid_input', `unknown mutation: ${String(name).slice(0, 60)}`, 'name');
  const unsafe = unsafeInput(input);
  if (unsafe) throw unsafe;
  const parsed = def.args.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput(parsed.error);
  return { def, args: parsed.data as Record<string, unknown> };
}

/**
 * Runs a named mutation inside a transaction the caller opened, on either store.
 * The returned args are the ones to record (outbox) or replay: defaults already filled.
 */
export async function executeMutation(tx: Tx, name: string, input: unknown, ctx: MutationContext) {
  const parsed = parseMutation(name, input);
  const { def } = parsed;
  const args = await redirectMerged(tx, name, parsed.args);
  const result = await def.run(tx, args, ctx);
  return { args, result };
}
