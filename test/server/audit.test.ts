/**
 * The audit ledger on the real gateway and Postgres: applied mutations and sign-ins are
 * appended in one hash chain, also under concurrent batches; the application can neither
 * change nor delete an entry; admins read it, nobody else; `server:audit-verify` names the
 * first entry a direct change in Postgres broke.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverAuditVerify } from '../../cli/commands/server';
import { GENESIS_HASH, verifyLedger } from '../../server/audit';
import { createLeadArgs, envelope, results, startTestGateway, type TestGateway } from './helpers';

let gw: TestGateway;
let ann: string;
let sam: string;
let max: string;
let ada: string;
const now = () => new Date(gw.clock.ms).toISOString();
const saved = process.env.DATABASE_URL;

beforeAll(async () => {
  gw = await startTestGateway();
  [ann, sam, max, ada] = [
    await gw.signIn('ann@north.test'),
    await gw.signIn('sam@south.test'),
    await gw.signIn('max@north.test'),
    await gw.signIn('ada@agency.test'),
  ];
});
afterAll(async () => {
  process.env.DATABASE_URL = saved;
  await gw?.close();
});

interface Row {
  seq: string;
  kind: string;
  user_id: string | null;
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}
const ledger = () =>
  gw.q<Row>('SELECT l.seq::text AS seq, kind, user_id, detail, prev_hash, hash FROM audit_ledger l ORDER BY l.seq');

describe('appending', () => {
  it('records each applied mutation (not the refused ones) with its ids and an args digest, no values', async () => {
    const before = (await ledger()).length;
    const lead = createLeadArgs({ last_name: 'Ledgerwood' });
    const batch = [
      envelope('createLead', lead, now()),
      envelope('addNote', { lead_id: lead.id, body: 'private words' }, now()),
      envelope('addNote', { lead_id: crypto.randomUUID(), body: 'to nowhere' }, now()),
    ];
    const answers = await results(await gw.push(ann, batch));
    expect(answers.map((a) => a.status)).toEqual(['ok', 'ok', 'rejected']);
    const added = (await ledger()).slice(before);
    expect(added.map((r) => [r.kind, r.user_id, r.detail.name, r.detail.outcome])).toEqual([
      ['mutation', gw.users.agentN.id, 'createLead', 'ok'],
      ['mutation', gw.users.agentN.id, 'addNote', 'ok'],
    ]);
    expect(added[0]!.detail).toMatchObject({
      mutation_id: batch[0]!.id,
      txid: (answers[0] as { txid: string }).txid,
      client_id: batch[0]!.clientId,
      records: { id: lead.id, insurance_type_id: lead.insurance_type_id },
      args_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(added)).not.toMatch(/Ledgerwood|private words/);
    // A retry answers from the record and appends nothing.
    await results(await gw.push(ann, batch));
    expect((await ledger()).length).toBe(before + 2);
  });

  it('keeps one unbroken chain when many batches commit at once', async () => {
    const tokens = [ann, sam, max, ada];
    const pushes = Array.from({ length: 16 }, (_, i) =>
      gw.push(
        tokens[i % 4]!,
        Array.from({ length: 5 }, () => envelope('createLead', createLeadArgs(), now())),
      ),
    );
    for (const res of await Promise.all(pushes))
      expect((await results(res)).every((a) => a.status === 'ok')).toBe(true);
    const rows = await ledger();
    rows.forEach((r, i) => {
      expect(Number(r.seq)).toBe(i + 1);
      expect(r.prev_hash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1]!.hash);
    });
    const verified = await verifyLedger(gw.pool);
    expect(verified).toEqual({ ok: true, entries: rows.length, head: { seq: rows.length, hash: rows.at(-1)!.hash } });
    // Every applied mutation is in it once.
    const applied = await gw.q<{ n: string }>(
      `SELECT count(*) AS n FROM applied_mutations WHERE outcome <> 'rejected'`,
    );
    expect(rows.filter((r) => r.kind === 'mutation').length).toBe(Number(applied[0]!.n));
  });
});

describe('protection', () => {
  it('the application role cannot write, change or delete entries, and neither can the owner without altering the table', async () => {
    const client = await gw.pool.connect();
    try {
      const asApp = async (sql: string) => {
        await client.query('BEGIN');
        try {
          await client.query(`SELECT set_config('app.user_id', $1, true)`, [gw.users.admin.id]);
          await client.query('SET LOCAL ROLE fieldline_app');
          await client.query(sql);
          return 'done';
        } catch (err) {
          return (err as { code?: string }).code;
        } finally {
          await client.query('ROLLBACK');
        }
      };
      expect(await asApp(`UPDATE audit_ledger SET detail = '{}' WHERE seq = 1`)).toBe('42501');
      expect(await asApp('DELETE FROM audit_ledger')).toBe('42501');
      expect(await asApp('TRUNCATE audit_ledger')).toBe('42501');
      expect(await asApp(`INSERT INTO audit_ledger (at, kind, detail) VALUES (now(), 'mutation', '{}')`)).toBe('42501');
      expect(await asApp('UPDATE audit_ledger_head SET seq = 0')).toBe('42501');
      const asOwner = async (sql: string) =>
        client.query(sql).then(
          () => 'done',
          (err: { code?: string; message: string }) => `${err.code}: ${err.message}`,
        );
      expect(await asOwner(`UPDATE audit_ledger SET detail = '{}' WHERE seq = 1`)).toMatch(/^42501: .*append-only/);
      expect(await asOwner('DELETE FROM audit_ledger WHERE seq = 1')).toMatch(/^42501: .*append-only/);
      expect(await asOwner('TRUNCATE audit_ledger')).toMatch(/^42501: .*append-only/);
      expect(await asOwner('DELETE FROM audit_ledger_head')).toMatch(/^42501: .*append-only/);
    } finally {
      client.release();
    }
    expect((await verifyLedger(gw.pool)).ok).toBe(true);
  });

  it('admins read the ledger over the API, in pages; nobody else does', async () => {
    const get = (token: string, query = '') =>
      gw.app.request(`/v1/audit${query}`, { headers: { authorization: `Bearer ${token}` } });
    const first = await get(ada, '?limit=3');
    expect(first.status).toBe(200);
    const page = (await first.json()) as { entries: Array<{ seq: number; kind: string }> };
    expect(page.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(page.entries[0]!.kind).toBe('sign_in');
    const next = (await (await get(ada, '?after=3&limit=2')).json()) as { entries: Array<{ seq: number }> };
    expect(next.entries.map((e) => e.seq)).toEqual([4, 5]);
    for (const token of [ann, max]) {
      const res = await get(token);
      expect(res.status).toBe(403);
    }
    expect((await get(ada, '?limit=0')).status).toBe(400);
    expect((await gw.app.request('/v1/audit')).status).toBe(401);
    // Row-level security agrees: as the application role, a manager sees no entry.
    const client = await gw.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.user_id', $1, true)`, [gw.users.managerN.id]);
      await client.query('SET LOCAL ROLE fieldline_app');
      expect((await client.query('SELECT count(*)::int AS n FROM audit_ledger')).rows).toEqual([{ n: 0 }]);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });
});

describe('server:audit-verify', () => {
  it('passes on an intact ledger and names the entry a direct change in Postgres broke', async () => {
    process.env.DATABASE_URL = gw.pg.db.url;
    const intact = await serverAuditVerify([]);
    expect(intact).toMatchObject({ ok: true, entries: expect.any(Number) });
    const total = (intact as { entries: number }).entries;
    expect(total).toBeGreaterThan(80);

    // Someone with superuser rights edits entry 7 with the guard triggers off.
    const superuser = new pg.Client({ connectionString: gw.pg.db.url });
    await superuser.connect();
    try {
      await superuser.query(`SET session_replication_role = replica`);
      await superuser.query(
        `UPDATE audit_ledger SET detail = jsonb_set(detail, '{outcome}', '"rejected"') WHERE seq = 7`,
      );
      await expect(serverAuditVerify([])).rejects.toThrow(
        /audit ledger broken at entry 7: .*changed after it was written/,
      );
      // Hiding the edit by recomputing its hash breaks the link from entry 8 instead.
      await superuser.query(
        `UPDATE audit_ledger SET hash = encode(sha256(convert_to(audit_entry_text(seq, prev_hash, at, kind, user_id, detail), 'UTF8')), 'hex') WHERE seq = 7`,
      );
      await expect(serverAuditVerify([])).rejects.toThrow(/broken at entry 8: .*does not link to entry 7/);
      // Removing the newest entries is seen at the head.
      await superuser.query(`DELETE FROM audit_ledger WHERE seq >= $1`, [total - 1]);
      expect(await verifyLedger(gw.pool)).toMatchObject({ ok: false, broken: { seq: 8 } });
      await superuser.query(`DELETE FROM audit_ledger WHERE seq >= 7`);
      expect(await verifyLedger(gw.pool)).toMatchObject({
        ok: false,
        broken: { seq: 7, problem: expect.stringMatching(/entries after 6 were removed/) },
      });
    } finally {
      await superuser.end();
    }
  });
});
