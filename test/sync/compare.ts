import type pg from 'pg';
import type { Database } from 'better-sqlite3';
import { tableSpec, TABLE_NAMES, type TableName } from '../../shared/model/catalogue';
import { decodeRow, encodeSqliteValue } from '../../shared/model/codec';
import { scopeWhere } from '../../shared/sync/scope';
import type { SystemUser } from './system';

/** A table's rows as SQLite stores them, keyed by id, from the server within a user's scope. */
async function serverRows(pgc: pg.Client, table: TableName, user: SystemUser) {
  const scope = scopeWhere(user.role, user.id, user.team_id, table);
  const params = Object.entries(scope.params ?? {})
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, v]) => v);
  const { rows } = await pgc.query(`SELECT * FROM "${table}"${scope.where ? ` WHERE ${scope.where}` : ''}`, params);
  const spec = tableSpec(table)!;
  return new Map(
    rows.map((r) => {
      const decoded = decodeRow(table, r) as Record<string, unknown>;
      const raw = Object.fromEntries(
        Object.entries(spec.columns).map(([c, s]) => [c, encodeSqliteValue(s, decoded[c])]),
      );
      return [String(raw.id), raw];
    }),
  );
}

/** A replica table's rows, normalised the same way (through the codec). */
function replicaRows(db: Database, table: TableName) {
  const spec = tableSpec(table)!;
  const rows = db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
  return new Map(
    rows.map((r) => {
      const decoded = decodeRow(table, r) as Record<string, unknown>;
      const raw = Object.fromEntries(
        Object.entries(spec.columns).map(([c, s]) => [c, encodeSqliteValue(s, decoded[c])]),
      );
      return [String(raw.id), raw];
    }),
  );
}

/**
 * Differences between a replica and the server within the user's scope, table by table: rows
 * missing on either side and rows whose values differ. Empty when they agree row for row.
 * `ignoreLocalOnly` lists ids the replica may hold that the server may not (the local user).
 */
export async function differences(
  pgc: pg.Client,
  db: Database,
  user: SystemUser,
  ignoreLocalOnly: Set<string> = new Set(),
) {
  const diffs: string[] = [];
  for (const table of TABLE_NAMES) {
    const server = await serverRows(pgc, table, user);
    const local = replicaRows(db, table);
    for (const [id, row] of server) {
      const mine = local.get(id);
      if (!mine) diffs.push(`${table} ${id}: missing on the replica`);
      else {
        const cols = Object.keys(row).filter((c) => JSON.stringify(row[c]) !== JSON.stringify(mine[c]));
        if (cols.length)
          diffs.push(
            `${table} ${id}: differs in ${cols.map((c) => `${c} (server ${JSON.stringify(row[c])}, replica ${JSON.stringify(mine[c])})`).join(', ')}`,
          );
      }
    }
    for (const id of local.keys())
      if (!server.has(id) && !ignoreLocalOnly.has(id)) diffs.push(`${table} ${id}: only on the replica`);
  }
  return diffs;
}
