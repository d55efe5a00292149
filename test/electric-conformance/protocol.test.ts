/**
 * The dev Electric server's HTTP protocol, checked with plain fetch: headers,
 * offsets, chunked snapshots, value formats, replica modes, errors.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDevElectric } from '../../server/dev-shape-server/server';
import { getShape, type Harness, type RawMessage, startHarness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness(inject('databaseUrl'));
});

afterAll(async () => {
  await h?.close();
});

type Body = RawMessage[];

/** Follows a shape with raw requests until up-to-date; returns every message and the final offset. */
async function syncRaw(query: Record<string, string>, from: { offset: string; handle?: string } = { offset: '-1' }) {
  let { offset, handle } = from;
  const messages: RawMessage[] = [];
  const offsets: string[] = [];
  for (let i = 0; i < 100; i++) {
    const res = await getShape(h, { ...query, offset, ...(handle ? { handle } : {}) });
    expect(res.status).toBe(200);
    handle = res.headers.get('electric-handle')!;
    offset = res.headers.get('electric-offset')!;
    offsets.push(offset);
    messages.push(...(res.body as Body));
    if (res.headers.has('electric-up-to-date')) return { messages, offset, handle, offsets };
  }
  throw new Error('never up-to-date');
}

const changesOf = (messages: RawMessage[]) => messages.filter((m) => m.key !== undefined);

