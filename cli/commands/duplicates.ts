import { z } from 'zod';
import { DEDUP_KINDS, scanDuplicates } from '../../electron/main/dedup/scan';
import { dbOption, intOption, parseOptions } from '../args';
import { withReplica } from './replica';

export async function duplicatesCommand(argv: string[]) {
  const o = parseOptions(
    argv,
    z.object({
      db: dbOption,
      kind: z.enum(DEDUP_KINDS, { error: `--kind must be one of ${DEDUP_KINDS.join('|')}` }),
      limit: intOption(1, 10_000).default(50),
      full: z.boolean().optional(),
    }),
    ['full'],
  );
  return withReplica(o.db, false, async (app) => {
    const r = scanDuplicates(app.db, o.kind, { full: o.full });
    return { ...r, pairs: r.pairs.slice(0, o.limit), total_pairs: r.pairs.length };
  });
}
