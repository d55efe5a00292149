import { z } from 'zod';
import { AppError } from '../errors';
import type { Row } from '../model/catalogue';
import { newRow } from '../model/new-row';
import { CLIENT_TYPES, CONTACT_METHODS } from '../model/tables/clients';
import { assertCanWrite, defineMutation, f, mustGet } from './define';
import { resolveOwner } from './leads';

/**
 * The editable fields of a client, named as the columns they fill. A client is usually made by
 * converting a lead; createClient exists for a book brought in from another system (import).
 */
export const clientFields = z.object({
  client_type: z.enum(CLIENT_TYPES),
  status: z.enum(['active', 'inactive', 'former']),
  first_name: f.name().nullable(),
  middle_name: f.name().nullable(),
  last_name: f.name().nullable(),
  date_of_birth: f.date().nullable(),
  occupation: f.shortText().nullable(),
  marital_status: f.shortText().nullable(),
  business_name: f.name().nullable(),
  dba_name: f.shortText().nullable(),
  industry: f.shortText().nullable(),
  naics_code: f.shortText().nullable(),
  fein: f.shortText().nullable(),
  year_established: z.number().int().min(1600).max(9999).nullable(),
  annual_revenue: f.money().nullable(),
  employee_count: z.number().int().min(0).max(2_147_483_647).nullable(),
  email: f.email().nullable(),
  phone: f.phone().nullable(),
  website: f.shortText().nullable(),
  preferred_contact_method: z.enum(CONTACT_METHODS).nullable(),
  source: f.shortText().nullable(),
  client_since: f.timestamp().nullable(),
});
export type ClientFields = z.infer<typeof clientFields>;

/** The rule the clients_identifiers_match_type CHECK enforces, told as a field error first. */
function clientIdentityIssue(v: Partial<Row<'clients'>>): { path: string; message: string } | null {
  if (v.client_type === 'business') {
    if (!v.business_name) return { path: 'business_name', message: 'is required for a business' };
    for (const k of ['first_name', 'middle_name', 'last_name', 'date_of_birth'] as const)
      if (v[k]) return { path: k, message: 'is for individuals; a business has none' };
    return null;
  }
  if (!v.first_name) return { path: 'first_name', message: 'is required for an individual' };
  if (!v.last_name) return { path: 'last_name', message: 'is required for an individual' };
  for (const k of ['business_name', 'fein', 'dba_name'] as const)
    if (v[k]) return { path: k, message: 'is for businesses; an individual has none' };
  return null;
}

export const createClient = defineMutation({
  name: 'createClient',
  args: clientFields.partial().extend({
    id: f.newId(),
    client_type: z.enum(CLIENT_TYPES),
    address_id: f.id().optional(),
    owner_id: f.id().optional(),
    tags: f.tags().optional(),
    custom_fields: f.customFields().optional(),
  }),
  async run(tx, { owner_id, ...args }, ctx) {
    const issue = clientIdentityIssue(args);
    if (issue) throw new AppError('invalid_input', `${issue.path} ${issue.message}`, issue.path);
    if (await tx.get('clients', args.id)) throw new AppError('conflict', `client ${args.id} already exists`, 'id');
    if (args.address_id)
      assertCanWrite(ctx, await mustGet(tx, 'addresses', args.address_id, 'address', 'address_id'), 'address');
    const owner = await resolveOwner(tx, ctx, owner_id);
    const row = newRow(
      'clients',
      { client_since: ctx.now, ...args, ...owner, created_at: ctx.now, updated_at: ctx.now },
      ctx.now,
    );
    await tx.insert('clients', row);
    return row;
  },
});

export const updateClient = defineMutation({
  name: 'updateClient',
  args: z.object({
    id: f.id(),
    patch: clientFields.partial().refine((p) => Object.keys(p).length > 0, 'patch is empty'),
  }),
  async run(tx, { id, patch }, ctx) {
    const client = await mustGet(tx, 'clients', id, 'client', 'id');
    assertCanWrite(ctx, client, 'client');
    const issue = clientIdentityIssue({ ...client, ...patch });
    if (issue) throw new AppError('invalid_input', `${issue.path} ${issue.message}`, issue.path);
    await tx.update('clients', id, { ...patch, updated_at: ctx.now });
    return { id, changed: Object.keys(patch) };
  },
});
