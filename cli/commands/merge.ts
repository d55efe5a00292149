import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { dbOption, parseOptions } from '../args';
import { call, withReplica } from './replica';

const MERGE = { clients: 'mergeClients', leads: 'mergeLeads', contacts: 'mergeContacts' } as const;

export async function mergeCommand(argv: string[]) {
  const o = parseOptions(
    argv,
    z.object({
      db: dbOption,
      kind: z.enum(['clients', 'leads', 'contacts'], { error: '--kind must be one of clients|leads|contacts' }),
      survivor: z.string({ error: '--survivor ID is required' }),
      merged: z.string({ error: '--merged ID is required' }),
      fields: z.string().optional(),
    }),
  );
  let fields: unknown = {};
  if (o.fields) {
    try {
      fields = JSON.parse(o.fields);
    } catch {
      throw new AppError('invalid_input', '--fields is not valid JSON', 'fields');
    }
  }
  return withReplica(
    o.db,
    false,
    async (app) =>
      (
        (await call(app, 'mutate', {
          name: MERGE[o.kind],
          args: { survivor_id: o.survivor, merged_id: o.merged, fields },
        })) as { result: unknown }
      ).result,
  );
}
