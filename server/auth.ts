/**
 * Sign-in, sign-out and the bearer-token check every other route sits behind. Every sign-in
 * that reaches the password check is written to the audit ledger (refusals for too many
 * attempts are not: they are in the request log, and must not let a flood grow the ledger).
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { signInRequest, type SessionUser, type SignInResponse } from '../shared/sync/protocol';
import { appendLedger } from './audit';
import { addLogFields, clientAddress, jsonError, type GatewayContext, type GatewayEnv, type Resolved } from './context';
import { hashToken, newSessionToken, verifyPassword } from './passwords';
import { readJson } from './read-json';
import { SignInGuard } from './sign-in-limits';

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
  const guard = new SignInGuard(opts.signInLimits, opts.now);

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
    const { email, password, device_token: deviceToken } = parsed.data;
    const address = clientAddress(c, opts.trustProxy);
    const { rows } = await opts.pool.query<UserRow & { password_hash: string | null; known_device: boolean }>(
      `SELECT ${USER_COLUMNS}, c.password_hash,
              EXISTS (SELECT 1 FROM known_devices d WHERE d.token_hash = $2 AND d.user_id = u.id) AS known_device
         FROM users u LEFT JOIN user_credentials c ON c.user_id = u.id
        WHERE lower(u.email) = lower($1) ORDER BY (u.email = $1) DESC, u.deleted_at NULLS FIRST LIMIT 1`,
      [email, deviceToken ? hashToken(deviceToken) : null],
    );
    const user = rows[0];
    const known = user?.known_device ? hashToken(deviceToken!) : undefined;
    const allowed = guard.admit(email, address, known);
    if (!allowed.ok) {
      c.header('Retry-After', String(allowed.retryAfterSeconds));
      addLogFields(c, { limited: allowed.why });
      return jsonError(c, 429, 'rate_limited', `${allowed.why}; try again in ${allowed.retryAfterSeconds} s`);
    }
    const at = new Date(opts.now()).toISOString();
    const audit = (outcome: string) =>
      appendLedger(opts.pool, [
        {
          kind: 'sign_in',
          user_id: user?.id ?? null,
          at,
          detail: { outcome, address, known_device: known !== undefined },
        },
      ]);
    if (!(await verifyPassword(password, user?.password_hash))) {
      guard.failed(email);
      await audit('invalid_credentials');
      return unauthorized(c, 'invalid_credentials', 'the email or password is wrong');
    }
    guard.succeeded(email, known !== undefined);
    if (!user!.is_active || user!.deleted_at) {
      await audit('account_disabled');
      return unauthorized(c, 'account_disabled', 'this account is deactivated; ask an agency administrator');
    }
    const token = newSessionToken();
    const device = known ? deviceToken! : newSessionToken();
    const now = opts.now();
    const expiresAt = new Date(now + opts.tokenTtlDays * DAY_MS).toISOString();
    await opts.pool.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2', [user!.id, at]);
    await opts.pool.query(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [hashToken(token), user!.id, at, expiresAt],
    );
    await opts.pool.query(
      `INSERT INTO known_devices (token_hash, user_id, created_at, last_used_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (token_hash) DO UPDATE SET last_used_at = EXCLUDED.last_used_at`,
      [hashToken(device), user!.id, at],
    );
    await audit('ok');
    c.set('user', publicUser(user!));
    const answer: SignInResponse = { token, expires_at: expiresAt, user: publicUser(user!), device_token: device };
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
