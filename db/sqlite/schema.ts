/**
 * The replica's drizzle schema, derived from the dialect-neutral catalogue in shared/model.
 * drizzle-kit reads the exports below to generate db/sqlite/migrations.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type SQLiteColumnBuilderBase,
  type SQLiteTableWithColumns,
  type TableConfig,
} from 'drizzle-orm/sqlite-core';
import { TABLES, type TableName } from '../../shared/model/catalogue';
import type { AnyColumn, DefaultValue } from '../../shared/model/columns';
import { dialectIndexes, type TableSpec } from '../../shared/model/table';

/** ISO-8601 UTC with milliseconds: the same text the app writes, so strings sort as times. */
export const SQLITE_NOW = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

type AnyTable = SQLiteTableWithColumns<TableConfig>;
const built = {} as Record<TableName, AnyTable>;

function withDefault(builder: SQLiteColumnBuilderBase, value: DefaultValue | undefined) {
  if (value === undefined) return builder;
  const b = builder as unknown as { default(v: unknown): SQLiteColumnBuilderBase };
  if (typeof value === 'object' && 'sql' in value) return b.default(SQLITE_NOW);
  if (typeof value === 'object' && 'json' in value) return b.default(sql.raw(`'${JSON.stringify(value.json)}'`));
  if (typeof value === 'boolean') return b.default(value ? 1 : 0);
  return b.default(value);
}

function column(name: string, spec: AnyColumn): SQLiteColumnBuilderBase {
  let b: SQLiteColumnBuilderBase;
  switch (spec.kind) {
    case 'int':
    case 'bool':
      b = integer(name);
      break;
    case 'real':
    case 'money':
      b = real(name);
      break;
    default:
      b = text(name);
  }
  const chain = b as unknown as {
    notNull(): SQLiteColumnBuilderBase;
    primaryKey(): SQLiteColumnBuilderBase;
    unique(): SQLiteColumnBuilderBase;
    references(ref: () => unknown, opts: { onDelete: string }): SQLiteColumnBuilderBase;
  };
  if (spec.primaryKey) b = chain.primaryKey();
  else if (spec.notNull) b = chain.notNull();
  if (spec.isUnique) b = (b as unknown as typeof chain).unique();
  const ref = spec.references;
  if (ref) {
    b = (b as unknown as typeof chain).references(
      () => (built[ref.table as TableName] as unknown as { id: unknown }).id,
      {
        onDelete: ref.onDelete,
      },
    );
  }
  return withDefault(b, spec.defaultValue);
}

/** Checks SQLite needs beyond the catalogue's: booleans are 0/1, JSON text is valid JSON. */
function dialectChecks(spec: TableSpec) {
  return Object.entries(spec.columns).flatMap(([name, c]) => {
    if (c.kind === 'bool') return [{ name: `${spec.name}_${name}_bool`, sql: `${name} IN (0, 1)` }];
    if (c.kind === 'json')
      return [{ name: `${spec.name}_${name}_json`, sql: `${name} IS NULL OR json_valid(${name})` }];
    return [];
  });
}

function buildTable(spec: TableSpec): AnyTable {
  const columns = Object.fromEntries(Object.entries(spec.columns).map(([name, c]) => [name, column(name, c)]));
  return sqliteTable(spec.name, columns, (t) => {
    const cols = t as Record<string, Parameters<ReturnType<typeof index>['on']>[0]>;
    const pick = (names: readonly string[]) => names.map((n) => cols[n]!) as [(typeof cols)[string]];
    return [
      ...dialectIndexes(spec, 'sqlite').map((i) => {
        const ix = (i.unique ? uniqueIndex(i.name) : index(i.name)).on(...pick(i.columns));
        return i.where ? ix.where(sql.raw(i.where)) : ix;
      }),
      ...[...spec.checks, ...dialectChecks(spec)].map((c) => check(c.name, sql.raw(c.sql))),
    ];
  }) as unknown as AnyTable;
}

for (const [name, spec] of Object.entries(TABLES)) built[name as TableName] = buildTable(spec);

export const {
  teams,
  users,
  lead_statuses,
  insurance_types,
  communication_types,
  campaigns,
  carriers,
  addresses,
  households,
  clients,
  leads,
  contacts,
  lead_communications,
  lead_notes,
  lead_marketing_settings,
  opportunities,
  policies,
  support_tickets,
  ai_interactions,
  timeline_events,
  campaign_enrollments,
  tasks,
  record_changes,
} = built;

export {
  outbox,
  syncState,
  localSettings,
  conflicts,
  syncShadows,
  syncSeenTxids,
  importJobs,
  importRows,
  importIssues,
} from './local-schema';
