import { col, type Columns, type ValueOf } from './columns';

export interface IndexSpec {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique?: boolean;
  /** A partial-index predicate written in SQL that both dialects accept. */
  readonly where?: string;
  /**
   * Columns the replica's index also stores after its key, so the read it serves touches no table
   * row: on a laptop each scattered row is a page read of its own. SQLite only: Postgres keeps the
   * key, because a btree entry there is limited to about a third of a page and these hold free text.
   */
  readonly replicaCovers?: readonly string[];
  /** 'server': Postgres only (row-level security, shapes and reports filter by it; no replica read does). */
  readonly only?: 'server';
}

/** The indexes a dialect builds: the replica skips server-only ones and adds the covered columns. */
export function dialectIndexes(spec: TableSpec, dialect: 'sqlite' | 'pg'): IndexSpec[] {
  if (dialect === 'pg') return spec.indexes.map(({ replicaCovers: _covers, ...i }) => i);
  return spec.indexes
    .filter((i) => i.only !== 'server')
    .map(({ replicaCovers, ...i }) => (replicaCovers ? { ...i, columns: [...i.columns, ...replicaCovers] } : i));
}

/** A CHECK constraint written in SQL that both dialects accept. */
export interface CheckSpec {
  readonly name: string;
  readonly sql: string;
}

/**
 * Who may read a table's rows. `owned` rows carry owner_id/team_id: an agent sees their own,
 * a manager their team's, an admin all. `agency` rows (lookups, users, teams) are read by everyone.
 */
export type TableScope = 'owned' | 'agency';

export interface TableSpec<C extends Columns = Columns> {
  readonly name: string;
  readonly scope: TableScope;
  readonly columns: C;
  readonly indexes: readonly IndexSpec[];
  readonly checks: readonly CheckSpec[];
}

export function defineTable<const N extends string, C extends Columns>(
  name: N,
  scope: TableScope,
  columns: C,
  extra: {
    indexes?: readonly IndexSpec[];
    checks?: readonly CheckSpec[];
    /** 'server' when no replica read filters this table by owner alone (its sync shape does). */
    ownershipIndexes?: 'server';
  } = {},
): TableSpec<C> & { readonly name: N } {
  const all = { ...columns };
  for (const c of [...(extra.indexes ?? [])].flatMap((i) => [...i.columns, ...(i.replicaCovers ?? [])])) {
    if (!(c in all)) throw new Error(`index on ${name} names unknown column ${c}`);
  }
  const checks = [...(extra.checks ?? [])];
  for (const [colName, spec] of Object.entries(columns)) {
    if (spec.oneOf) {
      const list = spec.oneOf.map((v) => `'${v}'`).join(', ');
      checks.push({ name: `${name}_${colName}_values`, sql: `${colName} IS NULL OR ${colName} IN (${list})` });
    }
  }
  const indexes = [...(extra.indexes ?? [])];
  if (scope === 'owned') {
    // Every owned table is filtered by owner and team on the server: sync shapes, RLS and reports.
    // The replica's "mine" screens filter by owner; none filters by team alone (the sync shape
    // already did, and tasks' team list has its own index), so the team index is the server's.
    const only = extra.ownershipIndexes;
    indexes.push(
      { name: `idx_${name}_owner_id`, columns: ['owner_id'], ...(only ? { only } : {}) },
      { name: `idx_${name}_team_id`, columns: ['team_id'], only: 'server' },
    );
  }
  return { name, scope, columns: all, indexes, checks };
}

/** Every synced row has these: client-made UUIDv7 id, timestamps and a soft-delete marker. */
export const base = {
  id: col.id(),
  created_at: col.timestamp().required().default({ sql: 'now' }),
  updated_at: col.timestamp().required().default({ sql: 'now' }),
  deleted_at: col.timestamp(),
};

/** Ownership, on which access and sync scopes are based (denormalised so shapes can filter on it). */
export const ownership = {
  owner_id: col.ref('users').required(),
  team_id: col.ref('teams'),
};

/** UI and AI metadata that every lookup table carries (the seed's "lookup tables include metadata"). */
export const lookupMeta = {
  color: col.text().required().default('#64748b'),
  icon: col.text().required().default('circle'),
  sort_order: col.int().required().default(0),
  ai_prompt_template: col.text(),
  ai_summary_template: col.text(),
  ai_action_template: col.text(),
  workflow: col.json<Record<string, unknown>>().required().default({ json: {} }),
  metadata: col.json<Record<string, unknown>>().required().default({ json: {} }),
};

export type RowOf<T extends TableSpec> = { [K in keyof T['columns']]: ValueOf<T['columns'][K]> };
