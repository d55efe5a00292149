import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../shared/errors';
import { invalidInput } from '../shared/mutations/execute';

/** Parses `--flag value` options and positionals, then checks them with a zod schema. */
export function parseOptions<S extends z.ZodType>(argv: string[], schema: S, booleans: string[] = []): z.output<S> & { _: string[] } {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: false,
    allowPositionals: true,
    options: Object.fromEntries(booleans.map((b) => [b, { type: 'boolean' as const }])),
  });
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw invalidInput(parsed.error);
  return Object.assign(parsed.data as object, { _: positionals }) as z.output<S> & { _: string[] };
}

export const intOption = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
export const dbOption = z.string({ error: '--db FILE is required' }).min(1, '--db FILE is required');

export function usageError(message: string): never {
  throw new AppError('invalid_input', message);
}
