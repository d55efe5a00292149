import type { Database, Statement } from 'better-sqlite3';
import { decodeRow, encodeSqliteValue, columnSpec } from '../../shared/model/codec';
import { tableSpec, type Row, type TableName } from '../../shared/model/catalogue';
import type { AnyColumn } from '../../shared/model/columns';
import type { FindOptions, Tx, Where } from '../../shared/mutations/tx';
import { noteWrite } from './change-feed';

interface WritePlan {
  stmt: Statement;
  specs: AnyColumn[];
}

/** Column names are checked against the catalogue before they reach SQL text. */
function checkColumns(table: TableName, names: string[]) {
  for (const n of names) columnSpec(table, n);
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The mutations' transaction on the replica. Statements are cached per SQL text; the caller
 * opens and closes the SQLite transaction around the mutation.
 */
export class SqliteTx implements Tx {
  readonly dialect = 'sqlite' as const;
  private readonly cache = new Map<string, Statement>();
  /** Per table, its read by id; per table and set of columns, its insert or update. */
  private readonly selects = new Map<string, Statement>();
  private readonly plans = new Map<string, WritePlan>();
  /** Per table, the columns of its last insert and their plan. */
  private readonly lastInsert = new Map<string, { keys: string[]; plan: WritePlan }>();
  /** Rows written in this transaction, per table: the sync engine uses them to rebase. */
  readonly touched: Array<{ table: TableName; id: string }> = [];

  constructor(protected readonly db: Database) {}

  protected stmt(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  async get<T extends TableName>(table: T, id: string): Promise<Row<T> | undefined> {
    let select = this.selects.get(table);
    if (!select) {
      select = this.stmt(`SELECT * FROM "${tableSpec(table)!.name}" WHERE id = ?`);
      this.selects.set(table, select);
    }
    const raw = select.get(id) as Record<string, unknown> | undefined;
    return raw ? decodeRow(table, raw) : undefined;
  }

  async find<T extends TableName>(table: T, where: Where<T>, options: FindOptions<T> = {}): Promise<Row<T>[]> {
    const keys = Object.keys(where);
    checkColumns(table, keys);
    const clauses = keys.map((k) => ((where as Record<string, unknown>)[k] === null ? `"${k}" IS NULL` : `"${k}" = ?`));
    const params = keys
      .filter((k) => (where as Record<string, unknown>)[k] !== null)
      .map((k) => encodeSqliteValue(columnSpec(table, k), (where as Record<string, unknown>)[k]));
    let sql = `SELECT * FROM "${table}"${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''}`;
    if (options.orderBy) {
      checkColumns(table, [options.orderBy[0]]);
      sql += ` ORDER BY "${options.orderBy[0]}" ${options.orderBy[1] === 'desc' ? 'DESC' : 'ASC'}, id`;
    } else sql += ' ORDER BY id';
    if (options.limit) sql += ` LIMIT ${Math.max(1, Math.floor(options.limit))}`;
    return (this.stmt(sql).all(...params) as Record<string, unknown>[]).map((r) => decodeRow(table, r));
  }

  /** Called before the first write to a row: the sync layer keeps the server's version of it. */
  protected beforeWrite(_table: TableName, _id: string): void {}

  async insert<T extends TableName>(table: T, row: Row<T>): Promise<void> {
    this.beforeWrite(table, (row as { id: string }).id);
    const keys = Object.keys(row);
    const plan = this.insertPlan(table, keys);
    plan.stmt.run(this.encode(plan.specs, keys, row as Record<string, unknown>));
    noteWrite(this.db, table);
    this.touched.push({ table, id: (row as { id: string }).id });
  }

  async update<T extends TableName>(table: T, id: string, patch: Partial<Row<T>>): Promise<void> {
    const keys = Object.keys(patch).filter((k) => k !== 'id');
    if (keys.length === 0) return;
    const shape = `${table}\u0001${keys.join('\u0000')}`;
    // updated_at never moves backwards (a replayed or late edit keeps the newer time): the same
    // rule as the server's (db/pg/tx.ts), so replaying a mutation there and here gives one row.
    const sql = () =>
      `UPDATE "${table}" SET ${keys.map((k) => (k === 'updated_at' ? `"updated_at" = max("updated_at", ?)` : `"${k}" = ?`)).join(', ')} WHERE id = ?`;
    if (!this.plans.has(shape)) checkColumns(table, keys);
    this.beforeWrite(table, id);
    const plan = this.plan(shape, table, keys, sql);
    const values = this.encode(plan.specs, keys, patch as Record<string, unknown>);
    values.push(id);
    const res = plan.stmt.run(values);
    if (res.changes === 0) throw new Error(`update of missing ${table} ${id}`);
    noteWrite(this.db, table);
    this.touched.push({ table, id });
  }

  /**
   * An insert's plan. Rows of a table nearly always come from newRow, with the same columns in the
   * same order, so the table's last plan is checked key by key before a shape key is built (the
   * joined names of ~60 columns, per row, were a bulk load's visible cost).
   */
  private insertPlan(table: TableName, keys: string[]): WritePlan {
    const last = this.lastInsert.get(table);
    if (last && sameKeys(last.keys, keys)) return last.plan;
    const plan = this.plan(
      `${table}\u0000${keys.join('\u0000')}`,
      table,
      keys,
      () =>
        `INSERT INTO "${table}" (${keys.map((k) => `"${k}"`).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`,
    );
    this.lastInsert.set(table, { keys, plan });
    return plan;
  }

  /** A write's statement and column specs, worked out once per table and set of columns. */
  private plan(shape: string, table: TableName, keys: string[], sql: () => string): WritePlan {
    let plan = this.plans.get(shape);
    if (!plan) {
      checkColumns(table, keys);
      plan = { stmt: this.stmt(sql()), specs: keys.map((k) => columnSpec(table, k)) };
      this.plans.set(shape, plan);
    }
    return plan;
  }

  private encode(specs: AnyColumn[], keys: string[], values: Record<string, unknown>): unknown[] {
    const out: unknown[] = new Array(keys.length);
    for (let i = 0; i < keys.length; i++) out[i] = encodeSqliteValue(specs[i]!, values[keys[i]!]);
    return out;
  }
}
