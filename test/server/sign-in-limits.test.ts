/**
 * Sign-in limits on the real gateway and Postgres: a stranger's failed guesses slow an email
 * down (a delay that grows) but never lock its owner out of a known device; guesses at many
 * emails are limited per source address and across the server; every sign-in that reached the
 * password check is in the audit ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../electron/main/app';
import { signIn as replicaSignIn } from '../../electron/main/sync/session';
import { createGateway } from '../../server/app';
import { readConfig } from '../../server/config';
import { PASSWORD, startTestGateway, type TestGateway } from './helpers';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
});

/** A sign-in as if from `address` (the socket's peer, as @hono/node-server passes it). */
async function signIn(
  address: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
  app = gw.app,
) {
  const res = await app.request(
    '/v1/auth/sign-in',
    { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) },
    { incoming: { socket: { remoteAddress: address } } },
  );
  return {
    status: res.status,
    retryAfter: Number(res.headers.get('retry-after') ?? 0),
    body: (await res.json()) as { device_token?: string; error?: { message: string } },
  };
}

describe('per email', () => {
  it('failures from a stranger slow the email down, but its owner still signs in from a known device', async () => {
    const home = await signIn('10.0.0.1', { email: 'max@north.test', password: PASSWORD });
    expect(home.status).toBe(200);
    const device = home.body.device_token!;
    expect(device).toMatch(/^[\w-]{43}$/);

    // A stranger, from many addresses (so no per-address limit helps), tries ten passwords.
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await signIn(`203.0.113.${i}`, { email: 'max@north.test', password: `guess-${i}` });
      if (r.status === 429) {
        waits.push(r.retryAfter);
        gw.clock.ms += r.retryAfter * 1000; // the stranger waits and goes on
        expect((await signIn(`203.0.113.${i}`, { email: 'max@north.test', password: `guess-${i}` })).status).toBe(401);
      } else expect(r.status).toBe(401);
    }
    // The delay grows with each failure past the free ones.
    expect(waits.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThan(waits[i - 1]!);

    // Right now an unknown device must wait, even with the right password…
    const unknown = await signIn('198.51.100.7', { email: 'max@north.test', password: PASSWORD });
    expect(unknown.status).toBe(429);
    expect(unknown.body.error!.message).toMatch(/failed sign-ins for this email/);
    // …but the owner's known device is not slowed down by the stranger.
    const known = await signIn('10.0.0.1', { email: 'max@north.test', password: PASSWORD, device_token: device });
    expect(known.status).toBe(200);
    expect(known.body.device_token).toBe(device);
    // A made-up device token is an unknown device.
    gw.clock.ms += 1000;
    const fake = await signIn('10.0.0.1', {
      email: 'max@north.test',
      password: 'guess-x',
      device_token: 'f'.repeat(43),
    });
    expect(fake.status).toBe(429);
  });

  it('a device token is known for its own user only', async () => {
    const ann = await signIn('10.0.0.2', { email: 'ann@north.test', password: PASSWORD });
    for (let i = 0; i < 6; i++) await signIn('203.0.113.50', { email: 'ada@agency.test', password: `guess-${i}` });
    gw.clock.ms += 1000;
    const borrowed = await signIn('10.0.0.2', {
      email: 'ada@agency.test',
      password: PASSWORD,
      device_token: ann.body.device_token,
    });
    expect(borrowed.status).toBe(429);
    gw.clock.ms += 60 * 60_000;
    expect((await signIn('10.0.0.2', { email: 'ada@agency.test', password: PASSWORD })).status).toBe(200);
  });
});

