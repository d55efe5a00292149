/**
 * The server's drizzle schema, derived from the same dialect-neutral catalogue as the replica's
 * (shared/model), so the two cannot drift. drizzle-kit reads the exports to generate db/pg/migrations.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type PgColumnBuilderBase,
  type PgTableWithColumns,
  type TableConfig,
} from 'drizzle-orm/pg-core';
import { TABLES, type TableName } from '../../shared/model/catalogue';
import type { AnyColumn, DefaultValue } from '../../shared/model/columns';
import { dialectIndexes, type TableSpec } from '../../shared/model/table';

type AnyTable = PgTableWithColumns<TableConfig>;
const built = {} as Record<TableName, AnyTable>;

interface Chain {
  notNull(): PgColumnBuilderBase;
  primaryKey(): PgColumnBuilderBase;
  unique(): PgColumnBuilderBase;
  default(v: unknown): PgColumnBuilderBase;
  references(ref: () => unknown, opts: { onDelete: string }): PgColumnBuilderBase;
}
const chain = (b: PgColumnBuilderBase) => b as unknown as Chain;

function withDefault(b: PgColumnBuilderBase, value: DefaultValue | undefined) {
  if (value === undefined) return b;
  if (typeof value === 'object' && 'sql' in value) return chain(b).default(sql`now()`);
  if (typeof value === 'object' && 'json' in value)
    return chain(b).default(sql.raw(`'${JSON.stringify(value.json)}'::jsonb`));
  return chain(b).default(value);
}

function base(name: string, spec: AnyColumn): PgColumnBuilderBase {
  switch (spec.kind) {
    case 'id':
    case 'ref':
      return uuid(name);
    case 'int':
      return integer(name);
    case 'real':
      return doublePrecision(name);
    case 'money':
      return numeric(name, { precision: 12, scale: 2, mode: 'number' });
    case 'bool':
      return boolean(name);
    case 'timestamp':
      return timestamp(name, { withTimezone: true, precision: 3, mode: 'string' });
    case 'date':
      return date(name, { mode: 'string' });
    case 'json':
      return jsonb(name);
    case 'text':
      return text(name);
  }
}

function column(name: string, spec: AnyColumn): PgColumnBuilderBase {
  let b = base(name, spec);
  if (spec.primaryKey) b = chain(b).primaryKey();
  else if (spec.notNull) b = chain(b).notNull();
  if (spec.isUnique) b = chain(b).unique();
  const ref = spec.references;
  if (ref) {
    b = chain(b).references(() => (built[ref.table as TableName] as unknown as { id: unknown }).id, {
      onDelete: ref.onDelete,
    });
  }
  return withDefault(b, spec.defaultValue);
}

function buildTable(spec: TableSpec): AnyTable {
  const columns = Object.fromEntries(Object.entries(spec.columns).map(([name, c]) => [name, column(name, c)]));
  return pgTable(spec.name, columns, (t) => {
    const cols = t as Record<string, Parameters<ReturnType<typeof index>['on']>[0]>;
    const pick = (names: readonly string[]) => names.map((n) => cols[n]!) as [(typeof cols)[string]];
    return [
      ...dialectIndexes(spec, 'pg').map((i) => {
        const ix = (i.unique ? uniqueIndex(i.name) : index(i.name)).on(...pick(i.columns));
        return i.where ? ix.where(sql.raw(i.where)) : ix;
      }),
      ...spec.checks.map((c) => check(c.name, sql.raw(c.sql))),
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
