import { uuidv7 } from '../../shared/ids';
import type { Actor } from '../../shared/mutations/define';
import { executeMutation } from '../../shared/mutations/execute';
import type { Row, TableName } from '../../shared/model/catalogue';
import type { FindOptions, Tx, Where } from '../../shared/mutations/tx';
import { CapturingTx } from './capturing-tx';
import { changeFeed } from './change-feed';
import { FTS_TABLES } from './derived';
import type { ReplicaDb } from './open';
import { outbox as outboxTable } from './sync-state';
import type { SqliteTx } from './tx';
import { mapSqliteError } from './writer';

export interface BatchMutation {
  name: string;
  args: unknown;
  /** Who makes this change (mutations in one batch may act as different users). */
  actor: Actor;
  id?: string;
  createdAt?: string;
}

export interface BatchOptions {
  /** Write an outbox entry per mutation, as ReplicaWriter does (default true). */
  outbox?: boolean;
  /**
   * The transaction the mutations run against. Default: a fresh CapturingTx per batch, as
   * ReplicaWriter uses (it keeps the server's version of each touched row for rebasing).
   */
  tx?: Tx;
}

/** A failed mutation of a batch: which one, and why (the whole batch was rolled back). */
export class BatchError extends Error {
  constructor(
    readonly index: number,
    readonly mutation: string,
    readonly reason: unknown,
  ) {
    super(`mutation ${index} (${mutation}) failed: ${(reason as Error)?.message ?? String(reason)}`);
    this.name = 'BatchError';
  }
}

/**
 * ReplicaWriter.mutate for many mutations at once: each mutation runs through executeMutation
 * and gets its outbox entry exactly as ReplicaWriter writes it, but the whole batch commits in one
 * SQLite transaction (all or nothing). For bulk work such as seeding or imports; it does not go
 * through ReplicaWriter's queue, so use it only while no ReplicaWriter writes to the same database.
 */
export class BatchWriter {
  constructor(
    private readonly db: ReplicaDb,
    private readonly options: BatchOptions = {},
  ) {}

  /** Runs the batch in one transaction; returns how many mutations ran. */
  async mutateBatch(batch: Iterable<BatchMutation>): Promise<number> {
    const tx = this.options.tx ?? new CapturingTx(this.db);
    const outbox = this.options.outbox ?? true;
    let index = 0;
    let current = '';
    try {
      // One change event for the whole batch, after its commit.
      return await changeFeed(this.db).transaction('local', async () => {
        for (const m of batch) {
          current = m.name;
          const createdAt = m.createdAt ?? new Date().toISOString();
          const { args } = await executeMutation(tx, m.name, m.args, {
            actor: m.actor,
            now: createdAt,
            side: 'replica',
          });
          if (outbox) outboxTable.add(this.db, { id: m.id ?? uuidv7(), name: m.name, args, createdAt });
          index++;
        }
        return index;
      });
    } catch (err) {
      throw new BatchError(index, current, mapSqliteError(err));
    }
  }
}

/**
 * Tables whose rows the mutations read back by id (leads and their parents, a client's policies
 * and household, lookups).
 */
const CACHED: ReadonlySet<TableName> = new Set<TableName>([
  'leads',
  'clients',
  'contacts',
  'opportunities',
  'addresses',
  'policies',
  'households',
  'users',
  'teams',
  'lead_statuses',
  'insurance_types',
  'communication_types',
  'campaigns',
]);

/**
 * A write-through cache in front of SqliteTx for bulk loads: `get` by id is served from rows this
 * load wrote (or read) before, instead of a SELECT and a decode. Every write still goes to SQLite
 * first, and triggers never change the base rows, so the cached rows equal the stored ones.
 * `find` always reads SQLite.
 *
 * Two generations of at most `limit / 2` rows each: rows written or read go to the young one (an
 * older copy left in the old one is shadowed, the young one being read first); when it is full it
 * becomes the old one and the previous old one is dropped whole. So rows in use stay, at no cost
 * per eviction: dropping the oldest entry of one Map, as before, skipped over the holes its
 * deletes had left at the front, which grew with the cache (20k leads: +10 main-thread CPU s once
 * reads moved entries too).
 */
