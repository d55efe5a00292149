/**
 * A stand-in for the gateway's shape endpoint (`GET /v1/shape`, Electric's HTTP protocol as
 * /work/shared/ELECTRIC.md describes it), for browser tests of a first sync. Every synced table
 * gets its snapshot in one chunk, except the held table: part of its snapshot comes first
 * (offset `0_<n>`, not up to date), and the request for the rest stays pending until the test
 * calls `release()`. Live requests are long polls answered with `up-to-date` after a while.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SYNCED_TABLES } from '../../shared/sync/protocol';
import type { TableName } from '../../shared/model/catalogue';

type Row = { id: string } & Record<string, unknown>;

/** How long a live request is held before "nothing new" (Electric holds about 20 s). */
const LIVE_POLL_MS = 20_000;

/** Postgres text forms, as Electric sends values: JSON as its text, numbers and booleans as text. */
function asText(row: Row): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [col, v] of Object.entries(row))
    out[col] = v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return out;
}

const insert = (table: TableName, row: Row) => ({
  key: `"public"."${table}"/"${row.id}"`,
  value: asText(row),
  headers: { operation: 'insert', relation: ['public', table] },
});

const UP_TO_DATE = { headers: { control: 'up-to-date', global_last_seen_lsn: '0' } };

export interface FakeShapesOptions {
  /** Snapshot rows by table; tables not named have none. */
  rows: Partial<Record<TableName, Row[]>>;
  /** The table whose snapshot stops after `after` rows until released. */
  hold: { table: TableName; after: number };
}

export function fakeShapes({ rows, hold }: FakeShapesOptions) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let heldArrived!: () => void;
  const held = new Promise<void>((resolve) => (heldArrived = resolve));
  const timers = new Set<NodeJS.Timeout>();
  let served = 0;

  const send = (res: ServerResponse, table: string, offset: string, body: unknown[], upToDate: boolean) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'electric-handle': `h-${table}`,
      'electric-offset': offset,
      'electric-schema': '{}',
      'electric-cursor': '1',
      ...(upToDate ? { 'electric-up-to-date': '' } : {}),
    });
    res.end(JSON.stringify(body));
  };

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://gateway.test');
    const table = url.searchParams.get('table') as TableName;
    const offset = url.searchParams.get('offset') ?? '-1';
    if (!SYNCED_TABLES.includes(table)) return res.writeHead(400).end('[]');
    if (url.searchParams.get('live') === 'true') {
      const timer = setTimeout(
        () => (timers.delete(timer), send(res, table, offset, [UP_TO_DATE], true)),
        LIVE_POLL_MS,
      );
      timers.add(timer);
      return;
    }
    const all = (rows[table] ?? []).map((r) => insert(table, r));
    if (table !== hold.table) {
      served += all.length;
      return send(res, table, '0_inf', [...all, UP_TO_DATE], true);
    }
    if (offset === '-1') {
      served += hold.after;
      return send(res, table, `0_${hold.after}`, all.slice(0, hold.after), false);
    }
    // The next chunk of the held snapshot: pending until the test lets the snapshot complete.
    heldArrived();
    void released.then(() => {
      served += all.length - hold.after;
      send(res, table, '0_inf', [...all.slice(hold.after), UP_TO_DATE], true);
    });
  }

  return {
    handle,
    /** Settles once the replica asked for the rest of the held snapshot (and is kept waiting). */
    held,
    release,
    /** Snapshot rows sent so far, over every table. */
    get served() {
      return served;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      release();
    },
  };
}

export type FakeShapes = ReturnType<typeof fakeShapes>;
