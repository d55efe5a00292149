import { INSURANCE_TYPES } from '../lookups';
import type { ImportItem } from '../mutations/import';
import type { ImportKind } from './fields';
import type { ParentRef, RowAction, RowContext } from './row-types';

// The mutation item each kind's row becomes (its main record; planRow adds the address).

const PARENT_TABLE = (p: ParentRef) => ('lead_id' in p ? { lead_id: p.lead_id } : { client_id: p.client_id });

const pick = (v: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => v[k] !== undefined).map((k) => [k, v[k]]));

const CLIENT_KEYS = [
  'first_name',
  'middle_name',
  'last_name',
  'business_name',
  'date_of_birth',
  'occupation',
  'fein',
  'website',
  'email',
  'phone',
  'source',
] as const;
const LEAD_KEYS = [
  'first_name',
  'last_name',
  'business_name',
  'date_of_birth',
  'email',
  'phone',
  'source',
  'current_carrier',
  'current_premium',
  'quoted_premium',
  'policy_expiration_date',
] as const;
const CONTACT_KEYS = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'mobile_phone',
  'job_title',
  'department',
  'company',
] as const;

const POLICY_KEYS = [
  'policy_number',
  'effective_date',
  'expiration_date',
  'written_premium',
  'billing',
  'commission_rate',
] as const;

/** Spellings of the two statuses a term can be imported in (older terms are history, not the book). */
const POLICY_STATUS: Record<string, 'active' | 'pending'> = {
  active: 'active',
  'in force': 'active',
  inforce: 'active',
  a: 'active',
  pending: 'pending',
  bound: 'pending',
  p: 'pending',
};
const BILLING: Record<string, 'direct' | 'agency'> = {
  direct: 'direct',
  'direct bill': 'direct',
  db: 'direct',
  d: 'direct',
  agency: 'agency',
  'agency bill': 'agency',
  ab: 'agency',
  a: 'agency',
};

/** The client a policy row names: by the key column first, then email, then name and birth date. */
function policyClient(v: Record<string, unknown>, ctx: RowContext): string | { field: string; reason: string } {
  const name = v.client_name as { first_name: string | null; last_name: string } | undefined;
  const given = {
    key: v.client_key === undefined ? undefined : String(v.client_key),
    email: v.client_email as string | undefined,
    first_name: name?.first_name,
    last_name: name?.last_name,
    date_of_birth: v.client_date_of_birth as string | undefined,
  };
  if (!given.key && !given.email && !(given.last_name && given.date_of_birth))
    return {
      field: 'client_key',
      reason: "is required: the client's external id, id or email, or the client's email, or name and date of birth",
    };
  const id = ctx.resolveClient?.(given) ?? null;
  if (id) return id;
  const field = given.key ? 'client_key' : given.email ? 'client_email' : 'client_name';
  return { field, reason: 'matches no client in the book (import the clients first)' };
}

function policyItem(
  v: Record<string, unknown>,
  action: RowAction,
  ctx: RowContext,
): ImportItem | { field: string; reason: string } {
  const fields: Record<string, unknown> = pick(v, POLICY_KEYS);
  if (v.billing !== undefined) {
    const billing = BILLING[String(v.billing).toLowerCase()];
    if (!billing) return { field: 'billing', reason: 'is neither direct nor agency billing' };
    fields.billing = billing;
  }
  if (v.carrier !== undefined) {
    const carrier = ctx.resolveCarrier?.(String(v.carrier)) ?? null;
    if (!carrier) return { field: 'carrier', reason: 'is not a carrier in the book (add it under Carriers first)' };
    fields.carrier_id = carrier;
  } else if (action.kind === 'create') return { field: 'carrier', reason: 'is required' };
  if (v.insurance_type !== undefined) {
    const ins = insuranceTypeId(v.insurance_type, '');
    if (typeof ins !== 'string') return { field: 'insurance_type', reason: ins.reason };
    fields.insurance_type_id = ins;
  } else if (action.kind === 'create') return { field: 'insurance_type', reason: 'is required' };
  if (action.kind === 'update') {
    // The number is how the term was matched: the book's spelling of it stays ("HO 1001" is HO-1001).
    const { policy_number: _number, ...patch } = fields;
    return { name: 'updatePolicy', args: { id: action.id, patch } };
  }
  const status = v.status === undefined ? 'active' : POLICY_STATUS[String(v.status).toLowerCase()];
  if (!status)
    return {
      field: 'status',
      reason: 'is neither active nor pending (import the terms in force; expired and cancelled terms are history)',
    };
  const client = policyClient(v, ctx);
  if (typeof client !== 'string') return client;
  return { name: 'addPolicy', args: { ...fields, status, client_id: client } };
}

function insuranceTypeId(v: unknown, fallback: string): string | { reason: string } {
  const want = String(v ?? fallback)
    .trim()
    .toLowerCase();
  const hit = INSURANCE_TYPES.find((t) => t.code === want || t.name.toLowerCase() === want);
  return hit
    ? hit.id
    : { reason: `is not a known line of business (${INSURANCE_TYPES.map((t) => t.code).join(', ')})` };
}

/** The main record's mutation, before address and parent are added. */
export function mainItem(
  kind: ImportKind,
  v: Record<string, unknown>,
  action: RowAction,
  ctx: RowContext,
  parent: ParentRef | null,
): ImportItem | { field: string; reason: string } {
  const external = v.external_id === undefined ? {} : { custom_fields: { external_id: String(v.external_id) } };
  switch (kind) {
    case 'clients': {
      const fields = pick(v, CLIENT_KEYS);
      if (v.client_since) fields.client_since = `${String(v.client_since)}T00:00:00.000Z`;
      const type = v.client_type ?? (v.business_name && !v.last_name ? 'business' : 'individual');
      if (action.kind === 'update') return { name: 'updateClient', args: { id: action.id, patch: fields } };
      return { name: 'createClient', args: { ...fields, client_type: type, ...external } };
    }
    case 'leads': {
      const fields = pick(v, LEAD_KEYS);
      if (v.tags) fields.tags = v.tags;
      const type = v.lead_type ?? (v.business_name && !v.last_name ? 'business' : 'individual');
      if (action.kind === 'update') {
        const { tags: _tags, ...patch } = fields;
        return { name: 'updateLead', args: { id: action.id, patch } };
      }
      const ins = insuranceTypeId(v.insurance_type, ctx.mapping.defaultInsuranceType);
      if (typeof ins !== 'string') return { field: 'insurance_type', reason: ins.reason };
      return {
        name: 'createLead',
        args: { ...fields, lead_type: type, insurance_type_id: ins, ...external, source: fields.source ?? 'import' },
      };
    }
    case 'contacts': {
      const fields = pick(v, CONTACT_KEYS);
      if (action.kind === 'update') return { name: 'updateContact', args: { id: action.id, patch: fields } };
      return { name: 'addContact', args: { ...fields, ...PARENT_TABLE(parent!) } };
    }
    case 'notes':
      return { name: 'addNote', args: { body: v.body, ...(v.tags ? { tags: v.tags } : {}), ...PARENT_TABLE(parent!) } };
    case 'policies':
      return policyItem(v, action, ctx);
  }
}
