import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../shared/errors';
import { invalidInput } from '../shared/mutations/execute';

/**
 * Parses `--flag value` options and positionals, then checks them with a zod schema. The
 * schema's keys are the options: each takes a value (so `--db FILE` is read as db = FILE, not as
 * a bare flag and a positional) unless listed in `booleans`; any other option is an error.
 */
export function parseOptions<S extends z.ZodType>(
  argv: string[],
  schema: S,
  booleans: string[] = [],
): z.output<S> & { _: string[] } {
  const names = schema instanceof z.ZodObject ? Object.keys(schema.shape as object) : [];
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      strict: names.length > 0,
      allowPositionals: true,
      options: Object.fromEntries([
        ...names.map((n) => [n, { type: 'string' as const }]),
        ...booleans.map((b) => [b, { type: 'boolean' as const }]),
      ]),
    }));
  } catch (err) {
    // node:util's messages ("Unknown option '--x'", "Option '--db <value>' argument missing") span lines.
    throw new AppError('invalid_input', String((err as Error).message).replace(/\s*\n\s*/g, ' '));
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw invalidInput(parsed.error);
  return Object.assign(parsed.data as object, { _: positionals }) as z.output<S> & { _: string[] };
}

export const intOption = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
export const dbOption = z.string({ error: '--db FILE is required' }).min(1, '--db FILE is required');

export function usageError(message: string): never {
  throw new AppError('invalid_input', message);
}
