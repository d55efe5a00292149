import type { z } from 'zod';
import type { MappedRow, RowContext, RowIssue } from './row-types';

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

/** The import field a mutation argument's path names. */
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

/** A mutation schema's issues as report lines, one per cell. */
export function zodIssues(ctx: RowContext, row: MappedRow, issues: readonly z.core.$ZodIssue[]): RowIssue[] {
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
