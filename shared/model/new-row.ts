import { tableSpec, type Row, type TableName } from './catalogue';

/**
 * A complete row: given values, else the catalogue's default, else null. Defaults are filled
 * here rather than by the database so the replica and the server store identical rows.
 */
export function newRow<T extends TableName>(table: T, values: Partial<Row<T>> & { id: string }, now: string): Row<T> {
  const spec = tableSpec(table)!;
  const given = values as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const [name, c] of Object.entries(spec.columns)) {
    if (given[name] !== undefined) row[name] = given[name];
    else if (c.defaultValue === undefined) row[name] = null;
    else if (typeof c.defaultValue === 'object' && 'sql' in c.defaultValue) row[name] = now;
    else if (typeof c.defaultValue === 'object' && 'json' in c.defaultValue)
      row[name] = structuredClone(c.defaultValue.json);
    else row[name] = c.defaultValue;
  }
  for (const key of Object.keys(given)) {
    if (!(key in spec.columns)) throw new Error(`unknown column ${table}.${key}`);
  }
  return row as Row<T>;
}
