import type { z } from 'zod';
import { unescapeFormula } from '../export/cells';
import { INSURANCE_TYPES } from '../lookups';
import { parseImportItem, type ImportItem } from '../mutations/import';
import { IMPORT_FIELDS, type ImportKind } from './fields';
import type { MatchFields } from './duplicates';
import type { ImportMapping } from './mapping';
import { transformValue } from './transform';

/** One line of the validation report: which row and column, the value as in the file, and why. */
export interface RowIssue {
  row: number;
  column: string;
  value: string;
  reason: string;
}

/** A row read through the mapping: its values by field, and the issues of its cells. */
export interface MappedRow {
  row: number;
  values: Record<string, unknown>;
  raw: Record<string, string>;
  issues: RowIssue[];
}

/** Where a lead or client a contact or note belongs to is found (in the file or the replica). */
export type ParentRef = { lead_id: string } | { client_id: string };

/** What a policy row says about its client, in the columns the file has. */
export interface ClientLookup {
  key?: string;
  email?: string;
  first_name?: string | null;
  last_name?: string;
  date_of_birth?: string;
}

export interface RowContext {
  mapping: ImportMapping;
  headers: readonly string[];
  resolveParent?: (key: string) => ParentRef | null;
  /** Policies: the client a row names (see ClientLookup), and a carrier's id by its name. */
  resolveClient?: (lookup: ClientLookup) => string | null;
  resolveCarrier?: (name: string) => string | null;
}

const PARENT_TABLE = (p: ParentRef) => ('lead_id' in p ? { lead_id: p.lead_id } : { client_id: p.client_id });

/** Reads a row's cells through the mapping and each field's transform. */
export function mapRow(ctx: RowContext, rowNumber: number, cells: readonly string[]): MappedRow {
  const { mapping, headers } = ctx;
  const values: Record<string, unknown> = {};
  const raw: Record<string, string> = {};
  const issues: RowIssue[] = [];
  mapping.columns.forEach((key, i) => {
    if (key === null) return;
    const field = IMPORT_FIELDS[mapping.kind].find((f) => f.key === key);
    if (!field) return;
    const cell = unescapeFormula(cells[i] ?? '');
    raw[key] = cell;
    const t = transformValue(field.type, cell, {
      dateOrder: mapping.dateOrder,
      phoneCountry: mapping.phoneCountry as never,
    });
    if (!t.ok) issues.push({ row: rowNumber, column: headers[i] ?? key, value: cell, reason: t.reason });
    else if (t.value !== null) values[key] = t.value;
  });
  const full = values.full_name as { first_name: string | null; last_name: string } | undefined;
  if (full) {
    values.first_name ??= full.first_name ?? undefined;
    values.last_name ??= full.last_name;
    delete values.full_name;
  }
  for (const k of Object.keys(values)) if (values[k] === undefined) delete values[k];
  return { row: rowNumber, values, raw, issues };
}

/** The fields duplicates are matched on. */
export function matchFields(row: MappedRow, parent: string | null = null, ctx?: RowContext): MatchFields {
  const v = row.values as Record<string, string | undefined>;
  return {
    policy_number: v.policy_number,
    carrier_id: v.carrier === undefined ? null : (ctx?.resolveCarrier?.(v.carrier) ?? null),
    email: v.email,
    phone: v.phone,
    first_name: v.first_name,
    last_name: v.last_name,
    business_name: v.business_name,
    date_of_birth: v.date_of_birth,
    postal_code: v.postal_code,
    line1: v.address_line1,
    parent,
    body: v.body,
  };
}

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
const ADDRESS_KEYS: Record<string, string> = {
  address_line1: 'line1',
  address_line2: 'line2',
  city: 'city',
  state: 'state',
  postal_code: 'postal_code',
};

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

/** What a row does: create a record, or update the duplicate it matched. */
export type RowAction = { kind: 'create' } | { kind: 'update'; id: string };

export interface RowPlan {
  items: ImportItem[];
  /** The record the row creates or updates (notes and contacts included). */
  table: 'clients' | 'leads' | 'contacts' | 'lead_notes' | 'policies';
  recordId: string;
  /** Records this row creates (the main one and any address), for undo. */
  created: Array<{ table: 'clients' | 'leads' | 'contacts' | 'lead_notes' | 'addresses' | 'policies'; id: string }>;
}

