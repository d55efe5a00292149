/**
 * Shared setup for the dev-Electric conformance suites: an isolated database
 * with the app's migrations, a dev Electric server on it, a superuser client
 * for writes, and helpers to follow shapes with the official client.
 */
import { randomUUID } from 'node:crypto';
import {
  isChangeMessage,
  isControlMessage,
  type Message,
  type Row,
  Shape,
  ShapeStream,
  type ShapeStreamOptions,
} from '@electric-sql/client';
import pg from 'pg';
import { migratePostgres } from '../../db/pg/migrate';
import { type DevElectric, type DevElectricOptions, startDevElectric } from '../../server/dev-shape-server/server';
import { createTestDatabase, type TestDatabase } from '../support/pg';

export interface Harness {
  db: TestDatabase;
  sql: pg.Client;
  electric: DevElectric;
  shapeUrl: string;
  close(): Promise<void>;
}

/** A scratch table with one column of each type the app uses, for protocol details. */
export const ITEMS_DDL = `CREATE TABLE dev_items (
  id integer PRIMARY KEY,
  label text,
  n integer,
  big bigint,
  num numeric(12, 2),
  f double precision,
  b boolean,
  ts timestamp(3) with time zone,
  d date,
  j jsonb,
  tags text[],
  iv interval
)`;

export async function startHarness(databaseUrl: string, options: Partial<DevElectricOptions> = {}): Promise<Harness> {
  const db = await createTestDatabase(databaseUrl);
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  let electric: DevElectric | undefined;
  try {
    await migratePostgres(sql);
    await sql.query(ITEMS_DDL);
    electric = await startDevElectric({
      databaseUrl: db.url,
      longPollMs: 300,
      pollIntervalMs: 20,
      scratchTables: ['dev_items'],
      ...options,
    });
  } catch (error) {
    await sql.end();
    await db.drop();
    throw error;
  }
  const started = electric;
  return {
    db,
    sql,
    electric: started,
    // The secret rides in the URL, as the gateway sends it; every helper below keeps the URL's query.
    shapeUrl: `${started.url}/v1/shape?secret=${encodeURIComponent(started.secret)}`,
    close: async () => {
      await started.stop();
      await sql.end();
      await db.drop();
    },
  };
}

/** Runs `fn` in a transaction and returns the txid Electric reports for it. */
export async function inTransaction(sql: pg.Client, fn: () => Promise<unknown>): Promise<string> {
  await sql.query('BEGIN');
  try {
    const { rows } = await sql.query<{ txid: string }>('SELECT pg_current_xact_id()::xid::text AS txid');
    await fn();
    await sql.query('COMMIT');
    return rows[0]!.txid;
  } catch (error) {
    await sql.query('ROLLBACK');
    throw error;
  }
}

export async function insertUser(sql: pg.Client, fields: { id?: string; fullName?: string; teamId?: string } = {}) {
  const id = fields.id ?? randomUUID();
  await sql.query('INSERT INTO users (id, email, full_name, team_id) VALUES ($1, $2, $3, $4)', [
    id,
    `${id}@example.test`,
    fields.fullName ?? 'Test User',
    fields.teamId ?? null,
  ]);
  return id;
}

export async function insertLead(sql: pg.Client, ownerId: string, lastName = 'Lead') {
  const id = randomUUID();
  await sql.query(
    `INSERT INTO leads (id, owner_id, last_name, status_id, insurance_type_id)
     VALUES ($1, $2, $3, (SELECT id FROM lead_statuses ORDER BY sort_order LIMIT 1),
             (SELECT id FROM insurance_types ORDER BY id LIMIT 1))`,
    [id, ownerId, lastName],
  );
  return id;
}

export function userKey(id: string): string {
  return `"public"."users"/"${id}"`;
}

export interface Follower {
  stream: ShapeStream;
  shape: Shape;
  messages: Message[];
  changes(): Array<Message & { key: string; value: Row; headers: Record<string, unknown> }>;
  upToDateCount(): number;
  waitFor(what: string, predicate: () => boolean, timeoutMs?: number): Promise<void>;
  stop(): void;
}

/** Follows a shape with the official client (long polling) and a `Shape` materialising its rows. */
export function follow(harness: Pick<Harness, 'shapeUrl'>, options: Omit<ShapeStreamOptions, 'url'>): Follower {
  const abort = new AbortController();
  const stream = new ShapeStream({
    url: harness.shapeUrl,
    signal: abort.signal,
    backoffOptions: { initialDelay: 50, maxDelay: 200, multiplier: 2, maxRetries: 5 },
    ...options,
  });
  const messages: Message[] = [];
  stream.subscribe((batch) => void messages.push(...batch));
  const shape = new Shape(stream);
  return {
    stream,
    shape,
    messages,
    changes: () => messages.filter(isChangeMessage) as ReturnType<Follower['changes']>,
    upToDateCount: () => messages.filter((m) => isControlMessage(m) && m.headers.control === 'up-to-date').length,
    waitFor: (what, predicate, timeoutMs = 8_000) => waitFor(what, predicate, timeoutMs),
    stop: () => {
      stream.unsubscribeAll();
      abort.abort();
    },
  };
}

export async function waitFor(what: string, predicate: () => boolean, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** GET on the shape endpoint; returns status, headers and parsed body. */
export async function getShape(
  harness: Pick<Harness, 'shapeUrl'>,
  query: Record<string, string>,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const url = new URL(harness.shapeUrl);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : null };
}

export type RawMessage = {
  key?: string;
  value?: Record<string, string | null>;
  old_value?: Record<string, string | null>;
  headers: Record<string, unknown>;
};
