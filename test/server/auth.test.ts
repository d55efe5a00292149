import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, hashToken, verifyPassword } from '../../server/passwords';
import { PASSWORD, startTestGateway, type TestGateway } from './helpers';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({
    signInLimits: { perEmail: { freeFailures: 5, baseDelaySeconds: 60, maxDelaySeconds: 900 } },
  });
});
afterAll(async () => {
  await gw?.close();
});

const signIn = (body: unknown, type = 'application/json') =>
  gw.app.request('/v1/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const me = (token?: string) =>
  gw.app.request('/v1/mutations', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ mutations: [] }),
  });

describe('passwords', () => {
  it('are stored as scrypt$N$r$p$salt$hash with a random salt, and verified', async () => {
    const a = await hashPassword('s3cret-pass');
    const b = await hashPassword('s3cret-pass');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('s3cret-pass', a)).toBe(true);
    expect(await verifyPassword('s3cret-pasS', a)).toBe(false);
    expect(await verifyPassword('s3cret-pass', null)).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$whatever')).toBe(false);
  });

  it('live only in user_credentials, never in users', async () => {
    const cols = await gw.q<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'users'`,
    );
    expect(cols.map((c) => c.column_name).filter((c) => /pass|hash|secret/.test(c))).toEqual([]);
    const [cred] = await gw.q<{ password_hash: string }>(
      'SELECT password_hash FROM user_credentials WHERE user_id = $1',
      [gw.users.agentN.id],
    );
    expect(cred!.password_hash.startsWith('scrypt$')).toBe(true);
  });
});

describe('POST /v1/auth/sign-in', () => {
  it('answers a token and the user, and stores only the token hash with a 30-day expiry', async () => {
    const res = await signIn({ email: 'ANN@north.test', password: PASSWORD });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; expires_at: string; user: Record<string, unknown> };
    expect(body.token).toMatch(/^[\w-]{43}$/);
    expect(body.user).toEqual(gw.users.agentN);
    const rows = await gw.q<{ token_hash: string; expires_at: string }>(
      'SELECT token_hash, expires_at FROM sessions WHERE user_id = $1',
      [gw.users.agentN.id],
    );
    expect(rows.map((r) => r.token_hash)).toContain(hashToken(body.token));
    expect(rows.some((r) => r.token_hash === body.token)).toBe(false);
    expect(Date.parse(body.expires_at) - gw.clock.ms).toBe(30 * 86_400_000);
    expect(JSON.stringify(gw.logs)).not.toContain(body.token);
    expect(JSON.stringify(gw.logs)).not.toContain(PASSWORD);
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    for (const body of [
      { email: 'ann@north.test', password: 'wrong password' },
      { email: 'nobody@north.test', password: PASSWORD },
    ]) {
      const res = await signIn(body);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: { code: 'invalid_credentials', message: 'the email or password is wrong' },
      });
    }
  });

  it('refuses deactivated and soft-deleted users, even with the right password', async () => {
    await gw.q('UPDATE users SET is_active = false WHERE id = $1', [gw.users.agentS.id]);
    const inactive = await signIn({ email: 'sam@south.test', password: PASSWORD });
    expect(inactive.status).toBe(401);
    expect(((await inactive.json()) as { error: { code: string } }).error.code).toBe('account_disabled');
    await gw.q('UPDATE users SET is_active = true, deleted_at = now() WHERE id = $1', [gw.users.agentS.id]);
    expect((await signIn({ email: 'sam@south.test', password: PASSWORD })).status).toBe(401);
    await gw.q('UPDATE users SET deleted_at = NULL WHERE id = $1', [gw.users.agentS.id]);
  });

  it('answers 400 / 415 for malformed requests', async () => {
    expect((await signIn({ email: 'ann@north.test' })).status).toBe(400);
    expect((await signIn('{not json')).status).toBe(400);
    expect((await signIn({ email: 'a', password: 'b' }, 'text/plain')).status).toBe(415);
  });

  it('limits sign-in attempts per email (429 with Retry-After)', async () => {
    let res: Response | undefined;
    for (let i = 0; i < 8; i++) res = await signIn({ email: 'max@north.test', password: 'guess' + i });
    expect(res!.status).toBe(429);
    expect(Number(res!.headers.get('retry-after'))).toBeGreaterThan(0);
    gw.clock.ms += 10 * 60_000;
    expect((await signIn({ email: 'max@north.test', password: PASSWORD })).status).toBe(200);
  });
});

describe('bearer tokens', () => {
  it('without one, or with a made-up one, requests get 401 with a clear message', async () => {
    const none = await me();
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await none.json()) as { error: { message: string } }).error.message).toMatch(/Authorization: Bearer/);
    const bogus = await me('x'.repeat(43));
    expect(bogus.status).toBe(401);
    expect(((await bogus.json()) as { error: { code: string } }).error.code).toBe('invalid_token');
  });

  it('expire after the TTL', async () => {
    const token = await gw.signIn('ann@north.test');
    expect((await me(token)).status).toBe(400); // authenticated: the empty batch is what is wrong
    gw.clock.ms += 29 * 86_400_000;
    expect((await me(token)).status).toBe(400);
    gw.clock.ms += 2 * 86_400_000;
    const expired = await me(token);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('session_expired');
  });

  it('stop working when the user is deactivated, and after sign-out', async () => {
    const token = await gw.signIn('sam@south.test');
    await gw.q('UPDATE users SET is_active = false WHERE id = $1', [gw.users.agentS.id]);
    expect((await me(token)).status).toBe(401);
    await gw.q('UPDATE users SET is_active = true WHERE id = $1', [gw.users.agentS.id]);
    expect((await me(token)).status).toBe(400);
    const out = await gw.app.request('/v1/auth/sign-out', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.status).toBe(200);
    expect((await me(token)).status).toBe(401);
  });

  it('follow role and team changes at once (read from users on every request)', async () => {
    const token = await gw.signIn('ann@north.test');
    await gw.q(`UPDATE users SET role = 'manager' WHERE id = $1`, [gw.users.agentN.id]);
    const res = await gw.app.request('/v1/shape?table=leads&offset=-1', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(gw.upstream.requests.at(-1)!.url.searchParams.get('where')).toBe('(owner_id = $1 OR team_id = $2)');
    await gw.q(`UPDATE users SET role = 'agent' WHERE id = $1`, [gw.users.agentN.id]);
  });
});
