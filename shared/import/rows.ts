import { unescapeFormula } from '../export/cells';
import { parseImportItem, type ImportItem } from '../mutations/import';
import { IMPORT_FIELDS, type ImportKind } from './fields';
import type { MatchFields } from './duplicates';
import { columnOf, zodIssues } from './row-issues';
import { mainItem } from './row-items';
import type { MappedRow, ParentRef, PlanResult, RowAction, RowContext, RowIssue, RowPlan } from './row-types';
import { transformValue } from './transform';

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
const ADDRESS_KEYS: Record<string, string> = {
  address_line1: 'line1',
  address_line2: 'line2',
  city: 'city',
  state: 'state',
  postal_code: 'postal_code',
};

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
