/**
 * The dev Electric server driven by the official `@electric-sql/client`
 * (ShapeStream long polling + the Shape helper), against real Postgres
 * logical decoding.
 */
import { randomUUID } from 'node:crypto';
import { isChangeMessage, isControlMessage } from '@electric-sql/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type Follower,
  follow,
  type Harness,
  inTransaction,
  insertLead,
  insertUser,
  startHarness,
  userKey,
} from './harness';

let h: Harness;
const followers: Follower[] = [];

function track(f: Follower): Follower {
  followers.push(f);
  return f;
}

beforeAll(async () => {
  h = await startHarness(inject('databaseUrl'));
});

afterAll(async () => {
  for (const f of followers) f.stop();
  await h?.close();
});

const lsnOf = (m: { headers: Record<string, unknown> }) => BigInt(m.headers.lsn as string);

describe('dev Electric with the official ShapeStream', () => {
  it('serves the initial snapshot as inserts without txids, then up-to-date', async () => {
    const teamIds = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of teamIds.entries()) {
      await h.sql.query('INSERT INTO teams (id, name) VALUES ($1, $2)', [id, `Team ${i}`]);
    }
    const f = track(follow(h, { params: { table: 'teams' } }));
    const rows = await f.shape.rows;
    expect(rows.map((r) => r.id).sort()).toEqual([...teamIds].sort());
    expect(rows.find((r) => r.id === teamIds[1])).toMatchObject({ name: 'Team 1', description: null });
    for (const m of f.changes()) {
      expect(m.headers).toEqual({ operation: 'insert', relation: ['public', 'teams'] });
      expect(m.key).toBe(`"public"."teams"/"${m.value.id}"`);
    }
    const upToDate = f.messages.find((m) => isControlMessage(m) && m.headers.control === 'up-to-date');
    expect(upToDate?.headers.global_last_seen_lsn).toMatch(/^\d+$/);
    expect(f.stream.isUpToDate).toBe(true);
  });

  it('streams live inserts, partial updates and deletes with the writer txid and rising LSNs', async () => {
    const f = track(follow(h, { params: { table: 'users' } }));
    await f.waitFor('up-to-date', () => f.stream.isUpToDate);
    const id = randomUUID();

    const insertTx = await inTransaction(h.sql, () => insertUser(h.sql, { id, fullName: 'Ada' }));
    await f.waitFor('insert', () => f.changes().some((m) => m.key === userKey(id)));
    const updateTx = await inTransaction(h.sql, () =>
      h.sql.query('UPDATE users SET full_name = $2 WHERE id = $1', [id, 'Ada L.']),
    );
    await f.waitFor('update', () => f.changes().some((m) => m.key === userKey(id) && m.headers.operation === 'update'));
    await f.waitFor('merged row', () => f.shape.currentRows.some((r) => r.id === id && r.full_name === 'Ada L.'));
    const merged = f.shape.currentRows.find((r) => r.id === id)!;
    expect(merged).toMatchObject({
      id,
      full_name: 'Ada L.',
      email: `${id}@example.test`,
      role: 'agent',
      is_active: true,
    });

    const deleteTx = await inTransaction(h.sql, () => h.sql.query('DELETE FROM users WHERE id = $1', [id]));
    await f.waitFor('delete', () => f.changes().some((m) => m.key === userKey(id) && m.headers.operation === 'delete'));
    await f.waitFor('row gone', () => !f.shape.currentRows.some((r) => r.id === id));

    const [insert, update, del] = f.changes().filter((m) => m.key === userKey(id));
    expect(insert!.headers).toMatchObject({ operation: 'insert', relation: ['public', 'users'], last: true });
    expect(String((insert!.headers.txids as number[])[0])).toBe(insertTx);
    expect(Object.keys(insert!.value).length).toBeGreaterThan(5);

    expect(String((update!.headers.txids as number[])[0])).toBe(updateTx);
    expect(update!.value).toEqual({ id, full_name: 'Ada L.' });

    expect(String((del!.headers.txids as number[])[0])).toBe(deleteTx);
    expect(del!.value).toEqual({ id });

    expect(lsnOf(insert!) < lsnOf(update!)).toBe(true);
    expect(lsnOf(update!) < lsnOf(del!)).toBe(true);
    for (const m of [insert!, update!, del!]) expect(m.headers.op_position).toEqual(expect.any(Number));
  });

  it('filters by a where scope and turns moves out of / into it into delete / insert', async () => {
    const alice = await insertUser(h.sql, { fullName: 'Alice' });
    const bob = await insertUser(h.sql, { fullName: 'Bob' });
    const aliceLead = await insertLead(h.sql, alice, 'Alpha');
    const bobLead = await insertLead(h.sql, bob, 'Bravo');

    const f = track(follow(h, { params: { table: 'leads', where: 'owner_id = $1', params: [alice] } }));
    const rows = await f.shape.rows;
    expect(rows.map((r) => r.id)).toEqual([aliceLead]);

    const bobLead2 = await insertLead(h.sql, bob, 'Bravo 2');
    const aliceLead2 = await insertLead(h.sql, alice, 'Alpha 2');
    await f.waitFor("Alice's new lead", () => f.shape.currentRows.some((r) => r.id === aliceLead2));

    await h.sql.query('UPDATE leads SET owner_id = $2 WHERE id = $1', [aliceLead, bob]);
    await f.waitFor('move out', () => !f.shape.currentRows.some((r) => r.id === aliceLead));
    await h.sql.query('UPDATE leads SET owner_id = $2 WHERE id = $1', [bobLead, alice]);
    await f.waitFor('move in', () => f.shape.currentRows.some((r) => r.id === bobLead));

    const changes = f.changes().filter((m) => m.headers.lsn !== undefined);
    expect(changes.some((m) => m.value.id === bobLead2)).toBe(false);
    const moveOut = changes.find((m) => m.value.id === aliceLead)!;
    expect(moveOut.headers.operation).toBe('delete');
    expect(moveOut.value).toEqual({ id: aliceLead });
    const moveIn = changes.find((m) => m.value.id === bobLead)!;
    expect(moveIn.headers.operation).toBe('insert');
    expect(moveIn.value).toMatchObject({ id: bobLead, owner_id: alice, last_name: 'Bravo', priority: 3, tags: [] });
    expect(f.shape.currentRows.map((r) => r.id).sort()).toEqual([aliceLead2, bobLead].sort());
  });

  it('resumes from a stored {offset, handle} without replaying or duplicating', async () => {
    const before = await insertUser(h.sql, { fullName: 'Before' });
    const first = track(follow(h, { params: { table: 'users' } }));
    expect((await first.shape.rows).some((r) => r.id === before)).toBe(true);
    const stored = { offset: first.stream.lastOffset, handle: first.stream.shapeHandle! };
    first.stop();

    const added = await insertUser(h.sql, { fullName: 'While away' });
    await h.sql.query('UPDATE users SET title = $2 WHERE id = $1', [before, 'Returned']);

    const resumed = track(follow(h, { params: { table: 'users' }, ...stored }));
    await resumed.waitFor('both changes', () => resumed.changes().length >= 2);
    await resumed.waitFor('up-to-date', () => resumed.stream.isUpToDate);
    expect(resumed.stream.shapeHandle).toBe(stored.handle);
    const got = resumed.changes().map((m) => [m.headers.operation, m.value.id]);
    expect(got).toEqual([
      ['insert', added],
      ['update', before],
    ]);
  });

  it('answers an unknown handle with must-refetch and a new handle, and the client recovers', async () => {
    const id = await insertUser(h.sql, { fullName: 'Survivor' });
    const f = track(follow(h, { params: { table: 'users' }, offset: '1234_0', handle: 'no-such-handle' }));
    await f.waitFor('must-refetch', () =>
      f.messages.some((m) => isControlMessage(m) && m.headers.control === 'must-refetch'),
    );
    await f.waitFor('up-to-date', () => f.stream.isUpToDate);
    expect(f.stream.shapeHandle).toMatch(/\w/);
    expect(f.stream.shapeHandle).not.toBe('no-such-handle');
    const { rows } = await h.sql.query<{ id: string }>('SELECT id::text FROM users ORDER BY id');
    expect(f.shape.currentRows.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id));
    expect(f.shape.currentRows.find((r) => r.id === id)?.full_name).toBe('Survivor');
  });

  it('invalidates shapes on TRUNCATE: must-refetch, then the client reloads', async () => {
    await h.sql.query("INSERT INTO dev_items (id, label) VALUES (1, 'one'), (2, 'two')");
    const f = track(follow(h, { params: { table: 'dev_items' } }));
    expect((await f.shape.rows).length).toBe(2);
    const handle = f.stream.shapeHandle;
    await h.sql.query('TRUNCATE dev_items');
    await f.waitFor('must-refetch', () =>
      f.messages.some((m) => isControlMessage(m) && m.headers.control === 'must-refetch'),
    );
    await h.sql.query("INSERT INTO dev_items (id, label) VALUES (3, 'three')");
    await f.waitFor('reloaded rows', () => f.shape.currentRows.length === 1 && f.shape.currentRows[0]?.id === 3);
    expect(f.stream.shapeHandle).not.toBe(handle);
  });

  it('keeps long-polling: a quiet live request answers up-to-date after longPollMs', async () => {
    let liveRequests = 0;
    const f = track(
      follow(h, {
        params: { table: 'teams' },
        fetchClient: (input, init) => {
          if (String(input).includes('live=true')) liveRequests++;
          return fetch(input, init);
        },
      }),
    );
    await f.waitFor('up-to-date', () => f.stream.isUpToDate);
    const started = Date.now();
    const count = f.upToDateCount();
    await f.waitFor('two quiet long polls', () => f.upToDateCount() >= count + 2, 5_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(liveRequests).toBeGreaterThanOrEqual(2);
    expect(f.stream.isUpToDate).toBe(true);
  });

  it('gives changes to several tables in one transaction the same txid and LSN', async () => {
    const teams = track(follow(h, { params: { table: 'teams' } }));
    const users = track(follow(h, { params: { table: 'users' } }));
    await teams.waitFor('teams up-to-date', () => teams.stream.isUpToDate);
    await users.waitFor('users up-to-date', () => users.stream.isUpToDate);
    const teamId = randomUUID();
    let userId = '';
    const txid = await inTransaction(h.sql, async () => {
      await h.sql.query('INSERT INTO teams (id, name) VALUES ($1, $2)', [teamId, 'Shared tx']);
      userId = await insertUser(h.sql, { teamId, fullName: 'Member' });
    });
    await teams.waitFor('team', () => teams.changes().some((m) => m.value.id === teamId));
    await users.waitFor('user', () => users.changes().some((m) => m.value.id === userId));
    const team = teams.changes().find((m) => m.value.id === teamId)!;
    const user = users.changes().find((m) => m.value.id === userId)!;
    expect(team.headers.txids).toEqual([Number(txid)]);
    expect(user.headers.txids).toEqual([Number(txid)]);
    expect(team.headers.lsn).toBe(user.headers.lsn);
    expect(team.headers.op_position).not.toBe(user.headers.op_position);
    expect(isChangeMessage(team) && team.headers.last).toBe(true);
  });
});