describe('dev Electric HTTP protocol', () => {
  it('answers /v1/health', async () => {
    const res = await fetch(`${h.electric.url}/v1/health`);
    expect(res.status).toBe(200);
  });

  it('sends handle, offset, schema and up-to-date headers on the initial request', async () => {
    const res = await getShape(h, { table: 'leads', offset: '-1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('electric-handle')).toMatch(/^[0-9a-f]+-\d+$/);
    expect(res.headers.get('electric-offset')).toBe('0_inf');
    expect(res.headers.has('electric-up-to-date')).toBe(true);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const schema = JSON.parse(res.headers.get('electric-schema')!) as Record<string, Record<string, unknown>>;
    expect(schema.id).toEqual({ type: 'uuid', not_null: true });
    expect(schema.priority).toEqual({ type: 'int4', not_null: true });
    expect(schema.team_id).toEqual({ type: 'uuid' });
    expect(schema.current_premium).toEqual({ type: 'numeric', precision: 12, scale: 2 });
    expect(schema.created_at).toEqual({ type: 'timestamptz', not_null: true, precision: 3 });
    expect(schema.ai_score).toEqual({ type: 'float8' });
    expect(schema.is_converted).toEqual({ type: 'bool', not_null: true });
    expect(schema.date_of_birth).toEqual({ type: 'date' });
    expect(schema.tags).toEqual({ type: 'jsonb', not_null: true });
    expect(res.body).toEqual([
      { headers: { control: 'up-to-date', global_last_seen_lsn: expect.stringMatching(/^\d+$/) } },
    ]);

    const again = await getShape(h, { table: 'leads', offset: '-1' });
    expect(again.headers.get('electric-handle')).toBe(res.headers.get('electric-handle'));
    const scoped = await getShape(h, {
      table: 'leads',
      offset: '-1',
      where: 'owner_id = $1',
      'params[1]': randomUUID(),
    });
    expect(scoped.headers.get('electric-handle')).not.toBe(res.headers.get('electric-handle'));
  });

  it('serves a 100k-row snapshot in 10k-row chunks', async () => {
    await h.sql.query(
      "INSERT INTO dev_items (id, label, n) SELECT g, 'item ' || g, g % 7 FROM generate_series(1, 100000) g",
    );
    const { messages, offsets } = await syncRaw({ table: 'dev_items', columns: 'id,label' });
    expect(offsets).toEqual([...Array.from({ length: 9 }, (_, i) => `0_${(i + 1) * 10_000 - 1}`), '0_inf']);
    const rows = changesOf(messages);
    expect(rows).toHaveLength(100_000);
    expect(new Set(rows.map((m) => m.key)).size).toBe(100_000);
    expect(rows[0]).toEqual({
      key: expect.stringMatching(/^"public"\."dev_items"\/"\d+"$/),
      value: { id: expect.any(String), label: expect.stringMatching(/^item \d+$/) },
      headers: { operation: 'insert', relation: ['public', 'dev_items'] },
    });
    await h.sql.query('TRUNCATE dev_items'); // one decoded line instead of 100k deletes
  });

  it('encodes snapshot rows byte for byte as JSON.stringify does (Postgres builds the values)', async () => {
    await h.sql.query(
      `INSERT INTO dev_items (id, label, j, tags) VALUES (8, $1, '{"z": "\\u0001", "a": [1.50, null]}', '{"x,y",z}')`,
      ['tab\tbell\u0007 nl\n quote" back\\ slash/ é ☃ 𝄞 \u2028'],
    );
    const url = new URL(h.shapeUrl);
    for (const [k, v] of Object.entries({ table: 'dev_items', offset: '-1', where: 'id = $1', 'params[1]': '8' }))
      url.searchParams.set(k, v);
    const text = await (await fetch(url)).text();
    const body = JSON.parse(text) as Body;
    expect(changesOf(body)[0]!.value!.label).toBe('tab\tbell\u0007 nl\n quote" back\\ slash/ é ☃ 𝄞 \u2028');
    expect(text).toBe(JSON.stringify(body));
    await h.sql.query('DELETE FROM dev_items WHERE id = 8');
  });

  it('formats values the same way in snapshots and in live changes (Postgres text, UTC)', async () => {
    const { offset, handle } = await syncRaw({ table: 'dev_items' });
    await h.sql.query(
      `INSERT INTO dev_items VALUES (7, $1, -3, 9007199254740993, 12.30, 0.1, true, '2024-03-01 10:00:00.123+02', '2024-02-29',
        '{"b": [1, "x''y"]}', '{a,"b c",NULL}', '1 day 2 hours')`,
      ['it\'s "quoted"\nand multi-line \\ ok'],
    );
    const live = await syncRaw({ table: 'dev_items' }, { offset, handle });
    const fresh = await getShape(h, { table: 'dev_items', offset: '-1', where: 'id = $1', 'params[1]': '7' });
    const liveValue = changesOf(live.messages)[0]!.value;
    expect(liveValue).toEqual((fresh.body as Body)[0]!.value);
    expect(liveValue).toEqual({
      id: '7',
      label: 'it\'s "quoted"\nand multi-line \\ ok',
      n: '-3',
      big: '9007199254740993',
      num: '12.30',
      f: '0.1',
      b: 'true',
      ts: '2024-03-01 08:00:00.123+00',
      d: '2024-02-29',
      j: '{"b": [1, "x\'y"]}',
      tags: '{a,"b c",NULL}',
      iv: 'P1DT2H',
    });
    await h.sql.query('DELETE FROM dev_items');
  });

  it('sends full rows and old_value with replica=full, keys only by default', async () => {
    await h.sql.query("INSERT INTO dev_items (id, label, n) VALUES (1, 'a', 1), (2, 'b', 2)");
    const full = await syncRaw({ table: 'dev_items', replica: 'full' });
    const byDefault = await syncRaw({ table: 'dev_items' });
    await h.sql.query("UPDATE dev_items SET label = 'a2' WHERE id = 1");
    await h.sql.query('DELETE FROM dev_items WHERE id = 2');

    const fullChanges = changesOf((await syncRaw({ table: 'dev_items', replica: 'full' }, full)).messages);
    expect(fullChanges.map((m) => [m.headers.operation, m.value, m.old_value])).toEqual([
      ['update', expect.objectContaining({ id: '1', label: 'a2', n: '1', f: null }), { label: 'a' }],
      ['delete', expect.objectContaining({ id: '2', label: 'b', n: '2' }), undefined],
    ]);
    const defaultChanges = changesOf((await syncRaw({ table: 'dev_items' }, byDefault)).messages);
    expect(defaultChanges.map((m) => [m.headers.operation, m.value, m.old_value])).toEqual([
      ['update', { id: '1', label: 'a2' }, undefined],
      ['delete', { id: '2' }, undefined],
    ]);
    await h.sql.query('DELETE FROM dev_items');
  });

  it('turns a primary-key change into delete + insert at consecutive op positions', async () => {
    await h.sql.query("INSERT INTO dev_items (id, label) VALUES (10, 'ten')");
    const start = await syncRaw({ table: 'dev_items' });
    await h.sql.query('UPDATE dev_items SET id = 11 WHERE id = 10');
    const { messages } = await syncRaw({ table: 'dev_items' }, start);
    const [del, ins] = changesOf(messages);
    expect(del).toMatchObject({
      key: '"public"."dev_items"/"10"',
      value: { id: '10' },
      headers: { operation: 'delete' },
    });
    expect(ins).toMatchObject({
      key: '"public"."dev_items"/"11"',
      value: { id: '11', label: 'ten' },
      headers: { operation: 'insert', last: true },
    });
    expect(ins!.headers.op_position).toBe((del!.headers.op_position as number) + 1);
    expect(ins!.headers.lsn).toBe(del!.headers.lsn);
    await h.sql.query('DELETE FROM dev_items');
  });

  it('evaluates IN, IS NULL and OR scopes', async () => {
    await h.sql.query(
      "INSERT INTO dev_items (id, label, n) VALUES (1, 'x', 1), (2, null, 2), (3, 'y', 3), (4, 'z', 4)",
    );
    const where = '(label IN ($1, $2) AND n = $3) OR label IS NULL';
    const query = { table: 'dev_items', where, 'params[1]': 'x', 'params[2]': 'z', 'params[3]': '4' };
    const start = await syncRaw(query);
    expect(
      changesOf(start.messages)
        .map((m) => m.value!.id)
        .sort(),
    ).toEqual(['2', '4']);
    await h.sql.query("UPDATE dev_items SET n = 4 WHERE id = 1; UPDATE dev_items SET label = 'w' WHERE id = 2");
    const next = await syncRaw(query, start);
    expect(changesOf(next.messages).map((m) => [m.headers.operation, m.value!.id])).toEqual([
      ['insert', '1'],
      ['delete', '2'],
    ]);
    await h.sql.query('DELETE FROM dev_items');
  });

  it('holds a live request until a change arrives, and times out to up-to-date', async () => {
    const start = await syncRaw({ table: 'teams' });
    const t0 = Date.now();
    const quiet = await getShape(h, { table: 'teams', offset: start.offset, handle: start.handle, live: 'true' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(quiet.status).toBe(200);
    expect(quiet.body).toEqual([{ headers: { control: 'up-to-date', global_last_seen_lsn: expect.any(String) } }]);
    expect(quiet.headers.get('electric-offset')).toBe(start.offset);
    expect(quiet.headers.get('electric-cursor')).toMatch(/^\d+$/);
    expect(quiet.headers.has('electric-schema')).toBe(false);

    const pending = getShape(h, {
      table: 'teams',
      offset: start.offset,
      handle: start.handle,
      live: 'true',
      cursor: quiet.headers.get('electric-cursor')!,
    });
    const teamId = randomUUID();
    await h.sql.query('INSERT INTO teams (id, name) VALUES ($1, $2)', [teamId, 'Live']);
    const woke = await pending;
    expect((woke.body as Body)[0]).toMatchObject({ value: { id: teamId }, headers: { operation: 'insert' } });
    expect(woke.headers.get('electric-cursor')).not.toBe(quiet.headers.get('electric-cursor'));
    const last = (woke.body as Body).at(-1)!;
    expect(BigInt(last.headers.global_last_seen_lsn as string)).toBeGreaterThanOrEqual(
      BigInt((woke.body as Body)[0]!.headers.lsn as string),
    );
  });

  it('answers offset=now with just up-to-date at the head', async () => {
    const res = await getShape(h, { table: 'teams', offset: 'now' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ headers: { control: 'up-to-date', global_last_seen_lsn: expect.any(String) } }]);
    expect(res.headers.get('electric-offset')).toMatch(/^\d+_(\d+|inf)$/);
  });

  it('answers an unknown handle with 409 must-refetch and a usable new handle', async () => {
    const res = await getShape(h, { table: 'teams', offset: '5_0', handle: 'gone-123' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual([{ headers: { control: 'must-refetch' } }]);
    const handle = res.headers.get('electric-handle')!;
    expect(handle).toBeTruthy();
    const next = await getShape(h, { table: 'teams', offset: '-1', handle });
    expect(next.status).toBe(200);
    expect(next.headers.get('electric-handle')).toBe(handle);
  });

  it.each([
    [{ table: 'nope', offset: '-1' }, 'table'],
    [{ offset: '-1' }, 'table'],
    [{ table: 'teams', offset: 'abc' }, 'offset'],
    [{ table: 'teams' }, 'offset'],
    [{ table: 'teams', offset: '12_3' }, 'handle'],
    [{ table: 'teams', offset: '-1', replica: 'half' }, 'replica'],
    [{ table: 'teams', offset: '-1', where: "name LIKE 'a%'" }, 'where'],
    [{ table: 'teams', offset: '-1', where: 'lower(name) = $1', 'params[1]': 'a' }, 'where'],
    [{ table: 'teams', offset: '-1', where: 'name <> $1', 'params[1]': 'a' }, 'where'],
    [{ table: 'teams', offset: '-1', where: 'NOT name = $1', 'params[1]': 'a' }, 'where'],
    [{ table: 'teams', offset: '-1', where: 'name = $1' }, 'where'],
    [{ table: 'teams', offset: '-1', where: 'missing = $1', 'params[1]': 'a' }, 'where'],
    [{ table: 'teams', offset: '-1', where: 'id = $1', 'params[1]': 'not-a-uuid' }, 'where'],
    [{ table: 'teams', offset: '-1', columns: 'name' }, 'columns'],
    [{ table: 'teams', offset: '-1', subset__where: 'true' }, 'subset__where'],
  ])('rejects bad parameters with 400 %j', async (query, param) => {
    const res = await getShape(h, query as Record<string, string>);
    expect(res.status).toBe(400);
    const body = res.body as { message: string; errors: Record<string, string[]> };
    expect(body.message).toEqual(expect.any(String));
    expect(body.errors[param]).toEqual([expect.any(String)]);
  });

  it('rejects a handle used with another shape definition', async () => {
    const teams = await syncRaw({ table: 'teams' });
    const res = await getShape(h, { table: 'users', offset: teams.offset, handle: teams.handle });
    expect(res.status).toBe(400);
  });

  it('requires the secret when one is configured', async () => {
    const secured = await startDevElectric({ databaseUrl: h.db.url, secret: 's3cret', longPollMs: 300 });
    try {
      const url = `${secured.url}/v1/shape`;
      expect((await getShape({ shapeUrl: url }, { table: 'teams', offset: '-1' })).status).toBe(401);
      expect((await getShape({ shapeUrl: url }, { table: 'teams', offset: '-1', secret: 'wrong' })).status).toBe(401);
      expect((await getShape({ shapeUrl: url }, { table: 'teams', offset: '-1', secret: 's3cret' })).status).toBe(200);
    } finally {
      await secured.stop();
    }
  });

  it('drops its replication slot on stop', async () => {
    const other = await startDevElectric({ databaseUrl: h.db.url });
    const slots = async () =>
      (
        await h.sql.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_replication_slots WHERE slot_name LIKE 'dev_electric_%'",
        )
      ).rows[0]!.n;
    const before = await slots();
    await other.stop();
    expect(await slots()).toBe(before - 1);
  });
});
