import { z } from 'zod';
import { newRow } from '../model/new-row';
import { defineMutation, f, mustGet, assertCanWrite, type MutationContext } from './define';
import { contactFields, subjectRef } from './fields';
import { loadSubject } from './subject';
import type { Tx } from './tx';

/** One primary contact per lead or client: making one primary demotes the others. */
async function demoteOtherPrimaries(
  tx: Tx,
  ctx: MutationContext,
  keep: { id: string; lead_id: string | null; client_id: string | null },
) {
  const siblings = keep.lead_id
    ? await tx.find('contacts', { lead_id: keep.lead_id, is_primary_contact: true })
    : await tx.find('contacts', { client_id: keep.client_id, is_primary_contact: true });
  for (const c of siblings) {
    if (c.id !== keep.id) await tx.update('contacts', c.id, { is_primary_contact: false, updated_at: ctx.now });
  }
}

export const addContact = defineMutation({
  name: 'addContact',
  args: subjectRef.and(
    contactFields
      .partial()
      .required({ first_name: true, last_name: true })
      .extend({ id: f.newId(), is_primary_contact: z.boolean().default(false) }),
  ),
  async run(tx, { lead_id, client_id, ...fields }, ctx) {
    const subject = await loadSubject(tx, ctx, { lead_id, client_id });
    const row = newRow(
      'contacts',
      {
        ...fields,
        lead_id: subject.lead_id,
        client_id: subject.client_id,
        owner_id: subject.owner_id,
        team_id: subject.team_id,
        created_at: ctx.now,
        updated_at: ctx.now,
      },
      ctx.now,
    );
    await tx.insert('contacts', row);
    if (row.is_primary_contact) await demoteOtherPrimaries(tx, ctx, row);
    return row;
  },
});

export const updateContact = defineMutation({
  name: 'updateContact',
  args: z.object({
    id: f.id(),
    patch: contactFields.partial().refine((p) => Object.keys(p).length > 0, 'patch is empty'),
  }),
  async run(tx, { id, patch }, ctx) {
    const contact = await mustGet(tx, 'contacts', id, 'contact', 'id');
    assertCanWrite(ctx, contact, 'contact');
    await tx.update('contacts', id, { ...patch, updated_at: ctx.now });
    return { id, changed: Object.keys(patch) };
  },
});

export const setPrimaryContact = defineMutation({
  name: 'setPrimaryContact',
  args: z.object({ contact_id: f.id() }),
  async run(tx, { contact_id }, ctx) {
    const contact = await mustGet(tx, 'contacts', contact_id, 'contact', 'contact_id');
    assertCanWrite(ctx, contact, 'contact');
    if (contact.is_primary_contact) return { contact_id, changed: false };
    await tx.update('contacts', contact_id, { is_primary_contact: true, updated_at: ctx.now });
    await demoteOtherPrimaries(tx, ctx, contact);
    return { contact_id, changed: true };
  },
});
