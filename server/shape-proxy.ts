/**
 * GET /v1/shape: Electric's shape API behind the gateway's auth. The client picks the table
 * and Electric's protocol parameters only; what rows the shape holds (where, params, columns)
 * and the secret are set here, so no request can widen a user's scope.
 */
import type { Hono } from 'hono';
import { TABLES } from '../shared/model/catalogue';
import { isSyncedTable, SCOPE_HEADER, SHAPE_PROTOCOL_PARAMS } from '../shared/sync/protocol';
import { scopeWhere } from '../shared/sync/scope';
import { requireUser } from './auth';
import { addLogFields, jsonError, type GatewayEnv, type Resolved } from './context';
import { scopeFingerprint } from './scope';

/** Headers not passed back: the body is re-encoded by this server, and hop-by-hop ones. */
const DROPPED_HEADERS = new Set([
  'content-encoding',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
]);

/** Columns streamed for `users`: the catalogue's, named explicitly so a credential column never rides along. */
const USER_COLUMNS = Object.keys(TABLES.users.columns).join(',');

export function shapeUrl(
  base: string,
  table: string,
  query: URLSearchParams,
  scope: ReturnType<typeof scopeWhere>,
  secret?: string,
): URL {
  const url = new URL(`${base.replace(/\/+$/, '')}/v1/shape`);
  url.searchParams.set('table', table);
  for (const name of SHAPE_PROTOCOL_PARAMS) {
    const value = query.get(name);
    if (value !== null) url.searchParams.set(name, value);
  }
  if (scope.where) url.searchParams.set('where', scope.where);
  for (const [n, v] of Object.entries(scope.params ?? {})) url.searchParams.set(`params[${n}]`, v);
  if (table === 'users') url.searchParams.set('columns', USER_COLUMNS);
  if (secret) url.searchParams.set('secret', secret);
  return url;
}

export function shapeRoutes(app: Hono<GatewayEnv>, opts: Resolved) {
  app.get('/v1/shape', requireUser(opts), async (c) => {
    const user = c.get('user');
    // On every answer, errors included: a stored handle of the previous scope gets a 400 from
    // Electric, and this header tells the replica why (server/scope.ts).
    c.header(SCOPE_HEADER, scopeFingerprint(user));
    const query = new URL(c.req.url).searchParams;
    const table = query.get('table') ?? '';
    if (!isSyncedTable(table)) {
      return jsonError(
        c,
        400,
        'invalid_input',
        table ? `table: "${table.slice(0, 60)}" is not a synced table` : 'table: is required',
        'table',
      );
    }
    addLogFields(c, { table, live: query.get('live') === 'true' });
    const url = shapeUrl(
      opts.electricUrl,
      table,
      query,
      scopeWhere(user.role, user.id, user.team_id, table),
      opts.electricSecret,
    );

    let upstream: Response;
    try {
      // The client hanging up (a long poll it abandons) aborts the upstream request too.
      upstream = await opts.fetch(url, { signal: c.req.raw.signal, headers: { accept: 'application/json' } });
    } catch (err) {
      if (c.req.raw.signal.aborted) return new Response(null, { status: 499 }); // client closed the request
      addLogFields(c, { upstream_error: (err as Error).message });
      return jsonError(c, 502, 'unavailable', 'the sync service (Electric) cannot be reached; try again shortly');
    }
    const headers = new Headers();
    upstream.headers.forEach((value, name) => {
      if (!DROPPED_HEADERS.has(name.toLowerCase())) headers.append(name, value);
    });
    // Answers differ per signed-in user: caches must key on the token too.
    headers.set(SCOPE_HEADER, scopeFingerprint(user));
    const vary = headers.get('vary');
    headers.set('vary', vary ? `${vary}, Authorization` : 'Authorization');
    return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers });
  });
}
