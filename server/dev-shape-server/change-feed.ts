/**
 * The replication side of the dev Electric: a temporary logical replication
 * slot with the `test_decoding` plugin, polled with
 * `pg_logical_slot_get_changes` every `pollIntervalMs` in one dedicated
 * session (a temporary slot belongs to the session that created it and is
 * dropped with it). Decoded transactions go into a global in-memory log in
 * commit order; the shape registry consumes it and trims what every shape has
 * processed.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DecodingRow, type LoggedTransaction, TransactionAssembler } from './decoding';

/** Session settings Electric formats values with (see electric-api.yaml, `value`). */
export const ELECTRIC_SESSION_OPTIONS =
  '-c TimeZone=UTC -c DateStyle=ISO,DMY -c IntervalStyle=iso_8601 -c extra_float_digits=1 -c bytea_output=hex';

/** At most this many decoded rows per poll (whole transactions are always kept together). */
const POLL_BATCH = 10_000;

export interface ChangeFeedOptions {
  databaseUrl: string;
  pollIntervalMs: number;
  /** Called after every poll that decoded something, and after a reconnect (`lost`: changes may be missing). */
  onAppend: (event: { lost: boolean }) => void;
  onError?: (error: Error) => void;
}

export class ChangeFeed {
  /** Temporary slot of the current session (a new name after a reconnect). */
  slotName = '';
  /** Commit LSN of the newest decoded transaction (or the slot's start point). */
  lastSeenLsn = 0n;
  #log: LoggedTransaction[] = [];
  #nextSeq = 0;
  #client: pg.Client | null = null;
  #assembler = new TransactionAssembler();
  #stopped = false;
  #wake: (() => void) | null = null;
  #loop: Promise<void> | null = null;
  /** Callers of catchUp() waiting for a poll that starts after their call. */
  #catchUps: (() => void)[] = [];
  #failing = false;
  #canFlush = true;

  constructor(private readonly options: ChangeFeedOptions) {}

  /** Creates the slot; resolves once changes committed from now on are guaranteed to be decoded. */
  async start(): Promise<void> {
    await this.#connect();
    this.#loop = this.#run();
  }

  /** Sequence number the next appended transaction will get. */
  get headSeq(): number {
    return this.#nextSeq;
  }

  /** Transactions with `seq >= fromSeq` that are still in memory. */
  transactionsFrom(fromSeq: number): LoggedTransaction[] {
    const first = this.#log[0];
    if (!first) return [];
    return this.#log.slice(Math.max(0, fromSeq - first.seq));
  }

  /** Drops transactions below `seq` (every consumer has processed them). */
  trimBefore(seq: number): void {
    const first = this.#log[0];
    if (!first || seq <= first.seq) return;
    this.#log = this.#log.slice(seq - first.seq);
  }

  /**
   * Resolves once every transaction committed before the call has been
   * decoded and handed to `onAppend` (a fresh poll runs right away), so a
   * request never misses a write that finished before it arrived.
   */
  catchUp(): Promise<void> {
    // A failing feed answers at once rather than holding requests hostage.
    if (this.#stopped || this.#failing) return Promise.resolve();
    return new Promise((resolve) => {
      this.#catchUps.push(resolve);
      this.#wake?.();
    });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#loop;
    for (const resolve of this.#catchUps.splice(0)) resolve();
    const client = this.#client;
    this.#client = null;
    if (client) {
      await client.query('SELECT pg_drop_replication_slot($1)', [this.slotName]).catch(() => undefined);
      await client.end().catch(() => undefined);
    }
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      options: `${ELECTRIC_SESSION_OPTIONS} -c synchronous_commit=on`,
    });
    client.on('error', () => undefined); // surfaced by the next query
    await client.connect();
    this.slotName = `dev_electric_${randomBytes(4).toString('hex')}`;
    try {
      const { rows } = await client.query<{ lsn: string }>(
        `SELECT (lsn - '0/0')::text AS lsn FROM pg_create_logical_replication_slot($1, 'test_decoding', true)`,
        [this.slotName],
      );
      const start = BigInt(rows[0]!.lsn);
      if (start > this.lastSeenLsn) this.lastSeenLsn = start;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.#client = client;
    this.#assembler = new TransactionAssembler();
  }

  async #run(): Promise<void> {
    let failures = 0;
    while (!this.#stopped) {
      let more = false;
      const waiting = this.#catchUps.splice(0);
      const flush = waiting.length > 0;
      try {
        if (!this.#client) {
          await this.#connect();
          // The old slot died with its session: changes in between are lost.
          this.options.onAppend({ lost: true });
        }
        more = await this.#poll(flush);
        failures = 0;
        this.#failing = false;
      } catch (error) {
        if (this.#stopped) {
          for (const resolve of waiting) resolve();
          break;
        }
        failures++;
        this.#failing = true;
        this.options.onError?.(error as Error);
        const client = this.#client;
        this.#client = null;
        await client?.end().catch(() => undefined);
      }
      // A full batch means more is already waiting: those callers wait for the rest too.
      if (more) this.#catchUps.unshift(...waiting);
      else for (const resolve of waiting) resolve();
      if (!more && this.#catchUps.length === 0) {
        await this.#sleep(failures ? Math.min(5_000, 100 * 2 ** failures) : this.options.pollIntervalMs);
      }
    }
  }

  /**
   * One `pg_logical_slot_get_changes` call; true when the batch was full (poll
   * again at once). Decoding only sees flushed WAL, and with
   * synchronous_commit=off (the test cluster) a commit can sit unflushed for a
   * while: `flush` first commits a WAL-writing transaction synchronously (a
   * transactional logical message, which decodes to an empty transaction),
   * which flushes all WAL before it.
   */
  async #poll(flush: boolean): Promise<boolean> {
    const client = this.#client!;
    if (flush && this.#canFlush) {
      try {
        await client.query(`BEGIN; SELECT pg_logical_emit_message(true, 'dev_electric', 'flush'); COMMIT`);
      } catch (error) {
        // Only a missing privilege/function disables flushing; anything else is a real failure.
        if (!['42501', '42883'].includes((error as { code?: string }).code ?? '')) throw error;
        await client.query('ROLLBACK').catch(() => undefined);
        this.#canFlush = false;
        this.options.onError?.(
          new Error(`cannot force a WAL flush, fresh commits may show up late: ${(error as Error).message}`),
        );
      }
    }
    const { rows } = await client.query<{ lsn: string; xid: string; data: string }>(
      `SELECT (lsn - '0/0')::text AS lsn, xid::text AS xid, data
         FROM pg_logical_slot_get_changes($1, NULL, $2, 'include-xids', '1', 'skip-empty-xacts', '1')`,
      [this.slotName, POLL_BATCH],
    );
    for (const raw of rows) {
      const row: DecodingRow = { lsn: BigInt(raw.lsn), xid: Number(raw.xid), data: raw.data };
      const tx = this.#assembler.push(row);
      if (!tx) continue;
      if (tx.lsn > this.lastSeenLsn) this.lastSeenLsn = tx.lsn;
      if (tx.changes.length === 0) continue;
      this.#log.push({ ...tx, seq: this.#nextSeq++ });
    }
    if (rows.length > 0) this.options.onAppend({ lost: false });
    return rows.length >= POLL_BATCH;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = null;
        done();
      };
    });
  }
}