export class CachedTx implements Tx {
  readonly dialect = 'sqlite' as const;
  private young = new Map<string, Record<string, unknown>>();
  private old = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly inner: SqliteTx,
    private readonly limit = 50_000,
  ) {}

  private remember(key: string, row: Record<string, unknown>) {
    this.young.set(key, row);
    if (this.young.size >= this.limit / 2) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  private cached(key: string): Record<string, unknown> | undefined {
    return this.young.get(key) ?? this.old.get(key);
  }

  clear() {
    this.young.clear();
    this.old.clear();
  }

  async get<T extends TableName>(table: T, id: string): Promise<Row<T> | undefined> {
    const key = `${table}:${id}`;
    const young = this.young.get(key);
    if (young) return young as Row<T>;
    const old = this.old.get(key);
    if (old) {
      // Read again: kept among the recent (a renewal reads a client untouched for months).
      this.remember(key, old);
      return old as Row<T>;
    }
    const row = await this.inner.get(table, id);
    if (row && CACHED.has(table)) this.remember(key, row as Record<string, unknown>);
    return row;
  }

  find<T extends TableName>(table: T, where: Where<T>, options?: FindOptions<T>): Promise<Row<T>[]> {
    return this.inner.find(table, where, options);
  }

  async insert<T extends TableName>(table: T, row: Row<T>): Promise<void> {
    await this.inner.insert(table, row);
    if (CACHED.has(table)) this.remember(`${table}:${(row as { id: string }).id}`, row as Record<string, unknown>);
  }

  async update<T extends TableName>(table: T, id: string, patch: Partial<Row<T>>): Promise<void> {
    await this.inner.update(table, id, patch);
    const key = `${table}:${id}`;
    const hit = this.cached(key);
    if (!hit) return;
    const next: Record<string, unknown> = Object.assign({}, hit);
    // SQLite stores an undefined value as NULL; so does the cached copy.
    for (const [k, v] of Object.entries(patch)) if (k !== 'id') next[k] = v === undefined ? null : v;
    this.remember(key, next);
  }
}

const FTS_DEFAULT_HASHSIZE = 1024 * 1024;

export interface BulkTuning {
  /**
   * Keep the rollback journal in memory instead of the WAL, for a file its caller throws away if
   * the load fails (a crash mid-load can leave it damaged). In WAL every page a transaction dirties
   * is written twice, to the log and back by the checkpoint, and the checkpoint reads the log
   * again. 100k synthetic leads, one after another on this machine: WAL 267 s wall (359 CPU s);
   * journal in memory 201 and 243 s (278 and 341 CPU s).
   */
  journalInMemory?: boolean;
}

/**
 * Settings for a bulk load, undone by the returned function: no fsync, a 256 MB page cache, and
 * FTS5 buffering up to 64 MB of terms before it writes a segment instead of 1 MB (fewer, larger
 * segments to merge when the search index is built in bulk). Sorts spill to temporary files rather
 * than memory (temp_store FILE), so building an index over millions of rows at the end of a load
 * keeps memory bounded (changing temp_store drops temporary objects: there are none meanwhile).
 * The schema itself is untouched.
 */
export function tuneForBulk(db: ReplicaDb, options: BulkTuning = {}): () => void {
  const journal = String(db.pragma('journal_mode', { simple: true }));
  const synchronous = Number(db.pragma('synchronous', { simple: true }));
  const cacheSize = Number(db.pragma('cache_size', { simple: true }));
  const tempStore = Number(db.pragma('temp_store', { simple: true }));
  const fts = FTS_TABLES.filter((t) =>
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t),
  );
  const hashsize = (t: string) =>
    (db.prepare(`SELECT v FROM "${t}_config" WHERE k = 'hashsize'`).get() as { v: number } | undefined)?.v;
  // FTS5 wants the value as a literal (a bound parameter is refused).
  const setHashsize = (t: string, v: number) =>
    db.exec(`INSERT INTO "${t}"("${t}", rank) VALUES ('hashsize', ${Math.floor(v)})`);
  const before = new Map(fts.map((t) => [t, hashsize(t) ?? FTS_DEFAULT_HASHSIZE]));
  if (options.journalInMemory) db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = FILE');
  for (const t of fts) setHashsize(t, 64 * 1024 * 1024);
  return () => {
    if (db.inTransaction) db.exec('ROLLBACK');
    for (const [t, v] of before) setHashsize(t, v);
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma(`temp_store = ${tempStore}`);
    db.pragma(`synchronous = ${synchronous}`);
    if (options.journalInMemory) db.pragma(`journal_mode = ${journal}`);
  };
}
