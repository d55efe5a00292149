import type { PoolClient } from 'pg';
import { columnSpec, decodeRow, encodePgValue } from '../../shared/model/codec';
import type { Row, TableName } from '../../shared/model/catalogue';
import type { FindOptions, Tx, Where } from '../../shared/mutations/tx';
import { columns, type TxRows } from './tx-rows';

const q = (name: string) => `"${name}"`;

/**
 * Named (prepared) statements: Postgres parses and plans each text once per connection instead
 * of for every mutation, which halves its CPU per pushed mutation (the wide INSERTs cost most).
 * Only texts the code decides are named (never an UPDATE, whose columns come from the client's
 * patch), and at most MAX_NAMED of them, so a client cannot fill the server's memory.
 */
const MAX_NAMED = 500;
const named = new Map<string, string>();
function statement(text: string, values: unknown[]): { text: string; values: unknown[]; name?: string } {
  let name = named.get(text);
  if (!name && named.size < MAX_NAMED) named.set(text, (name = `fieldline_${named.size}`));
  return name ? { name, text, values } : { text, values };
}

/** Tables no mutation writes: read once per transaction. */
const SHIPPED_LOOKUPS: ReadonlySet<TableName> = new Set<TableName>([
  'lead_statuses',
  'insurance_types',
  'communication_types',
]);

/** The mutations' transaction on Postgres; the caller holds the client inside BEGIN … COMMIT. */
export class PgTx implements Tx {
  readonly dialect = 'postgres' as const;
  /** Writes issued so far: the gateway keeps a refused mutation's transaction only if it wrote nothing. */
  writes = 0;
  /** `rows`: what the transaction knows of its rows, shared by its mutations (server/apply-batch.ts). */
  constructor(
    private readonly client: PoolClient,
    private readonly rows?: TxRows,
  ) {}

  /** Sends held-back inserts: before anything that could observe them (raw SQL included). */
  flush(): Promise<void> {
    return this.rows ? this.rows.flush(this.client) : Promise.resolve();
  }

  async get<T extends TableName>(table: T, id: string): Promise<Row<T> | undefined> {
    const key = `${table}/${id}`;
    if (this.rows?.isPending(key)) await this.flush();
    const mine = this.rows?.known.get(key);
    if (mine) return decodeRow(table, mine);
    const { rows } = await this.client.query(
      statement(`SELECT ${columns(table)} FROM ${q(table)} WHERE id = $1`, [id]),
    );
    if (rows[0] && this.rows && SHIPPED_LOOKUPS.has(table))
      this.rows.known.set(key, rows[0] as Record<string, unknown>);
    return rows[0] ? decodeRow(table, rows[0]) : undefined;
  }

  async find<T extends TableName>(table: T, where: Where<T>, options: FindOptions<T> = {}): Promise<Row<T>[]> {
    await this.flush();
    const params: unknown[] = [];
    const clauses = Object.entries(where).map(([k, v]) => {
      const spec = columnSpec(table, k);
      if (v === null) return `${q(k)} IS NULL`;
      params.push(encodePgValue(spec, v));
      return `${q(k)} = $${params.length}`;
    });
    let sql = `SELECT ${columns(table)} FROM ${q(table)}${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''}`;
    if (options.orderBy) {
      columnSpec(table, options.orderBy[0]);
      sql += ` ORDER BY ${q(options.orderBy[0])} ${options.orderBy[1] === 'desc' ? 'DESC' : 'ASC'}, id`;
    } else sql += ' ORDER BY id';
    if (options.limit) sql += ` LIMIT ${Math.max(1, Math.floor(options.limit))}`;
    const { rows } = await this.client.query(statement(sql, params));
    return rows.map((r) => decodeRow(table, r));
  }

  async insert<T extends TableName>(table: T, row: Row<T>): Promise<void> {
    const entries = Object.entries(row);
    const values = entries.map(([k, v]) => encodePgValue(columnSpec(table, k), v));
    this.writes++;
    const key = `${table}/${(row as { id: string }).id}`;
    if (this.rows?.deferInserts) {
      this.rows.hold({ table, key, columns: entries.map(([k]) => k), values });
      return;
    }
    const text = `INSERT INTO ${q(table)} (${entries.map(([k]) => q(k)).join(', ')}) VALUES (${entries.map((_, i) => `$${i + 1}`).join(', ')})`;
    if (!this.rows) {
      await this.client.query(statement(text, values));
      return;
    }
    const { rows } = await this.client.query(statement(`${text} RETURNING ${columns(table)}`, values));
    this.rows.known.set(key, rows[0] as Record<string, unknown>);
  }

  async update<T extends TableName>(table: T, id: string, patch: Partial<Row<T>>): Promise<void> {
    const entries = Object.entries(patch).filter(([k]) => k !== 'id');
    if (entries.length === 0) return;
    const values = entries.map(([k, v]) => encodePgValue(columnSpec(table, k), v));
    this.writes++;
    await this.flush();
    this.rows?.known.delete(`${table}/${id}`);
    const res = await this.client.query(
      // updated_at never moves backwards: the same rule as the replica's (db/sqlite/tx.ts).
      `UPDATE ${q(table)} SET ${entries.map(([k], i) => (k === 'updated_at' ? `"updated_at" = GREATEST("updated_at", $${i + 1})` : `${q(k)} = $${i + 1}`)).join(', ')} WHERE id = $${entries.length + 1}`,
      [...values, id],
    );
    if (res.rowCount === 0) throw new Error(`update of missing or inaccessible ${table} ${id}`);
  }
}
