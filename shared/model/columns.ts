/**
 * A dialect-neutral description of a column. The drizzle schemas of both dialects
 * (db/sqlite, db/pg) are built from these specs, so SQLite and Postgres cannot drift
 * apart: there is one source of truth for the data model.
 */
export type ColumnKind =
  | 'id' // UUIDv7 made on the client: uuid in Postgres, text in SQLite
  | 'ref' // a foreign key to another table's id
  | 'text'
  | 'int'
  | 'real'
  | 'money' // numeric(12,2) in Postgres, real in SQLite
  | 'bool'
  | 'timestamp' // timestamptz in Postgres; ISO-8601 UTC text in SQLite
  | 'date' // date in Postgres; YYYY-MM-DD text in SQLite
  | 'json'; // jsonb in Postgres; JSON text (checked with json_valid) in SQLite

export type DefaultValue = string | number | boolean | { readonly sql: 'now' } | { readonly json: unknown };

export interface ColumnSpec<K extends ColumnKind = ColumnKind, T = unknown, N extends boolean = boolean> {
  readonly kind: K;
  readonly notNull: N;
  readonly primaryKey: boolean;
  readonly isUnique: boolean;
  readonly defaultValue?: DefaultValue;
  readonly references?: { readonly table: string; readonly onDelete: 'cascade' | 'set null' | 'restrict' };
  /** Allowed values, checked in both dialects (an enum kept in one place). */
  readonly oneOf?: readonly string[];
  /** Phantom: the TypeScript type of a value. */
  readonly __type?: T;
}

export interface ColumnBuilder<K extends ColumnKind, T, N extends boolean> extends ColumnSpec<K, T, N> {
  required(): ColumnBuilder<K, T, true>;
  default(value: DefaultValue): ColumnBuilder<K, T, N>;
  unique(): ColumnBuilder<K, T, N>;
}

function build<K extends ColumnKind, T, N extends boolean>(spec: ColumnSpec<K, T, N>): ColumnBuilder<K, T, N> {
  return {
    ...spec,
    required: () => build<K, T, true>({ ...spec, notNull: true }),
    default: (value) => build<K, T, N>({ ...spec, defaultValue: value }),
    unique: () => build<K, T, N>({ ...spec, isUnique: true }),
  };
}

function column<K extends ColumnKind, T>(kind: K, extra: Partial<ColumnSpec<K, T, false>> = {}) {
  return build<K, T, false>({ kind, notNull: false, primaryKey: false, isUnique: false, ...extra });
}

export const col = {
  id: () => build<'id', string, true>({ kind: 'id', notNull: true, primaryKey: true, isUnique: false }),
  ref: (table: string, onDelete: 'cascade' | 'set null' | 'restrict' = 'restrict') =>
    column<'ref', string>('ref', { references: { table, onDelete } }),
  text: () => column<'text', string>('text'),
  oneOf: <const V extends readonly string[]>(values: V) => column<'text', V[number]>('text', { oneOf: values }),
  int: () => column<'int', number>('int'),
  real: () => column<'real', number>('real'),
  money: () => column<'money', number>('money'),
  bool: () => column<'bool', boolean>('bool'),
  timestamp: () => column<'timestamp', string>('timestamp'),
  date: () => column<'date', string>('date'),
  json: <T = unknown>() => column<'json', T>('json'),
};

export type AnyColumn = ColumnSpec<ColumnKind, unknown, boolean>;
export type Columns = Record<string, AnyColumn>;

export type ValueOf<C> = C extends ColumnSpec<ColumnKind, infer T, infer N> ? (N extends true ? T : T | null) : never;