export type PlanResult = { ok: true; plan: RowPlan } | { ok: false; issues: RowIssue[] };

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
function mainItem(
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

const TABLE_OF = {
  clients: 'clients',
  leads: 'leads',
  contacts: 'contacts',
  notes: 'lead_notes',
  policies: 'policies',
} as const;

/**
 * Turns a mapped row into the mutation items it becomes, each checked by its mutation's own
 * schema; an issue names the file's column through `fieldForPath`.
 */
export function planRow(kind: ImportKind, row: MappedRow, action: RowAction, ctx: RowContext): PlanResult {
  const v = row.values;
  const issue = (field: string, reason: string): PlanResult => ({
    ok: false,
    issues: [{ row: row.row, column: columnOf(ctx, field), value: row.raw[field] ?? '', reason }],
  });
  let parent: ParentRef | null = null;
  if (kind === 'contacts' || kind === 'notes') {
    const key = v.parent_key;
    if (key === undefined) return issue('parent_key', 'is required (the client or lead this belongs to)');
    parent = ctx.resolveParent?.(String(key)) ?? null;
    if (!parent) return issue('parent_key', 'matches no client or lead in this file or the book');
  }
  const main = mainItem(kind, v, action, ctx, parent);
  if ('field' in main) return issue(main.field, main.reason);
  if (action.kind === 'update' && Object.keys((main.args as { patch?: object }).patch ?? { x: 1 }).length === 0)
    return { ok: true, plan: { items: [], table: TABLE_OF[kind], recordId: action.id, created: [] } };
  const items: ImportItem[] = [];
  const issues: RowIssue[] = [];
  const created: RowPlan['created'] = [];
  const hasAddress =
    (kind === 'clients' || kind === 'leads') && Object.keys(ADDRESS_KEYS).some((k) => v[k] !== undefined);
  const address = Object.fromEntries(
    Object.entries(ADDRESS_KEYS)
      .filter(([k]) => v[k] !== undefined)
      .map(([k, a]) => [a, v[k]]),
  );
  // A new record gets its new address by id in its own insert (no second write to the record).
  let addressItem: ImportItem | null = null;
  if (hasAddress && action.kind === 'create') {
    const parsed = parseImportItem({ name: 'upsertAddress', args: address });
    if (!parsed.ok) issues.push(...zodIssues(ctx, row, parsed.issues));
    else {
      addressItem = parsed.item;
      main.args.address_id = parsed.item.args.id;
    }
  }
  const parsedMain = parseImportItem(main);
  if (!parsedMain.ok) issues.push(...zodIssues(ctx, row, parsedMain.issues));
  const recordId = action.kind === 'update' ? action.id : parsedMain.ok ? String(parsedMain.item.args.id) : '';
  if (parsedMain.ok) {
    if (addressItem) items.push(addressItem);
    items.push(parsedMain.item);
    if (action.kind === 'create') created.push({ table: TABLE_OF[kind], id: recordId });
    if (addressItem) created.push({ table: 'addresses', id: String(addressItem.args.id) });
  }
  if (hasAddress && action.kind === 'update') {
    const link = kind === 'clients' ? { client_id: recordId } : { lead_id: recordId };
    const parsed = parseImportItem({ name: 'upsertAddress', args: { ...address, link } });
    if (!parsed.ok) issues.push(...zodIssues(ctx, row, parsed.issues));
    else items.push(parsed.item);
  }
  if (issues.length > 0) {
    issues.sort((a, b) => ctx.headers.indexOf(a.column) - ctx.headers.indexOf(b.column));
    return { ok: false, issues };
  }
  return { ok: true, plan: { items, table: TABLE_OF[kind], recordId, created } };
}

/** The mutation argument a path starts with, as the import field that filled it. */
const ALIASES: Record<string, string> = {
  line1: 'address_line1',
  line2: 'address_line2',
  insurance_type_id: 'insurance_type',
  carrier_id: 'carrier',
  lead_id: 'parent_key',
  client_id: 'parent_key',
  custom_fields: 'external_id',
  lead_type: 'lead_type',
};

export function fieldForPath(path: readonly PropertyKey[]): string {
  const parts = path.filter((p) => p !== 'args' && p !== 'patch' && p !== 'link' && typeof p === 'string') as string[];
  const first = parts[0] ?? '';
  return ALIASES[first] ?? first;
}

/** The file's header for a field (full_name when first/last name came from it), else the field. */
export function columnOf(ctx: RowContext, field: string): string {
  let i = ctx.mapping.columns.indexOf(field);
  if (i < 0 && (field === 'first_name' || field === 'last_name')) i = ctx.mapping.columns.indexOf('full_name');
  if (i < 0 && field === 'parent_key') i = ctx.mapping.columns.indexOf('client_key');
  return i >= 0 ? (ctx.headers[i] ?? field) : field;
}

function rawOf(ctx: RowContext, row: MappedRow, field: string): string {
  if (row.raw[field] !== undefined) return row.raw[field]!;
  if ((field === 'first_name' || field === 'last_name') && row.raw.full_name !== undefined) return row.raw.full_name;
  if (field === 'parent_key' && row.raw.client_key !== undefined) return row.raw.client_key;
  return '';
}

function zodIssues(ctx: RowContext, row: MappedRow, issues: readonly z.core.$ZodIssue[]): RowIssue[] {
  const out: RowIssue[] = [];
  const seen = new Set<string>();
  for (const i of issues) {
    const field = fieldForPath(i.path);
    if (seen.has(field)) continue; // one reason per cell is enough to fix it
    seen.add(field);
    out.push({ row: row.row, column: columnOf(ctx, field), value: rawOf(ctx, row, field), reason: i.message });
  }
  return out;
}

/** A failure from a mutation's run (field as `items[3].args.last_name`), as a report line. */
export function runIssue(ctx: RowContext, row: MappedRow, field: string | undefined, message: string): RowIssue {
  const path = (field ?? '').replace(/^items\[\d+\]\.?/, '').split('.');
  const f = fieldForPath(path);
  const last = path[path.length - 1] ?? '';
  // A mutation's own message may name its argument again ("expiration_date: must be after …").
  const reason = message
    .replace(/^items\[\d+\](\.args\.[\w.[\]]+)?: /, '')
    .replace(new RegExp(`^${last}: `), '')
    .replace(new RegExp(`^${f} `), '');
  return { row: row.row, column: f ? columnOf(ctx, f) : '', value: f ? rawOf(ctx, row, f) : '', reason };
}
