import { z } from 'zod';
import { dbOption, parseOptions } from '../args';
import { call, statusId, typeId, withReplica } from './replica';

export async function addLeadCommand(argv: string[]) {
  const o = parseOptions(
    argv,
    z.object({
      db: dbOption,
      first: z.string({ error: '--first NAME is required' }),
      last: z.string({ error: '--last NAME is required' }),
      email: z.string().optional(),
      phone: z.string().optional(),
      type: z.string().default('auto'),
      status: z.string().optional(),
    }),
  );
  return withReplica(o.db, true, async (app) => {
    const { result } = (await call(app, 'mutate', {
      name: 'createLead',
      args: {
        first_name: o.first,
        last_name: o.last,
        email: o.email,
        phone: o.phone,
        insurance_type_id: typeId(o.type),
        ...(o.status ? { status_id: statusId(o.status) } : {}),
      },
    })) as { result: unknown };
    return result;
  });
}

export async function addNoteCommand(argv: string[]) {
  const o = parseOptions(
    argv,
    z.object({
      db: dbOption,
      lead: z.string({ error: '--lead ID is required' }),
      body: z.string({ error: '--body TEXT is required' }),
    }),
  );
  return withReplica(
    o.db,
    false,
    async (app) =>
      ((await call(app, 'mutate', { name: 'addNote', args: { lead_id: o.lead, body: o.body } })) as { result: unknown })
        .result,
  );
}
