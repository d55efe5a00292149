import { tableSpec, type Row, type TableName } from './catalogue';

/**
 * A complete row: given values, else the catalogue's default, else null. Defaults are filled
 * here rather than by the database so the replica and the server store identical rows.
 */
type Fill = { name: string; kind: 'null' | 'now' | 'json' | 'value'; value: unknown };

/** Each table's columns and how each is filled, worked out once (a bulk import makes 100k rows). */
const fills = new Map<TableName, { list: Fill[]; names: Set<string> }>();

function fillsOf(table: TableName) {
  let f = fills.get(table);
  if (!f) {
    const spec = tableSpec(table)!;
    const list = Object.entries(spec.columns).map(([name, c]): Fill => {
      const d = c.defaultValue;
      if (d === undefined) return { name, kind: 'null', value: null };
      if (typeof d === 'object' && d !== null && 'sql' in d) return { name, kind: 'now', value: null };
      // JSON defaults are copied per row (a row must never share an array with another).
      if (typeof d === 'object' && d !== null && 'json' in d)
        return { name, kind: 'json', value: JSON.stringify(d.json) };
      return { name, kind: 'value', value: d };
    });
    f = { list, names: new Set(list.map((c) => c.name)) };
    fills.set(table, f);
  }
  return f;
}

/** A JSON default's own copy; the usual empty ones without a parse (a bulk load makes millions). */
const freshJson = (text: string): unknown => (text === '[]' ? [] : text === '{}' ? {} : JSON.parse(text));

export function newRow<T extends TableName>(table: T, values: Partial<Row<T>> & { id: string }, now: string): Row<T> {
  const { list, names } = fillsOf(table);
  const given = values as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const c of list) {
    const v = given[c.name];
    if (v !== undefined) row[c.name] = v;
    else if (c.kind === 'now') row[c.name] = now;
    else if (c.kind === 'json') row[c.name] = freshJson(c.value as string);
    else row[c.name] = c.value;
  }
  for (const key of Object.keys(given)) {
    if (!names.has(key)) throw new Error(`unknown column ${table}.${key}`);
  }
  return row as Row<T>;
}
