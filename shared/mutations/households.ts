import { z } from 'zod';
import { AppError } from '../errors';
import { newRow } from '../model/new-row';
import { HOUSEHOLD_TYPES } from '../model/tables/policies';
import { assertCanWrite, defineMutation, f, mustGet } from './define';

/**
 * Puts a client in a household (an existing one, or a new one made here) or takes it out
 * (household_id: null). Members share the household's owner: a replica that holds the client
 * then also holds its household, and row-level security treats them alike.
 */
export const setHousehold = defineMutation({
  name: 'setHousehold',
  args: z
    .object({
      client_id: f.id(),
      household_id: f.id().nullable().optional(),
      new_household: z
        .object({ id: f.newId(), name: f.name(), household_type: z.enum(HOUSEHOLD_TYPES).default('family') })
        .optional(),
    })
    .refine((a) => (a.household_id === undefined) !== (a.new_household === undefined), {
      message: 'give either household_id (null to leave) or new_household, not both',
      path: ['household_id'],
    }),
  async run(tx, { client_id, household_id, new_household }, ctx) {
    const client = await mustGet(tx, 'clients', client_id, 'client', 'client_id');
    assertCanWrite(ctx, client, 'client');
    let target: string | null = household_id ?? null;
    if (new_household) {
      if (await tx.get('households', new_household.id))
        throw new AppError('conflict', `household ${new_household.id} already exists`, 'new_household.id');
      await tx.insert(
        'households',
        newRow(
          'households',
          {
            ...new_household,
            owner_id: client.owner_id,
            team_id: client.team_id,
            created_at: ctx.now,
            updated_at: ctx.now,
          },
          ctx.now,
        ),
      );
      target = new_household.id;
    } else if (target) {
      const household = await mustGet(tx, 'households', target, 'household', 'household_id');
      assertCanWrite(ctx, household, 'household');
      if (household.owner_id !== client.owner_id)
        throw new AppError(
          'precondition_failed',
          'the household is in another producer’s book; its members share its owner',
          'household_id',
        );
    }
    if (client.household_id === target) return { client_id, household_id: target, changed: false };
    await tx.update('clients', client_id, { household_id: target, updated_at: ctx.now });
    return { client_id, household_id: target, changed: true };
  },
});
