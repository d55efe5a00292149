/**
 * The agency gateway: sign-in, the authenticated Electric shape proxy and the mutation API,
 * as one Hono app (served by server/main.ts, called directly with app.request() in tests).
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { installPgTypeParsers } from '../db/pg/migrate';
import { MAX_BODY_BYTES } from '../shared/sync/protocol';
import { auditRoutes } from './audit-routes';
import { authRoutes } from './auth';
import { jsonError, type GatewayEnv, type GatewayOptions, type Resolved } from './context';
import { healthRoutes } from './health';
import { mutationRoutes } from './mutations';
import { scopeRoutes } from './scope';
import { shapeRoutes } from './shape-proxy';
import { DEFAULT_SIGN_IN_LIMITS } from './sign-in-limits';

export type { GatewayOptions } from './context';

/** One JSON line on stdout. */
export const stdoutLog = (entry: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(entry)}\n`);

function resolve(o: GatewayOptions): Resolved {
  return {
    pool: o.pool,
    electricUrl: o.electricUrl,
    electricSecret: o.electricSecret,
    tokenTtlDays: o.tokenTtlDays ?? 30,
    rateLimit: o.rateLimit ?? { perSecond: 20, burst: 40 },
    signInLimits: { ...DEFAULT_SIGN_IN_LIMITS, ...o.signInLimits },
    trustProxy: o.trustProxy ?? false,
    now: o.now ?? Date.now,
    log: o.log ?? stdoutLog,
    fetch: o.fetch ?? fetch,
  };
}

export function createGateway(options: GatewayOptions) {
  // Timestamps as ISO strings with milliseconds: the LWW rule and the codecs compare them.
  installPgTypeParsers();
  const opts = resolve(options);
  const app = new Hono<GatewayEnv>();

  // One log line per request: never the body, the query string or the Authorization header.
  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('logFields', {});
    await next();
    const user = c.get('user');
    opts.log({
      time: new Date(opts.now()).toISOString(),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...(user ? { user: user.id } : {}),
      ...c.get('logFields'),
    });
  });

  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        jsonError(
          c,
          413,
          'payload_too_large',
          `the request body is over ${MAX_BODY_BYTES / 1024 / 1024} MB; send fewer mutations per batch`,
        ),
    }),
  );

  healthRoutes(app, opts);
  authRoutes(app, opts);
  shapeRoutes(app, opts);
  scopeRoutes(app, opts);
  mutationRoutes(app, opts);
  auditRoutes(app, opts);

  app.notFound((c) => jsonError(c, 404, 'not_found', `no such endpoint: ${c.req.method} ${c.req.path}`));
  app.onError((err, c) => {
    c.set('logFields', { ...c.get('logFields'), error: err.message.slice(0, 300) });
    return jsonError(
      c,
      500,
      'internal',
      'the server failed to handle this request; nothing unanswered was recorded, so it is safe to retry',
    );
  });
  return app;
}

export type Gateway = ReturnType<typeof createGateway>;
