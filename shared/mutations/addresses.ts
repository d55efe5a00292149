import { z } from 'zod';
import { US_STATES } from '../coverage/us-states';
import { AppError } from '../errors';
import { newRow } from '../model/new-row';
import { assertCanWrite, defineMutation, f } from './define';
import { loadSubject } from './subject';

const addressFields = z.object({
  line1: f.name(),
  line2: f.shortText().nullable().optional(),
  city: f.name(),
  state: z
    .string()
    .trim()
    .toUpperCase()
    .refine((s) => (US_STATES as readonly string[]).includes(s), 'is not a US state code'),
  postal_code: z
    .string()
    .trim()
    .regex(/^\d{5}(-\d{4})?$/, 'is not a US ZIP code'),
  county: f.shortText().nullable().optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
});

/**
 * Creates or edits an address, and optionally links it to a lead (its address) or a client
 * (physical or mailing). Addresses are shared rows, never copied into their owners.
 */
export const upsertAddress = defineMutation({
  name: 'upsertAddress',
  args: addressFields.extend({
    id: f.newId(),
    link: z
      .object({
        lead_id: f.id().optional(),
        client_id: f.id().optional(),
        as: z.enum(['physical', 'mailing']).default('physical'),
      })
      .optional(),
  }),
  async run(tx, { id, link, ...fields }, ctx) {
    const existing = await tx.get('addresses', id);
    const subject = link ? await loadSubject(tx, ctx, link) : null;
    if (existing) {
      assertCanWrite(ctx, existing, 'address');
      // A changed address is no longer the one that was verified or geocoded.
      await tx.update('addresses', id, {
        ...fields,
        is_verified: false,
        verified_at: null,
        geocoded_at: null,
        updated_at: ctx.now,
      });
    } else {
      const owner = subject ?? { owner_id: ctx.actor.userId, team_id: ctx.actor.teamId };
      await tx.insert(
        'addresses',
        newRow(
          'addresses',
          { id, ...fields, owner_id: owner.owner_id, team_id: owner.team_id, created_at: ctx.now, updated_at: ctx.now },
          ctx.now,
        ),
      );
    }
    if (subject?.lead_id) {
      if (link?.as === 'mailing')
        throw new AppError('invalid_input', 'a lead has one address; mailing is for clients', 'link.as');
      await tx.update('leads', subject.lead_id, { address_id: id, updated_at: ctx.now });
    } else if (subject?.client_id) {
      const column = link?.as === 'mailing' ? 'mailing_address_id' : 'address_id';
      await tx.update('clients', subject.client_id, { [column]: id, updated_at: ctx.now });
    }
    return { id, created: !existing };
  },
});
