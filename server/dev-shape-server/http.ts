/**
 * HTTP side of the dev Electric: `GET /v1/health` and `GET /v1/shape`
 * (initial sync in chunks, catch-up, long-polling `live=true`, 409
 * must-refetch for unknown handles), written on plain `node:http` so long
 * polls and streamed snapshot chunks stay simple.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChangeFeed } from './change-feed';
import { formatOffset } from './offsets';
import { parseShapeRequest, type ShapeRequest } from './request';
import type { ServedTables } from './served';
import type { ReadResult, Shape } from './shape';
import type { ShapeRegistry } from './shapes';
import { streamSnapshotRows } from './snapshot';
import { schemaHeader } from './tables';

export interface ShapeHttpOptions {
  registry: ShapeRegistry;
  feed: ChangeFeed;
  longPollMs: number;
  /** Snapshot rows / log messages per response. */
  chunkRows: number;
  /** Every shape request must carry it as `secret` (401 otherwise). */
  secret: string;
  served: ServedTables;
  /** Aborted when the server stops: ends pending long polls. */
  shutdown: AbortSignal;
}

/** No CORS headers: only the gateway, a server-side client, talks to this server, never a browser page. */
const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
};

const COMMA = Buffer.from(',');
const MUST_REFETCH = '[{"headers":{"control":"must-refetch"}}]';

// Electric's live cursor: the next long-poll interval boundary in seconds since 2024-10-09.
const CURSOR_EPOCH_S = Date.UTC(2024, 9, 9) / 1000;

function nextCursor(longPollMs: number, previous: string | null): string {
  const interval = Math.max(1, Math.round(longPollMs / 1000));
  const now = Math.floor(Date.now() / 1000) - CURSOR_EPOCH_S;
  let next = Math.ceil(now / interval) * interval;
  if (String(next) === previous) next += 1 + Math.floor(Math.random() * 3600);
  return String(next);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { ...BASE_HEADERS, ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Resolves when `res` can take more data; false when the client went away. */
function drained(res: ServerResponse): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

async function write(res: ServerResponse, chunk: string | Buffer): Promise<boolean> {
  if (res.destroyed) return false;
  return res.write(chunk) || drained(res);
}

export function createShapeHandler(options: ShapeHttpOptions) {
  const { registry, feed } = options;

  async function respond(res: ServerResponse, shape: Shape, request: ShapeRequest, read: ReadResult): Promise<void> {
    if (res.destroyed) return;
    const headers: Record<string, string> = {
      'electric-handle': shape.handle,
      'electric-offset': formatOffset(read.offset),
    };
    if (request.live) headers['electric-cursor'] = nextCursor(options.longPollMs, request.cursor);
    else headers['electric-schema'] = JSON.stringify(schemaHeader(shape.spec.meta, shape.spec.columns));
    if (read.upToDate) headers['electric-up-to-date'] = '';
    // Taken in the same tick as `read`, so it never claims changes the response lacks.
    const upToDate = read.upToDate
      ? JSON.stringify({ headers: { control: 'up-to-date', global_last_seen_lsn: feed.lastSeenLsn.toString() } })
      : null;
    const rows =
      read.snapshot && shape.file ? streamSnapshotRows(shape.file, read.snapshot.from, read.snapshot.to) : null;

    res.writeHead(200, { ...BASE_HEADERS, ...headers });
    if (!(await write(res, '['))) return;
    let needComma = false;
    /** Writes one message (or a run of them); `continues` = the rest of a run already started. */
    const emit = (chunk: string | Buffer, continues = false) => {
      const data = needComma && !continues ? Buffer.concat([COMMA, Buffer.from(chunk)]) : chunk;
      needComma = true;
      return write(res, data);
    };
    if (rows) {
      let continues = false;
      for await (const chunk of rows) {
        if (!(await emit(chunk as Buffer, continues))) return void rows.destroy();
        continues = true;
      }
    }
    for (let i = 0; i < read.entries.length; i += 500) {
      if (!(await emit(read.entries.slice(i, i + 500).join(',')))) return;
    }
    if (upToDate && !(await emit(upToDate))) return;
    res.end(']');
  }

  function mustRefetch(res: ServerResponse, request: ShapeRequest): void {
    if (options.shutdown.aborted) return sendJson(res, 503, { message: 'shutting down' }, { 'retry-after': '1' });
    const fresh = registry.getOrCreate(request.definition);
    sendJson(res, 409, MUST_REFETCH, { 'electric-handle': fresh.handle });
  }

  async function handleShape(url: URL, res: ServerResponse): Promise<void> {
    const parsed = await parseShapeRequest(url.searchParams, {
      secret: options.secret,
      table: (t) => registry.table(t),
      served: options.served,
    });
    if (!parsed.ok) return sendJson(res, parsed.status, parsed.body);
    const { request } = parsed;
    const { definition } = request;

    let shape: Shape;
    const known = request.handle ? registry.get(request.handle) : undefined;
    if (request.offset === 'now' || request.offset.tx < 0n) {
      // A start request ignores a handle that is unknown or for another definition.
      shape = known && known.definition.key === definition.key ? known : registry.getOrCreate(definition);
    } else if (!known) {
      return mustRefetch(res, request);
    } else if (known.definition.key !== definition.key) {
      return sendJson(res, 400, {
        message:
          'The specified shape definition and handle do not match. Please ensure the shape definition is correct or omit the shape handle from the request to obtain a new one.',
        errors: { handle: ['belongs to another shape definition'] },
      });
    } else {
      shape = known;
    }

    try {
      await registry.whenReady(shape);
    } catch (error) {
      return sendJson(res, 500, { message: `could not create the shape: ${(error as Error).message}` });
    }
    // Reflect every transaction committed before this request arrived.
    await feed.catchUp();
    if (shape.invalidated) return mustRefetch(res, request);

    if (request.offset === 'now') {
      const head = shape.headOffset();
      return respond(res, shape, request, { snapshot: null, entries: [], offset: head, upToDate: true });
    }
    const offset = request.offset;
    let read = shape.read(offset, options.chunkRows);
    if (request.live && !read.snapshot && read.entries.length === 0) {
      const gone = new AbortController();
      const onClose = () => gone.abort();
      res.on('close', onClose);
      options.shutdown.addEventListener('abort', onClose, { once: true });
      if (options.shutdown.aborted) gone.abort();
      await shape.wait(options.longPollMs, gone.signal);
      res.off('close', onClose);
      options.shutdown.removeEventListener('abort', onClose);
      if (res.destroyed) return;
      if (shape.invalidated) return mustRefetch(res, request);
      read = shape.read(offset, options.chunkRows);
    }
    return respond(res, shape, request, read);
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://dev-electric');
      if (url.pathname === '/v1/health') {
        return sendJson(res, req.method === 'GET' ? 200 : 405, { status: 'active' });
      }
      if (url.pathname === '/v1/shape') {
        if (options.shutdown.aborted) return sendJson(res, 503, { message: 'shutting down' }, { 'retry-after': '1' });
        if (req.method !== 'GET') return sendJson(res, 405, { message: 'only GET is supported' });
        return await handleShape(url, res);
      }
      return sendJson(res, 404, { message: 'Not found' });
    } catch (error) {
      if (!res.headersSent) sendJson(res, 500, { message: (error as Error).message });
      else res.destroy(error as Error);
    }
  };
}
