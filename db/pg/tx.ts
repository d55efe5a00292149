import type { PoolClient } from 'pg';
import { columnSpec, decodeRow, encodePgValue } from '../../shared/model/codec';
import { tableSpec, type Row, type TableName } from '../../shared/model/catalogue';
import type { FindOptions, Tx, Where } from '../../shared/mutations/tx';

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

/**
 * The catalogue's columns rather than `*`: a prepared `SELECT *` fails ("cached plan must not
 * change result type") once a migration adds a column under a running gateway; decodeRow reads
 * only these columns anyway.
 */
const columnLists = new Map<TableName, string>();
function columns(table: TableName): string {
  let list = columnLists.get(table);
  if (!list) columnLists.set(table, (list = Object.keys(tableSpec(table)!.columns).map(q).join(', ')));
  return list;
}

/**
 * Rows a transaction already knows as Postgres holds them, keyed `table/id`: those it inserted
 * (INSERT … RETURNING), which no other session can see or change until it commits, and the
 * lookups no mutation ever writes (they ship with the app). Reading one again needs no query: a
 * batch that creates a lead and then adds notes to it reads the lead once. A row this
 * transaction updates is dropped (read again when next asked for). One per transaction, never
 * kept across a rollback.
 */
export type KnownRows = Map<string, Record<string, unknown>>;

/** Tables no mutation writes: read once per transaction. */
const SHIPPED_LOOKUPS: ReadonlySet<TableName> = new Set<TableName>(['lead_statuses', 'insurance_types', 'communication_types']);

/** The mutations' transaction on Postgres; the caller holds the client inside BEGIN … COMMIT. */
export class PgTx implements Tx {
  readonly dialect = 'postgres' as const;
  /** Writes issued so far: the gateway keeps a refused mutation's transaction only if it wrote nothing. */
  writes = 0;
  constructor(
    private readonly client: PoolClient,
    private readonly known?: KnownRows,
  ) {}

  async get<T extends TableName>(table: T, id: string): Promise<Row<T> | undefined> {
    const mine = this.known?.get(`${table}/${id}`);
    if (mine) return decodeRow(table, mine);
    const { rows } = await this.client.query(statement(`SELECT ${columns(table)} FROM ${q(table)} WHERE id = $1`, [id]));
    if (rows[0] && this.known && SHIPPED_LOOKUPS.has(table)) this.known.set(`${table}/${id}`, rows[0] as Record<string, unknown>);
    return rows[0] ? decodeRow(table, rows[0]) : undefined;
  }

  async find<T extends TableName>(table: T, where: Where<T>, options: FindOptions<T> = {}): Promise<Row<T>[]> {
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
    const text = `INSERT INTO ${q(table)} (${entries.map(([k]) => q(k)).join(', ')}) VALUES (${entries.map((_, i) => `$${i + 1}`).join(', ')})`;
    if (!this.known) {
      await this.client.query(statement(text, values));
      return;
    }
    const { rows } = await this.client.query(statement(`${text} RETURNING ${columns(table)}`, values));
    this.known.set(`${table}/${(row as { id: string }).id}`, rows[0] as Record<string, unknown>);
  }

  async update<T extends TableName>(table: T, id: string, patch: Partial<Row<T>>): Promise<void> {
    const entries = Object.entries(patch).filter(([k]) => k !== 'id');
    if (entries.length === 0) return;
    const values = entries.map(([k, v]) => encodePgValue(columnSpec(table, k), v));
    this.writes++;
    this.known?.delete(`${table}/${id}`);
    const res = await this.client.query(
      // updated_at never moves backwards: the same rule as the replica's (db/sqlite/tx.ts).
      `UPDATE ${q(table)} SET ${entries.map(([k], i) => (k === 'updated_at' ? `"updated_at" = GREATEST("updated_at", $${i + 1})` : `${q(k)} = $${i + 1}`)).join(', ')} WHERE id = $${entries.length + 1}`,
      [...values, id],
    );
    if (res.rowCount === 0) throw new Error(`update of missing or inaccessible ${table} ${id}`);
  }
}
