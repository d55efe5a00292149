import { z } from 'zod';
import { AppError } from '../errors';
import { CLIENT_STATUSES, CONTACT_METHODS } from '../model/tables/clients';
import { assertCanWrite, defineMutation, f, mustGet } from './define';
import { fieldChanges, recordChanges } from './history';

/** The editable fields of a client, named as the columns they fill; null clears a field. */
export const clientFields = z.object({
  status: z.enum(CLIENT_STATUSES),
  first_name: f.name().nullable(),
  middle_name: f.name().nullable(),
  last_name: f.name().nullable(),
  business_name: f.name().nullable(),
  dba_name: f.name().nullable(),
  email: f.email().nullable(),
  phone: f.phone().nullable(),
  website: z.url().max(500).nullable(),
  preferred_contact_method: z.enum(CONTACT_METHODS).nullable(),
  occupation: f.shortText().nullable(),
  industry: f.shortText().nullable(),
  source: f.shortText().nullable(),
});

/** The identity a client's type needs (the clients_identifiers_match_type CHECK), as a field error. */
function identityIssue(c: { client_type: string } & Record<string, unknown>): { path: string; message: string } | null {
  if (c.client_type === 'individual') {
    if (!c.first_name) return { path: 'patch.first_name', message: 'is required for an individual' };
    if (!c.last_name) return { path: 'patch.last_name', message: 'is required for an individual' };
    for (const k of ['business_name', 'dba_name'])
      if (c[k]) return { path: `patch.${k}`, message: 'belongs to a business client' };
  } else {
    if (!c.business_name) return { path: 'patch.business_name', message: 'is required for a business' };
    for (const k of ['first_name', 'middle_name', 'last_name'])
      if (c[k]) return { path: `patch.${k}`, message: 'belongs to an individual client' };
  }
  return null;
}

/** A field-level patch of a client, with its field history written in the same transaction. */
export const updateClient = defineMutation({
  name: 'updateClient',
  args: z.object({
    id: f.id(),
    patch: clientFields.partial().refine((p) => Object.keys(p).length > 0, 'patch is empty'),
    change_id: f.newId(),
  }),
  async run(tx, { id, patch, change_id }, ctx) {
    const client = await mustGet(tx, 'clients', id, 'client', 'id');
    assertCanWrite(ctx, client, 'client');
    const issue = identityIssue({ ...client, ...patch });
    if (issue) throw new AppError('invalid_input', `${issue.path} ${issue.message}`, issue.path);
    await tx.update('clients', id, { ...patch, updated_at: ctx.now });
    await recordChanges(tx, ctx, {
      id: change_id,
      mutation: 'updateClient',
      record: { lead_id: null, client_id: id, owner_id: client.owner_id, team_id: client.team_id },
      changes: fieldChanges(client as Record<string, unknown>, patch),
    });
    return { id, changed: Object.keys(patch) };
  },
});
