import { z } from 'zod';
import { AppError } from '../errors';
import { addNote } from './activity';
import { unsafeInput } from './unsafe-input';
import { upsertAddress } from './addresses';
import { createClient, updateClient } from './clients';
import { addContact, updateContact } from './contacts';
import { canAccess, defineMutation, f, type MutationDef } from './define';
import { createLead, updateLead } from './leads';
import { DELETABLE } from './lifecycle';
import { addPolicy, updatePolicy } from './policies';

/** The mutations an import row may become; each item is checked by that mutation's own schema. */
const ITEM_MUTATIONS = {
  createClient,
  updateClient,
  createLead,
  updateLead,
  addContact,
  updateContact,
  addNote,
  upsertAddress,
  addPolicy,
  updatePolicy,
} as const satisfies Record<string, MutationDef>;
export type ImportItemName = keyof typeof ITEM_MUTATIONS;
export const IMPORT_ITEM_NAMES = Object.keys(ITEM_MUTATIONS) as ImportItemName[];

/** Most items one batch carries: the job also cuts batches by size to stay under the gateway's body limit. */
export const IMPORT_BATCH_MAX_ITEMS = 2_000;

const item = z.discriminatedUnion(
  'name',
  IMPORT_ITEM_NAMES.map((name) => z.object({ name: z.literal(name), args: ITEM_MUTATIONS[name].args })) as unknown as [
    z.ZodObject<{ name: z.ZodLiteral<ImportItemName>; args: z.ZodType }>,
  ],
);
export type ImportItem = { name: ImportItemName; args: Record<string, unknown> };

/** Checks one item with its mutation's own schema, filling its new ids (the import records those). */
export function parseImportItem(input: ImportItem) {
  const unsafe = unsafeInput(input.args);
  if (unsafe)
    return {
      ok: false,
      issues: [
        {
          code: 'custom',
          path: (unsafe.field ?? '').split('.'),
          message: unsafe.message.replace(/^[^:]*: /, ''),
          input: undefined,
        },
      ],
    } as const;
  const parsed = item.safeParse(input);
  return parsed.success
    ? ({ ok: true, item: parsed.data as ImportItem } as const)
    : ({ ok: false, issues: parsed.error.issues } as const);
}

/**
 * Many rows of an import in one named mutation, so a batch is one transaction on the replica and
 * one on the gateway. Parsing runs each item's own schema (filling new ids, which the outbox then
 * records), so the server replays the same records. A failing item fails the whole batch with its
 * index in the error's field (`items[12].email`): the import job takes that row out and retries.
 */
export const importBatch = defineMutation({
  name: 'importBatch',
  args: z.object({ import_id: f.id(), items: z.array(item).min(1).max(IMPORT_BATCH_MAX_ITEMS) }),
  async run(tx, { items }, ctx) {
    for (const [i, it] of items.entries()) {
      const def = ITEM_MUTATIONS[it.name] as MutationDef;
      try {
        await def.run(tx, it.args as never, ctx);
      } catch (err) {
        if (err instanceof AppError) {
          const field = `items[${i}]${err.field ? `.args.${err.field}` : ''}`;
          throw new AppError(err.code, `${field}: ${err.message}`, field);
        }
        throw err;
      }
    }
    return { count: items.length };
  },
});

/**
 * Undo of an import, a batch at a time: soft-deletes the records it created (the ids come from
 * the replica's import job). Records already deleted, or a lead converted since, are left alone.
 */
export const undoImportBatch = defineMutation({
  name: 'undoImportBatch',
  args: z.object({
    import_id: f.id(),
    records: z
      // Policy terms are not deleted by hand (they are cancelled), but an import's own are undone.
      .array(z.object({ table: z.enum([...DELETABLE, 'policies']), id: f.id() }))
      .min(1)
      .max(IMPORT_BATCH_MAX_ITEMS),
  }),
  async run(tx, { records }, ctx) {
    let deleted = 0;
    for (const { table, id } of records) {
      const row = await tx.get(table, id);
      if (!row) throw new AppError('not_found', `${table} ${id} does not exist`, 'records');
      if (row.deleted_at) continue;
      if (table === 'leads' && (row as { is_converted?: boolean }).is_converted) continue;
      if (!canAccess(ctx.actor, row))
        throw new AppError('forbidden', `you may not change this record (${table} ${id})`);
      await tx.update(table, id, { deleted_at: ctx.now, updated_at: ctx.now });
      deleted++;
    }
    return { deleted };
  },
});
