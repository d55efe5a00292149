import type { Row, TableName } from '../model/catalogue';

/** Equality filters; `null` matches SQL NULL. */
export type Where<T extends TableName> = { [K in keyof Row<T>]?: Row<T>[K] | null };

export interface FindOptions<T extends TableName> {
  orderBy?: readonly [keyof Row<T> & string, 'asc' | 'desc'];
  limit?: number;
}

/**
 * The storage-neutral transaction the named mutations are written against. The replica
 * implements it on SQLite (db/sqlite/tx.ts), the gateway on Postgres (db/pg/tx.ts); the same
 * mutation code runs on both, inside one transaction opened by the caller.
 */
export interface Tx {
  readonly dialect: 'sqlite' | 'postgres';
  get<T extends TableName>(table: T, id: string): Promise<Row<T> | undefined>;
  find<T extends TableName>(table: T, where: Where<T>, options?: FindOptions<T>): Promise<Row<T>[]>;
  insert<T extends TableName>(table: T, row: Row<T>): Promise<void>;
  update<T extends TableName>(table: T, id: string, patch: Partial<Row<T>>): Promise<void>;
}
