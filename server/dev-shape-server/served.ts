/**
 * What the development shape server will stream: the catalogue's synced tables and only their
 * catalogue columns. Credentials, sessions and the gateway's other server-only tables are not
 * in the catalogue, so no request reaches them, even one that names them directly; a column
 * added to a synced table in Postgres alone (not in the catalogue) is not streamed either.
 */
import { TABLES } from '../../shared/model/catalogue';
import type { TableName } from './decoding';

export interface ServedTables {
  /** The columns a request may read, in any order; null when the table is not served at all. */
  columns(table: TableName): ReadonlySet<string> | 'all' | null;
}

/** `scratchTables`: whole tables of `public` a conformance test created for itself. */
export function servedTables(scratchTables: readonly string[] = []): ServedTables {
  const catalogue = new Map(Object.entries(TABLES).map(([name, spec]) => [name, new Set(Object.keys(spec.columns))]));
  const scratch = new Set(scratchTables);
  return {
    columns(table) {
      if (table.schema !== 'public') return null;
      return catalogue.get(table.name) ?? (scratch.has(table.name) ? 'all' : null);
    },
  };
}
