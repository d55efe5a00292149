import { z } from 'zod';
import { EXPORT_KINDS, exportBook, exportList } from '../../electron/main/export/export';
import { dbOption, parseOptions } from '../args';
import { withReplica } from './replica';

export async function exportCommand(argv: string[]) {
  const o = parseOptions(
    argv,
    z.object({
      db: dbOption,
      kind: z.enum([...EXPORT_KINDS, 'book'], {
        error: `--kind must be one of ${[...EXPORT_KINDS, 'book'].join('|')}`,
      }),
      out: z.string({ error: '--out PATH.csv|PATH.xlsx is required' }).min(1),
      status: z.string().optional(),
      type: z.string().optional(),
      // The Leads list's X-date window, as the screen's filter sends it.
      'xdate-from': z.iso.date({ error: '--xdate-from must be a date (YYYY-MM-DD)' }).optional(),
      'xdate-to': z.iso.date({ error: '--xdate-to must be a date (YYYY-MM-DD)' }).optional(),
      days: z.coerce
        .number({ error: '--days must be a number of days' })
        .int('--days must be a whole number of days')
        .min(1, '--days must be 1 to 730')
        .max(730, '--days must be 1 to 730')
        .optional(),
    }),
  );
  return withReplica(o.db, false, async (app): Promise<object> =>
    o.kind === 'book'
      ? exportBook(app.db, o.out)
      : exportList(app.db, o.kind, o.out, {
          status: o.status,
          type: o.type,
          days: o.days,
          xdate_from: o['xdate-from'],
          xdate_to: o['xdate-to'],
        }),
  );
}
