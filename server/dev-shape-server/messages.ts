/**
 * Turns decoded changes into a shape's log messages, as Electric's
 * `Electric.LogItems` / `Shape.convert_change` do:
 *
 * - insert: the full row; delete: the primary key (the full old row with
 *   replica=full);
 * - update: primary key + changed columns (replica=full: the full row plus
 *   `old_value` with the previous values of the changed columns);
 * - an update leaving the where clause becomes a delete, one entering it an
 *   insert with the full row; a primary-key change is a delete of the old key
 *   followed by an insert of the new one (op_position + 1).
 *
 * Every change carries `txids: [xid]`, `lsn`, `op_position`, and the shape's
 * last change of a transaction `last: true`.
 */
import type { LoggedChange, LoggedTransaction, Row } from './decoding';
import type { LogOffset } from './offsets';
import { rowKey, type TableMeta } from './tables';
import type { BoundWhere } from './where';

export interface ShapeSpec {
  meta: TableMeta;
  /** Synced columns (the `columns` param, or all), primary key included. */
  columns: readonly string[];
  where: BoundWhere | null;
  replica: 'default' | 'full';
}

export interface LogEntry {
  offset: LogOffset;
  json: string;
}

type Operation = 'insert' | 'update' | 'delete';

interface Draft {
  operation: Operation;
  key: string;
  value: Row;
  oldValue?: Row;
  op: number;
}

function pick(row: Row, columns: Iterable<string>): Row {
  const out: Row = {};
  for (const c of columns) out[c] = row[c] ?? null;
  return out;
}

/** Old tuples from REPLICA IDENTITY FULL leave NULL columns out. */
function completeOld(meta: TableMeta, old: Row): Row {
  const out: Row = {};
  for (const { name } of meta.columns) out[name] = old[name] ?? null;
  return out;
}

/**
 * A snapshot row's message, from the row's `value` already encoded as JSON by Postgres
 * (row_to_json over the columns' text forms: compact, in column order, escaped as
 * JSON.stringify escapes) and its primary key: the same bytes as JSON.stringify of the message
 * object, without building and encoding an object per row in this process.
 */
export function snapshotMessage(spec: ShapeSpec, pk: Row, valueJson: string): string {
  const relation = JSON.stringify([spec.meta.schema, spec.meta.name]);
  return `{"key":${JSON.stringify(rowKey(spec.meta, pk))},"value":${valueJson},"headers":{"operation":"insert","relation":${relation}}}`;
}

function draftsFor(spec: ShapeSpec, change: LoggedChange): Draft[] {
  const { meta, where, replica } = spec;
  const inShape = (row: Row) => !where || where.matches(row);
  const op = change.opPosition;
  const insert = (row: Row, at = op): Draft => ({
    operation: 'insert',
    key: rowKey(meta, row),
    value: pick(row, spec.columns),
    op: at,
  });
  const remove = (row: Row): Draft => ({
    operation: 'delete',
    key: rowKey(meta, row),
    value: pick(row, replica === 'full' ? spec.columns : meta.pk),
    op,
  });

  switch (change.op) {
    case 'insert':
      return change.newRow && inShape(change.newRow) ? [insert(change.newRow)] : [];
    case 'delete': {
      if (!change.oldRow) return [];
      const old = completeOld(meta, change.oldRow);
      return inShape(old) ? [remove(old)] : [];
    }
    case 'update': {
      const next = change.newRow;
      if (!next) return [];
      // Without an old tuple (table not yet REPLICA IDENTITY FULL) assume the row stayed put.
      const old = change.oldRow ? completeOld(meta, change.oldRow) : null;
      const wasIn = old ? inShape(old) : inShape(next);
      const isIn = inShape(next);
      if (wasIn && !isIn) return [remove(old ?? next)];
      if (!wasIn && isIn) return [insert(next)];
      if (!wasIn) return [];
      if (old && rowKey(meta, old) !== rowKey(meta, next)) return [remove(old), insert(next, op + 1)];
      const changed = spec.columns.filter((c) => c in next && (!old || old[c] !== next[c]));
      if (replica === 'full') {
        const draft: Draft = {
          operation: 'update',
          key: rowKey(meta, next),
          value: pick({ ...old, ...next }, spec.columns),
          op,
        };
        if (old) draft.oldValue = pick(old, changed);
        return [draft];
      }
      return [{ operation: 'update', key: rowKey(meta, next), value: pick(next, [...meta.pk, ...changed]), op }];
    }
    default:
      return [];
  }
}

/** The shape's log entries for one transaction's changes to its table (already visibility-filtered). */
export function entriesForTransaction(spec: ShapeSpec, tx: LoggedTransaction, changes: LoggedChange[]): LogEntry[] {
  const drafts = changes.flatMap((change) => draftsFor(spec, change));
  const relation = [spec.meta.schema, spec.meta.name];
  return drafts.map((d, i) => {
    const headers: Record<string, unknown> = {
      operation: d.operation,
      relation,
      txids: [tx.xid],
      lsn: tx.lsn.toString(),
      op_position: d.op,
    };
    if (i === drafts.length - 1) headers.last = true;
    const message: Record<string, unknown> = { key: d.key, value: d.value, headers };
    if (d.oldValue) message.old_value = d.oldValue;
    return { offset: { tx: tx.lsn, op: d.op }, json: JSON.stringify(message) };
  });
}
