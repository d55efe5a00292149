import { z } from 'zod';
import { dbOption, intOption, parseOptions } from '../args';
import { seedCommand } from './seed';

/** `seed --db FILE --leads N [--seed S] [--direct]`: the synthetic agency. */
export async function runSeed(argv: string[]) {
  const o = parseOptions(
    argv,
    z.object({
      db: dbOption,
      leads: intOption(1, 1_000_000).default(100),
      seed: intOption(0, 2 ** 31).default(1),
      direct: z.boolean().default(false),
    }),
    ['direct'],
  );
  return seedCommand({ db: o.db, leads: o.leads, seed: o.seed, direct: o.direct });
}
