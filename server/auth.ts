/** Sign-in, sign-out and the bearer-token check every other route sits behind. */
import type { Hono, MiddlewareHandler } from 'hono';
import { signInRequest, type SessionUser, type SignInResponse } from '../shared/sync/protocol';
import { addLogFields, jsonError, type GatewayContext, type GatewayEnv, type Resolved } from './context';
import { hashToken, newSessionToken, verifyPassword } from './passwords';
import { RateLimiter } from './rate-limit';
import { readJson } from './read-json';

const DAY_MS = 86_400_000;

type UserRow = SessionUser & { is_active: boolean; deleted_at: string | null };

const USER_COLUMNS = 'u.id, u.email, u.full_name, u.role, u.team_id, u.is_active, u.deleted_at';

const publicUser = (u: UserRow): SessionUser => ({
  id: u.id,
  email: u.email,
  full_name: u.full_name,
  role: u.role,
  team_id: u.team_id,
});

function unauthorized(c: GatewayContext, code: string, message: string) {
  c.header('WWW-Authenticate', 'Bearer');
  return jsonError(c, 401, code, message);
}

export function authRoutes(app: Hono<GatewayEnv>, opts: Resolved) {
  const attempts = new RateLimiter(1 / opts.signInLimit.refillSeconds, opts.signInLimit.burst, opts.now);

  app.post('/v1/auth/sign-in', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const parsed = signInRequest.safeParse(body.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.');
      return jsonError(
        c,
        400,
        'invalid_input',
        field ? `${field}: ${issue.message}` : issue.message,
        field || undefined,
      );
    }
    const { email, password } = parsed.data;
    const allowed = attempts.take(email.toLowerCase());
    if (!allowed.ok) {
      c.header('Retry-After', String(allowed.retryAfterSeconds));
      return jsonError(
        c,
        429,
        'rate_limited',
        `too many sign-in attempts for this email; try again in ${allowed.retryAfterSeconds} s`,
      );
    }
    const { rows } = await opts.pool.query<UserRow & { password_hash: string | null }>(
      `SELECT ${USER_COLUMNS}, c.password_hash FROM users u LEFT JOIN user_credentials c ON c.user_id = u.id
       WHERE lower(u.email) = lower($1) ORDER BY (u.email = $1) DESC, u.deleted_at NULLS FIRST LIMIT 1`,
      [email],
    );
    const user = rows[0];
    if (!(await verifyPassword(password, user?.password_hash))) {
      return unauthorized(c, 'invalid_credentials', 'the email or password is wrong');
    }
    if (!user!.is_active || user!.deleted_at) {
      return unauthorized(c, 'account_disabled', 'this account is deactivated; ask an agency administrator');
    }
    const token = newSessionToken();
    const now = opts.now();
    const expiresAt = new Date(now + opts.tokenTtlDays * DAY_MS).toISOString();
    await opts.pool.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2', [
      user!.id,
      new Date(now).toISOString(),
    ]);
    await opts.pool.query(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [hashToken(token), user!.id, new Date(now).toISOString(), expiresAt],
    );
    c.set('user', publicUser(user!));
    const answer: SignInResponse = { token, expires_at: expiresAt, user: publicUser(user!) };
    return c.json(answer);
  });

  app.post('/v1/auth/sign-out', requireUser(opts), async (c) => {
    const token = bearerToken(c.req.header('authorization'))!;
    await opts.pool.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
    return c.json({ ok: true });
  });
}

function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+([A-Za-z0-9_-]{16,200})\s*$/i.exec(header ?? '');
  return m?.[1];
}

/** Resolves `Authorization: Bearer <token>` to the signed-in user (role and team read fresh). */
export function requireUser(opts: Resolved): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token)
      return unauthorized(c, 'unauthenticated', 'sign in first and send the token as "Authorization: Bearer <token>"');
    const { rows } = await opts.pool.query<UserRow & { expires_at: string }>(
      `SELECT s.expires_at, ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) return unauthorized(c, 'invalid_token', 'this session token is not valid; sign in again');
    if (Date.parse(row.expires_at) <= opts.now())
      return unauthorized(c, 'session_expired', 'this session has expired; sign in again');
    if (!row.is_active || row.deleted_at)
      return unauthorized(c, 'account_disabled', 'this account is deactivated; ask an agency administrator');
    c.set('user', publicUser(row));
    addLogFields(c, { user: row.id });
    await next();
  };
}
