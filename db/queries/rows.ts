import type { ReplicaDb } from '../sqlite/open';
import { decodeRow } from '../../shared/model/codec';
import type { Row, TableName } from '../../shared/model/catalogue';
import { cachedStatement } from './statements';

/** Live rows of a table matching one column, decoded to app values. */
export function rowsWhere<T extends TableName>(
  db: ReplicaDb,
  table: T,
  column: string,
  value: unknown,
  order = 'created_at',
): Row<T>[] {
  const raw = cachedStatement(
    db,
    `SELECT * FROM "${table}" WHERE "${column}" = ? AND deleted_at IS NULL ORDER BY ${order}`,
  ).all(value);
  return (raw as Record<string, unknown>[]).map((r) => decodeRow(table, r));
}

export function rowById<T extends TableName>(db: ReplicaDb, table: T, id: string | null | undefined): Row<T> | null {
  if (!id) return null;
  const raw = cachedStatement(db, `SELECT * FROM "${table}" WHERE id = ?`).get(id) as
    Record<string, unknown> | undefined;
  return raw ? decodeRow(table, raw) : null;
}

/** SQL for a person's or business's display name from a leads/clients/contacts alias. */
export const displayName = (a: string) =>
  `CASE WHEN ${a}.business_name IS NOT NULL AND ${a}.business_name <> '' THEN ${a}.business_name ELSE trim(coalesce(${a}.first_name, '') || ' ' || coalesce(${a}.last_name, '')) END`;
