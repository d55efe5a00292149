/** The pure pieces: scope, last-writer-wins, the wire schemas, the rate limiter, config. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { TABLE_NAMES, TABLES } from '../../shared/model/catalogue';
import { decideLww, sameValue, type LwwInput } from '../../shared/sync/lww';
import { mutationAnswer, mutationBatch, SYNCED_TABLES } from '../../shared/sync/protocol';
import { scopeWhere } from '../../shared/sync/scope';
import { readConfig, redactUrl } from '../../server/config';
import { rejectionOf } from '../../server/pg-errors';
import { RateLimiter } from '../../server/rate-limit';

const U = '0190aaaa-0000-7000-8000-000000000001';
const T = '0190bbbb-0000-7000-8000-000000000002';

describe('scopeWhere', () => {
  it('gives agents their own rows, staff and managers their team too, admins everything', () => {
    expect(scopeWhere('agent', U, T, 'leads')).toEqual({ where: 'owner_id = $1', params: { '1': U } });
    for (const role of ['staff', 'manager'] as const) {
      expect(scopeWhere(role, U, T, 'clients')).toEqual({
        where: '(owner_id = $1 OR team_id = $2)',
        params: { '1': U, '2': T },
      });
      expect(scopeWhere(role, U, null, 'clients')).toEqual({ where: 'owner_id = $1', params: { '1': U } });
    }
    expect(scopeWhere('admin', U, T, 'leads')).toEqual({});
  });

  it('sends agency tables (lookups, users, teams) whole to everyone, and knows every synced table', () => {
    for (const table of SYNCED_TABLES) {
      const scope = scopeWhere('agent', U, T, table);
      expect(scope, table).toEqual(
        TABLES[table].scope === 'agency' ? {} : { where: 'owner_id = $1', params: { '1': U } },
      );
    }
    expect(SYNCED_TABLES).toEqual(TABLE_NAMES);
    expect(() => scopeWhere('admin', U, T, 'user_credentials')).toThrow(/not a synced table/);
  });
});

describe('decideLww', () => {
  const input = (over: Partial<LwwInput>): LwwInput => ({
    table: 'leads',
    rowId: 'r1',
    patch: {},
    current: { first_name: 'Srv', phone: '1', email: 'a@x' },
    versions: {},
    at: '2025-01-01T10:00:00.000Z',
    mutationId: 'm5',
    ...over,
  });

  it('applies fields with no newer write, and loses those a newer edit already won', () => {
    const d = decideLww(
      input({
        patch: { first_name: 'Mine', phone: '2', email: 'b@x' },
        versions: {
          first_name: { at: '2025-01-01T11:00:00.000Z', mutationId: 'm1' },
          phone: { at: '2025-01-01T09:00:00.000Z', mutationId: 'm9' },
        },
      }),
    );
    expect(d.apply).toEqual({ phone: '2', email: 'b@x' });
    expect(d.conflicts).toEqual([
      { table: 'leads', row_id: 'r1', field: 'first_name', server_value: 'Srv', local_value: 'Mine' },
    ]);
  });

  it('breaks a tie on time by mutation id', () => {
    const same = { at: '2025-01-01T10:00:00.000Z' };
    expect(
      decideLww(input({ patch: { phone: '2' }, versions: { phone: { ...same, mutationId: 'm4' } } })).apply,
    ).toEqual({ phone: '2' });
    expect(
      decideLww(input({ patch: { phone: '2' }, versions: { phone: { ...same, mutationId: 'm6' } } })).conflicts,
    ).toHaveLength(1);
  });

  it('reports no conflict when the lost value equals the winner (null and undefined alike)', () => {
    const later = { at: '2025-01-02T00:00:00.000Z', mutationId: 'm0' };
    const d = decideLww(
      input({
        patch: { first_name: 'Srv', phone: null },
        current: { first_name: 'Srv', phone: null },
        versions: { first_name: later, phone: later },
      }),
    );
    expect(d).toEqual({ apply: {}, conflicts: [], unchanged: ['first_name', 'phone'] });
  });

  it('without a version, uses base and the row time to catch a newer write of another kind', () => {
    const base = { email: 'old@x' };
    expect(
      decideLww(input({ patch: { email: 'b@x' }, base, rowUpdatedAt: '2025-01-01T12:00:00.000Z' })).conflicts,
    ).toHaveLength(1);
    expect(decideLww(input({ patch: { email: 'b@x' }, base, rowUpdatedAt: '2025-01-01T09:00:00.000Z' })).apply).toEqual(
      { email: 'b@x' },
    );
    expect(
      decideLww(input({ patch: { email: 'b@x' }, base: { email: 'a@x' }, rowUpdatedAt: '2025-01-01T12:00:00.000Z' }))
        .apply,
    ).toEqual({ email: 'b@x' });
    expect(decideLww(input({ patch: { email: 'b@x' }, rowUpdatedAt: '2025-01-01T12:00:00.000Z' })).apply).toEqual({
      email: 'b@x',
    });
  });

  it('compares JSON values regardless of key order', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue(undefined, null)).toBe(true);
  });
});

describe('wire schemas', () => {
  const m = {
    id: '0190aaaa-0000-7000-8000-000000000009',
    name: 'createLead',
    args: {},
    clientId: 'c1',
    createdAt: '2025-01-01T10:00:00+02:00',
  };

  it('normalise createdAt to UTC and bound the batch size', () => {
    expect(mutationBatch.parse({ mutations: [m] }).mutations[0]!.createdAt).toBe('2025-01-01T08:00:00.000Z');
    expect(mutationBatch.safeParse({ mutations: Array(501).fill(m) }).success).toBe(false);
    expect(mutationBatch.safeParse({ mutations: [{ ...m, createdAt: '2025-01-01' }] }).success).toBe(false);
  });

  it('describe the three kinds of answer', () => {
    expect(mutationAnswer.safeParse({ id: 'x', status: 'ok', txid: '1', lsn: '2' }).success).toBe(true);
    expect(
      mutationAnswer.safeParse({ id: 'x', status: 'rejected', error: { code: 'forbidden', message: 'no' } }).success,
    ).toBe(true);
    expect(mutationAnswer.safeParse({ id: 'x', status: 'conflict', txid: '1', lsn: '2', conflicts: [] }).success).toBe(
      true,
    );
    expect(mutationAnswer.safeParse({ id: 'x', status: 'ok' }).success).toBe(false);
  });
});

describe('gateway pieces', () => {
  it('rate limiter: a burst, then the sustained rate', () => {
    let t = 0;
    const rl = new RateLimiter(2, 3, () => t);
    expect([1, 2, 3].map(() => rl.take('u').ok)).toEqual([true, true, true]);
    expect(rl.take('u')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(rl.take('v').ok).toBe(true);
    t += 500;
    expect(rl.take('u').ok).toBe(true);
    expect(rl.take('u').ok).toBe(false);
  });

  it('maps Postgres refusals to rejections and leaves the rest to a 500', () => {
    expect(
      rejectionOf({ code: '42501', message: 'new row violates row-level security policy for table "leads"' })?.code,
    ).toBe('forbidden');
    expect(rejectionOf({ code: '23505', constraint: 'users_email_unique' })?.message).toMatch(/users_email_unique/);
    expect(rejectionOf({ code: '22001', message: 'value too long' })?.code).toBe('invalid_input');
    expect(rejectionOf(new AppError('not_found', 'gone'))?.message).toBe('gone');
    expect(rejectionOf({ code: '40001' })).toBeUndefined();
    expect(rejectionOf({ code: '42P01' })).toBeUndefined();
    expect(rejectionOf(new TypeError('boom'))).toBeUndefined();
  });

  it('reads its config from flags and the environment, with clear errors', () => {
    const c = readConfig(
      ['--port', '4000'],
      { PORT: '5000', ELECTRIC_URL: 'http://e:3000/', TOKEN_TTL_DAYS: '7', RATE_LIMIT_BURST: '5' },
      '/srv',
    );
    expect(c).toMatchObject({
      port: 4000,
      electricUrl: 'http://e:3000',
      tokenTtlDays: 7,
      rateLimit: { perSecond: 20, burst: 5 },
      pgDataDir: '/srv/.fieldline/server-pg',
    });
    expect(readConfig([], {}).port).toBe(3100);
    expect(() => readConfig([], { PORT: 'eighty' })).toThrow(/PORT must be an integer/);
    expect(() => readConfig([], { ELECTRIC_URL: 'electric:3000' })).toThrow(/ELECTRIC_URL must be an http/);
    expect(redactUrl('postgres://u:hunter2@h:5432/db')).toBe('postgres://u:***@h:5432/db');
  });
});
