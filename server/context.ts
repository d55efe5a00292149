/** What every gateway route shares: its options, the request's variables and the error answer. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type pg from 'pg';
import type { HttpError, SessionUser } from '../shared/sync/protocol';
import type { SignInLimits } from './sign-in-limits';

export interface GatewayOptions {
  pool: pg.Pool;
  /** Electric's base URL, e.g. http://localhost:3000 (no trailing /v1). */
  electricUrl: string;
  /** Electric's ELECTRIC_SECRET, sent as `secret` on every shape request. */
  electricSecret?: string;
  /** How long a session token works (days). Default 30. */
  tokenTtlDays?: number;
  /** Mutation requests per user: sustained rate per second and burst. Default 20/s, burst 40. */
  rateLimit?: { perSecond: number; burst: number };
  /** Sign-in limits per address, server, device and email (server/sign-in-limits.ts); each part defaults on its own. */
  signInLimits?: Partial<SignInLimits>;
  /**
   * The gateway sits behind a reverse proxy that appends the client's address to
   * X-Forwarded-For: sign-in limits per address use that entry (the last) instead of the
   * socket's peer, which would be the proxy for everyone. Default false.
   */
  trustProxy?: boolean;
  /** The clock, in ms since the epoch (tests move it). */
  now?: () => number;
  /** Receives one structured entry per request. Default: a JSON line on stdout. */
  log?: (entry: Record<string, unknown>) => void;
  /** The fetch used to reach Electric. */
  fetch?: typeof fetch;
}

export type Resolved = Required<Omit<GatewayOptions, 'electricSecret' | 'signInLimits'>> &
  Pick<GatewayOptions, 'electricSecret'> & { signInLimits: SignInLimits };

export type GatewayEnv = {
  Variables: {
    user: SessionUser;
    /** Extra fields for this request's log line (never PII). */
    logFields: Record<string, unknown>;
  };
};

export type GatewayContext = Context<GatewayEnv>;

export function jsonError(c: Context, status: ContentfulStatusCode, code: string, message: string, field?: string) {
  const body: HttpError = { error: field === undefined ? { code, message } : { code, message, field } };
  return c.json(body, status);
}

/**
 * The address the request came from: the TCP peer (@hono/node-server passes the socket in the
 * env; tests calling app.request() pass one), or with `trustProxy` the last X-Forwarded-For
 * entry, the one our own proxy added (earlier entries are whatever the client claimed).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

export function addLogFields(c: GatewayContext, fields: Record<string, unknown>) {
  c.set('logFields', { ...(c.get('logFields') ?? {}), ...fields });
}
