import { matchKeys } from '../../../shared/import/duplicates';
import type { ImportKind } from '../../../shared/import/fields';
import { mapRow, matchFields, planRow } from '../../../shared/import/rows';
import type { MappedRow, RowContext, RowIssue, RowPlan } from '../../../shared/import/row-types';
import type { FileRow } from './read-file';
import type { buildDuplicateIndex } from './replica-index';

export const ON_DUPLICATE = ['create', 'update', 'skip'] as const;
export type OnDuplicate = (typeof ON_DUPLICATE)[number];

/** What became of one file row, as the job's report stores it. */
export interface Outcome {
  row: number;
  outcome: 'created' | 'updated' | 'skipped' | 'invalid';
  table?: string;
  recordId?: string;
  created?: RowPlan['created'];
  matchKey?: string;
  issues?: RowIssue[];
}

/** A row planned as a mutation, waiting for its batch. */
export interface Pending {
  mapped: MappedRow;
  plan: RowPlan;
  outcome: Outcome;
  /** The row's items as JSON, without the array's brackets: sized once, then joined into the outbox entry. */
  json?: string;
}

/** What one file row becomes: a planned mutation, a skip, or the report's lines. */
export function planFileRow(
  kind: ImportKind,
  fileRow: FileRow,
  ctx: RowContext,
  index: ReturnType<typeof buildDuplicateIndex>,
  onDuplicate: OnDuplicate,
): Pending | Outcome {
  const width = ctx.headers.length;
  const extra = fileRow.cells.slice(width).filter((c) => c.trim() !== '');
  if (fileRow.cells.length < width || extra.length > 0) {
    const reason = `has ${fileRow.cells.length} cells; the header has ${width}`;
    return {
      row: fileRow.row,
      outcome: 'invalid',
      issues: [{ row: fileRow.row, column: '', value: fileRow.cells.join(','), reason }],
    };
  }
  const mapped = mapRow(ctx, fileRow.row, fileRow.cells);
  if (mapped.issues.length > 0) {
    // The schema's view of the other cells too, so one pass of the report lists every bad cell.
    const planned = planRow(kind, mapped, { kind: 'create' }, ctx);
    const more = planned.ok ? [] : planned.issues.filter((i) => !mapped.issues.some((m) => m.column === i.column));
    const issues = [...mapped.issues, ...more].sort(
      (a, b) => ctx.headers.indexOf(a.column) - ctx.headers.indexOf(b.column),
    );
    return { row: fileRow.row, outcome: 'invalid', issues };
  }
  const parentKey = mapped.values.parent_key;
  const parent = parentKey !== undefined ? ctx.resolveParent?.(String(parentKey)) : null;
  const parentId = parent ? ('lead_id' in parent ? parent.lead_id : parent.client_id) : null;
  const keys = matchKeys(kind, matchFields(mapped, parentId, ctx));
  const match = index.match(keys);
  const table = kind === 'notes' ? 'lead_notes' : kind;
  if (match && (onDuplicate === 'skip' || (onDuplicate === 'update' && kind === 'notes')))
    return { row: fileRow.row, outcome: 'skipped', table, recordId: match.id, matchKey: match.key };
  const action =
    match && onDuplicate === 'update' ? ({ kind: 'update', id: match.id } as const) : ({ kind: 'create' } as const);
  const planned = planRow(kind, mapped, action, ctx);
  if (!planned.ok) return { row: fileRow.row, outcome: 'invalid', issues: planned.issues };
  if (planned.plan.items.length === 0)
    return { row: fileRow.row, outcome: 'skipped', table, recordId: planned.plan.recordId, matchKey: match?.key };
  if (action.kind === 'create') index.add(keys, planned.plan.recordId);
  return {
    mapped,
    plan: planned.plan,
    outcome: {
      row: fileRow.row,
      outcome: action.kind === 'create' ? 'created' : 'updated',
      table,
      recordId: planned.plan.recordId,
      created: planned.plan.created,
      matchKey: match?.key,
    },
  };
}