describe('per address and server-wide', () => {
  it('password spraying from one address (a guess at each of many emails) is limited', async () => {
    gw.clock.ms += 60 * 60_000;
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      statuses.push((await signIn('192.0.2.1', { email: `user${i}@spray.test`, password: 'Summer2025!' })).status);
    }
    const firstLimited = statuses.indexOf(429);
    expect(firstLimited).toBeGreaterThan(0);
    expect(firstLimited).toBeLessThanOrEqual(20);
    expect(statuses.slice(firstLimited).every((s) => s === 429)).toBe(true);
    // A client cannot claim another address: X-Forwarded-For counts only behind a trusted proxy.
    const spoofed = await signIn(
      '192.0.2.1',
      { email: 'x@spray.test', password: 'y' },
      { 'x-forwarded-for': '1.2.3.4' },
    );
    expect(spoofed.status).toBe(429);
    // Another address is not affected.
    expect((await signIn('192.0.2.2', { email: 'sam@south.test', password: PASSWORD })).status).toBe(200);
  });

  it('spraying from many addresses is limited server-wide, yet known devices still sign in', async () => {
    gw.clock.ms += 60 * 60_000;
    const home = await signIn('10.0.0.3', { email: 'sam@south.test', password: PASSWORD });
    gw.clock.ms += 1000; // the server-wide bucket gets back the token that sign-in took
    const statuses: number[] = [];
    for (let i = 0; i < 120; i++) {
      statuses.push((await signIn(`100.64.${i >> 8}.${i & 255}`, { email: `u${i}@spray.test`, password: 'x' })).status);
    }
    const limited = statuses.filter((s) => s === 429).length;
    expect(limited).toBeGreaterThanOrEqual(50);
    expect(statuses.slice(0, 60).every((s) => s === 401)).toBe(true);
    const known = await signIn('10.0.0.3', {
      email: 'sam@south.test',
      password: PASSWORD,
      device_token: home.body.device_token,
    });
    expect(known.status).toBe(200);
  });
});

describe('the replica (desktop app and CLI)', () => {
  it('keeps the device token per server and email and sends it, so a stranger cannot lock it out', async () => {
    gw.clock.ms += 60 * 60_000;
    const dir = mkdtempSync(join(tmpdir(), 'fieldline-device-'));
    const app = openApp(join(dir, 'replica.db'));
    // The replica reaches the gateway from its own address.
    const viaGateway: typeof fetch = (input, init) =>
      Promise.resolve(
        gw.app.request(String(input).replace('http://gw.test', ''), init, {
          incoming: { socket: { remoteAddress: '10.0.0.9' } },
        }),
      );
    try {
      await replicaSignIn(app.db, 'http://gw.test', 'ann@north.test', PASSWORD, viaGateway);
      for (let i = 0; i < 8; i++)
        await signIn(`203.0.113.${100 + i}`, { email: 'ann@north.test', password: `nope-${i}` });
      expect((await signIn('10.0.0.10', { email: 'ann@north.test', password: PASSWORD })).status).toBe(429);
      const again = await replicaSignIn(app.db, 'http://gw.test', 'ANN@north.test', PASSWORD, viaGateway);
      expect(again.user.id).toBe(gw.users.agentN.id);
    } finally {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('behind a trusted proxy', () => {
  it('is off unless TRUST_PROXY says true', () => {
    expect(readConfig([], {}).trustProxy).toBe(false);
    expect(readConfig([], { TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(readConfig([], { TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(() => readConfig([], { TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY must be true or false/);
  });

  it("limits by the proxy's last X-Forwarded-For entry, not by the proxy's own address", async () => {
    gw.clock.ms += 60 * 60_000;
    const behind = createGateway({
      pool: gw.pool,
      electricUrl: gw.upstream.url,
      now: () => gw.clock.ms,
      log: () => {},
      trustProxy: true,
      signInLimits: { perAddress: { burst: 3, perSecond: 0.01 } },
    });
    const from = (client: string) =>
      signIn(
        '10.9.9.9',
        { email: 'nobody@proxy.test', password: 'x' },
        { 'x-forwarded-for': `6.6.6.6, ${client}` },
        behind,
      );
    const one = [
      await from('198.18.0.1'),
      await from('198.18.0.1'),
      await from('198.18.0.1'),
      await from('198.18.0.1'),
    ];
    expect(one.map((r) => r.status)).toEqual([401, 401, 401, 429]);
    expect((await from('198.18.0.2')).status).toBe(401);
  });
});

describe('the audit ledger', () => {
  it('holds every sign-in that reached the password check, with its outcome and no password or email', async () => {
    const rows = await gw.q<{ user_id: string | null; detail: Record<string, unknown> }>(
      `SELECT user_id, detail FROM audit_ledger WHERE kind = 'sign_in' ORDER BY seq`,
    );
    const outcomes = rows.map((r) => r.detail.outcome);
    expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThanOrEqual(6);
    expect(outcomes.filter((o) => o === 'invalid_credentials').length).toBeGreaterThanOrEqual(10);
    const known = rows.find((r) => r.detail.known_device === true);
    expect(known).toMatchObject({ user_id: gw.users.managerN.id, detail: { outcome: 'ok', address: '10.0.0.1' } });
    const text = JSON.stringify(rows);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('spray.test');
    expect(text).not.toContain('guess-');
  });
});
