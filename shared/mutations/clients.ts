import { z } from 'zod';
import { AppError } from '../errors';
import { newRow } from '../model/new-row';
import { CLIENT_STATUSES, CLIENT_TYPES, CONTACT_METHODS, type ClientType } from '../model/tables/clients';
import { assertCanWrite, defineMutation, f, mustGet } from './define';
import { fieldChanges, recordChanges } from './history';
import { resolveOwner } from './leads';

/** Identifiers only an individual has, and only a business has (the clients CHECK keeps them apart). */
export const INDIVIDUAL_FIELDS = [
  'first_name',
  'middle_name',
  'last_name',
  'date_of_birth',
  'occupation',
  'marital_status',
] as const;
export const BUSINESS_FIELDS = [
  'business_name',
  'dba_name',
  'business_structure',
  'industry',
  'naics_code',
  'fein',
  'year_established',
  'annual_revenue',
  'employee_count',
] as const;

/** The editable fields of a client, named as the columns they fill; null clears a field. */
export const clientFields = z.object({
  status: z.enum(CLIENT_STATUSES),
  email: f.email().nullable(),
  phone: f.phone().nullable(),
  website: z.url('is not a web address').max(500).nullable(),
  preferred_contact_method: z.enum(CONTACT_METHODS).nullable(),
  source: f.shortText().nullable(),
  first_name: f.name().nullable(),
  middle_name: f.name().nullable(),
  last_name: f.name().nullable(),
  date_of_birth: f.date().nullable(),
  occupation: f.shortText().nullable(),
  marital_status: f.shortText().nullable(),
  business_name: f.name().nullable(),
  dba_name: f.name().nullable(),
  business_structure: f.shortText().nullable(),
  industry: f.shortText().nullable(),
  naics_code: z
    .string()
    .trim()
    .regex(/^\d{2,6}$/, 'is not a NAICS code (2 to 6 digits)')
    .nullable(),
  // Stored in the IRS's written form (12-3456789) whichever way it was typed.
  fein: z
    .string()
    .trim()
    .regex(/^\d{2}-?\d{7}$/, 'is not a FEIN (nine digits, 12-3456789)')
    .transform((s) => `${s.replace('-', '').slice(0, 2)}-${s.replace('-', '').slice(2)}`)
    .nullable(),
  year_established: z.number().int().min(1600, 'is too early').max(2100, 'is too late').nullable(),
  annual_revenue: f.money().nullable(),
  employee_count: z.number().int().min(0, 'cannot be negative').max(10_000_000).nullable(),
});
type ClientFields = z.output<typeof clientFields>;

/** The identifiers of the other client type may only be cleared; a person has no FEIN. */
function checkTypeFields(type: ClientType, fields: Partial<ClientFields>, prefix: string) {
  const foreign = type === 'individual' ? BUSINESS_FIELDS : INDIVIDUAL_FIELDS;
  for (const key of foreign) {
    if (fields[key] !== undefined && fields[key] !== null)
      throw new AppError(
        'invalid_input',
        `${prefix}${key} is for ${type === 'individual' ? 'business' : 'individual'} clients`,
        `${prefix}${key}`,
      );
  }
}

function checkIdentity(type: ClientType, row: Partial<ClientFields>, prefix: string) {
  const required = type === 'individual' ? (['first_name', 'last_name'] as const) : (['business_name'] as const);
  for (const key of required) {
    if (!row[key])
      throw new AppError(
        'invalid_input',
        `${prefix}${key} is required for ${type === 'individual' ? 'an individual' : 'a business'}`,
        `${prefix}${key}`,
      );
  }
}

/**
 * Enters a customer the agency already has, straight as a client (no lead on record):
 * the book of business an agency brings with it, or a walk-in who buys on the spot.
 */
export const createClient = defineMutation({
  name: 'createClient',
  args: clientFields.partial().extend({
    id: f.newId(),
    client_type: z.enum(CLIENT_TYPES),
    client_since: f.timestamp().optional(),
    // An imported book brings its address, its owner, tags and the old system's id (custom_fields).
    address_id: f.id().optional(),
    owner_id: f.id().optional(),
    tags: f.tags().optional(),
    custom_fields: f.customFields().optional(),
  }),
  async run(tx, { id, client_type, client_since, owner_id, ...fields }, ctx) {
    checkTypeFields(client_type, fields, '');
    checkIdentity(client_type, fields, '');
    if (await tx.get('clients', id)) throw new AppError('conflict', `client ${id} already exists`, 'id');
    if (fields.address_id)
      assertCanWrite(ctx, await mustGet(tx, 'addresses', fields.address_id, 'address', 'address_id'), 'address');
    const row = newRow(
      'clients',
      {
        ...fields,
        id,
        client_type,
        client_since: client_since ?? ctx.now,
        ...(await resolveOwner(tx, ctx, owner_id)),
        created_at: ctx.now,
        updated_at: ctx.now,
      },
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
    change_id: f.newId(),
  }),
  async run(tx, { id, patch, change_id }, ctx) {
    const client = await mustGet(tx, 'clients', id, 'client', 'id');
    assertCanWrite(ctx, client, 'client');
    checkTypeFields(client.client_type, patch, 'patch.');
    checkIdentity(client.client_type, { ...client, ...patch } as Partial<ClientFields>, 'patch.');
    await tx.update('clients', id, { ...patch, updated_at: ctx.now });
    // The field history, in the same transaction (who changed what from what, shown on the record).
    await recordChanges(tx, ctx, {
      id: change_id,
      mutation: 'updateClient',
      record: { lead_id: null, client_id: id, owner_id: client.owner_id, team_id: client.team_id },
      changes: fieldChanges(client as Record<string, unknown>, patch),
    });
    return { id, changed: Object.keys(patch) };
  },
});
