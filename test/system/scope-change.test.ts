import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SyncEngine } from '../../electron/main/sync/engine';
import { replicaScope } from '../../electron/main/sync/scope';
import { deviceId, signIn, storedSession } from '../../electron/main/sync/session';
import { searchAll } from '../../db/queries/search';
import { upsertUser } from '../../server/admin';
import { uuidv7 } from '../../shared/ids';
import { insuranceTypeByCode } from '../../shared/lookups';
import { SCOPE_HEADER } from '../../shared/sync/protocol';
import { differences } from '../sync/compare';
import { engineFor, localOnly, openDevice, type Device } from '../sync/scenario';
import { startSystem, type System, type SystemUser } from '../sync/system';

/**
 * Scope changes on the real gateway, Postgres and replica files: a demoted manager's replica
 * drops the team's rows (search included) and keeps syncing, promoted back they return; a
 * different user signing in on a replica gets a clean one and the previous user's unpushed work
 * comes back only to them; a user moved to another team takes their rows along, and both
 * teams' replicas follow. Each sync must finish promptly (a refused shape handle once made
 * sync retry until its timeout).
 */
let system: System;
const dir = mkdtempSync(join(tmpdir(), 'fieldline-scope-'));
const AUTO = insuranceTypeByCode('auto').id;
/** Well under the 300 s the CLI waits: a scope change must not cost a timeout. */
const PROMPT_MS = 30_000;

beforeAll(async () => {
  system = await startSystem(inject('databaseUrl'), [
    { email: 'mia@agency.test', role: 'manager', team: 'North' },
    { email: 'ana@agency.test', role: 'agent', team: 'North' },
    { email: 'ben@agency.test', role: 'agent', team: 'North' },
    { email: 'nat@agency.test', role: 'manager', team: 'East' },
    { email: 'wes@agency.test', role: 'manager', team: 'West' },
    { email: 'eli@agency.test', role: 'agent', team: 'East' },
  ]);
}, 60_000);
afterAll(async () => system?.stop());

const user = (email: string) => system.users.find((u) => u.email === email)!;
let files = 0;
const devices: Device[] = [];
afterAll(() => devices.forEach((d) => d.app.close()));
async function device(email: string) {
  const d = await openDevice(system.url, user(email), join(dir, `replica-${files++}.db`));
  devices.push(d);
  return d;
}

/** An engine whose requests go through `fetch` (a stand-in for what lies between it and the gateway). */
const engineWith = (d: Device, fetch: typeof globalThis.fetch) =>
  new SyncEngine({
    db: d.app.db,
    writer: d.app.writer,
    actor: d.app.actor,
    refreshActor: d.app.refreshActor,
    serverUrl: system.url,
    token: storedSession(d.app.db)!.token,
    clientId: deviceId(d.app.db),
    fetch,
  });

/** Syncs until up to date, failing if that takes more than PROMPT_MS. */
async function sync(d: Device) {
  const t0 = Date.now();
  const r = await engineFor(d, system.url).syncOnce(PROMPT_MS);
  return { ...r, ms: Date.now() - t0 };
}

async function addLead(d: Device, lastName: string) {
  const { result } = await d.app.writer.mutate('createLead', {
    first_name: 'Pat',
    last_name: lastName,
    insurance_type_id: AUTO,
  });
  const id = (result as { id: string }).id;
  await d.app.writer.mutate('addNote', { lead_id: id, body: `Wants a quote for ${lastName}` });
  return id;
}

/** Changes a user's role or team as an administrator does (`server:user`). */
async function setUser(email: string, role: SystemUser['role'], team: string) {
  const r = await upsertUser(system.admin, { email, password: user(email).password, role, team });
  Object.assign(user(email), { role: r.user.role, team_id: r.user.team_id });
  return r;
}

const count = (d: Device, sql: string, ...params: unknown[]) =>
  (d.app.db
    .prepare(sql)
    .pluck()
    .get(...params) as number) ?? 0;
const leadsOf = (d: Device, ids: string[]) =>
  count(d, `SELECT count(*) FROM leads WHERE id IN (${ids.map(() => '?').join(',')})`, ...ids);
/** What search and the Leads list hold for these leads: index entries, list items, notes indexed. */
const derivedOf = (d: Device, ids: string[]) =>
  count(
    d,
    `SELECT (SELECT count(*) FROM search_map WHERE ref_id IN (${ids.map(() => '?').join(',')})
              OR ref_id IN (SELECT id FROM lead_notes WHERE lead_id IN (${ids.map(() => '?').join(',')})))
          + (SELECT count(*) FROM lead_list_items WHERE lead_id IN (${ids.map(() => '?').join(',')}))`,
    ...ids,
    ...ids,
    ...ids,
  );
const outboxSize = (d: Device) => count(d, `SELECT count(*) FROM outbox WHERE status != 'rejected'`);
const expectEqualToServer = async (d: Device) =>
  expect(await differences(system.admin, d.app.db, d.user, localOnly(d)), d.user.email).toEqual([]);

describe('a role change', () => {
  it('demoted, the team’s rows go (search too) and sync goes on; promoted back, they return', async () => {
    const ana = await device('ana@agency.test');
    const ben = await device('ben@agency.test');
    const anaLeads = [await addLead(ana, 'Quillfeather'), await addLead(ana, 'Quillfeather')];
    const benLeads = [await addLead(ben, 'Brightwater')];
    await sync(ana);
    await sync(ben);

    const mia = await device('mia@agency.test');
    await addLead(mia, 'Marchbank');
    await sync(mia);
    expect(leadsOf(mia, [...anaLeads, ...benLeads])).toBe(3);
    expect(searchAll(mia.app.db, 'Quillfeather').length).toBeGreaterThan(0);
    const scope = await fetch(`${system.url}/v1/me`, {
      headers: { authorization: `Bearer ${storedSession(mia.app.db)!.token}` },
    }).then((r) => r.json() as Promise<{ scope: string }>);

    // Offline work queued before the demotion: a new lead and an edit of her own.
    const pendingLead = await addLead(mia, 'Pendleford');
    await mia.app.writer.mutate('updateLead', { id: pendingLead, patch: { phone: '555-0101' } });
    await setUser('mia@agency.test', 'agent', 'North');

    const demoted = await sync(mia);
    expect(demoted.ms).toBeLessThan(PROMPT_MS);
    console.info(`scope change: the demoted manager's replica re-synced its new scope in ${demoted.ms} ms`);
    expect(leadsOf(mia, [...anaLeads, ...benLeads])).toBe(0);
    expect(derivedOf(mia, [...anaLeads, ...benLeads])).toBe(0);
    expect(searchAll(mia.app.db, 'Quillfeather')).toEqual([]);
    expect(searchAll(mia.app.db, 'Pendleford').length).toBeGreaterThan(0);
    expect(mia.app.actor().role).toBe('agent');
    expect(outboxSize(mia)).toBe(0);
    const { rows } = await system.admin.query('SELECT phone, owner_id FROM leads WHERE id = $1', [pendingLead]);
    expect(rows).toEqual([{ phone: '555-0101', owner_id: user('mia@agency.test').id }]);
    await expectEqualToServer(mia);
    const after = await fetch(`${system.url}/v1/shape?table=leads&offset=-1`, {
      headers: { authorization: `Bearer ${storedSession(mia.app.db)!.token}` },
    });
    await after.body?.cancel();
    expect(after.headers.get(SCOPE_HEADER)).not.toBe(scope.scope);

    // The replica keeps syncing its new scope: her new work goes up, the team's new work stays out.
    const laterAna = await addLead(ana, 'Quillfeather');
    await sync(ana);
    await addLead(mia, 'Marchbank');
    const quiet = await sync(mia);
    expect(quiet.ms).toBeLessThan(PROMPT_MS);
    expect(leadsOf(mia, [laterAna])).toBe(0);
    await expectEqualToServer(mia);

    // Promoted back, with an edit queued; the first engine stops right after the old scope is
    // dropped (the app closed mid-change): the next sync finishes the change, the edit kept.
    await setUser('mia@agency.test', 'manager', 'North');
    await mia.app.writer.mutate('updateLead', { id: pendingLead, patch: { phone: '555-0102' } });
    const interrupted = engineFor(mia, system.url);
    interrupted.start();
    while (!replicaScope(mia.app.db)?.resyncing) await new Promise((r) => setTimeout(r, 5));
    interrupted.stop();
    await sync(mia);
    expect(replicaScope(mia.app.db)?.resyncing).toBe(false);
    expect(mia.app.db.prepare('SELECT phone FROM leads WHERE id = ?').pluck().get(pendingLead)).toBe('555-0102');
    expect(leadsOf(mia, [...anaLeads, ...benLeads, laterAna])).toBe(4);
    expect(searchAll(mia.app.db, 'Quillfeather').length).toBeGreaterThan(0);
    expect(derivedOf(mia, [laterAna])).toBeGreaterThan(0);
    expect(mia.app.actor().role).toBe('manager');
    await expectEqualToServer(mia);
  }, 120_000);
});

describe('a shape refused with no scope named', () => {
  /** The gateway's answers with the scope header taken out, as a proxy on the way might. */
  const withoutScope: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const headers = new Headers(res.headers);
    headers.delete(SCOPE_HEADER);
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
  const engine = (d: Device) => engineWith(d, withoutScope);

  it('asks the gateway: a changed scope is taken at once, any other refusal stops sync with its reason', async () => {
    const ben = await device('ben@agency.test');
    await engine(ben).syncOnce(PROMPT_MS);
    const anas = (
      await system.admin.query<{ id: string }>('SELECT id FROM leads WHERE owner_id = $1', [user('ana@agency.test').id])
    ).rows.map((r) => r.id);
    expect(leadsOf(ben, anas)).toBe(0);
    await setUser('ben@agency.test', 'staff', 'North');
    const t0 = Date.now();
    await engine(ben).syncOnce(PROMPT_MS);
    expect(Date.now() - t0).toBeLessThan(PROMPT_MS);
    expect(leadsOf(ben, anas)).toBe(anas.length);
    await expectEqualToServer(ben);

    // A stored position holding another shape's handle (the scope is unchanged): the refusal stands.
    ben.app.db
      .prepare(
        `UPDATE sync_state SET handle = (SELECT handle FROM sync_state WHERE shape = 'teams') WHERE shape = 'leads'`,
      )
      .run();
    const t1 = Date.now();
    await expect(engine(ben).syncOnce(PROMPT_MS)).rejects.toThrow(/sync stopped: .*400|handle/i);
    expect(Date.now() - t1).toBeLessThan(10_000);
    await setUser('ben@agency.test', 'agent', 'North');
  }, 120_000);
});

describe('another user signing in on a replica', () => {
  it('gets a clean replica; the previous user’s unpushed work waits for them alone', async () => {
    const ben = user('ben@agency.test');
    const d = await device('ana@agency.test');
    await addLead(d, 'Openshaw');
    await sync(d);
    const synced = count(d, 'SELECT count(*) FROM leads');
    expect(synced).toBeGreaterThan(0);
    const secret = await addLead(d, 'Hushwillow');
    await d.app.writer.mutate('updateLead', { id: secret, patch: { email: 'hush@example.com' } });
    expect(outboxSize(d)).toBe(3);
    // Her inbox holds a refusal with her data in it: it goes aside with her work.
    d.app.db
      .prepare(`INSERT INTO conflicts (id, kind, reason, local_value) VALUES (?, 'rejected', ?, ?)`)
      .run(uuidv7(), 'refused for the test', JSON.stringify({ last_name: 'Hushwillow' }));

    await signIn(d.app.db, system.url, ben.email, ben.password);
    d.app.refreshActor();
    const asBen = { ...d, user: ben };
    expect(count(d, 'SELECT count(*) FROM leads')).toBe(0);
    expect(searchAll(d.app.db, 'Hushwillow')).toEqual([]);
    expect(count(d, 'SELECT count(*) FROM outbox')).toBe(0);
    expect(count(d, 'SELECT count(*) FROM conflicts')).toBe(0);
    expect(derivedOf(d, [secret])).toBe(0);
    await sync(asBen);
    expect(searchAll(d.app.db, 'Hushwillow')).toEqual([]);
    expect(count(d, 'SELECT count(*) FROM leads WHERE id = ?', secret)).toBe(0);
    expect((await system.admin.query('SELECT 1 FROM leads WHERE id = $1', [secret])).rowCount).toBe(0);
    await expectEqualToServer(asBen);

    // Ben's own work on this replica, then Ana again: hers comes back and goes up as hers.
    const bens = await addLead(asBen, 'Brightwater');
    await sync(asBen);
    await signIn(d.app.db, system.url, d.user.email, d.user.password);
    d.app.refreshActor();
    expect(outboxSize(d)).toBe(3);
    expect(d.app.db.prepare('SELECT reason FROM conflicts').pluck().all()).toEqual(['refused for the test']);
    await sync(d);
    expect(outboxSize(d)).toBe(0);
    const { rows } = await system.admin.query('SELECT owner_id, email FROM leads WHERE id = $1', [secret]);
    expect(rows).toEqual([{ owner_id: d.user.id, email: 'hush@example.com' }]);
    expect(searchAll(d.app.db, 'Hushwillow').length).toBeGreaterThan(0);
    expect(count(d, 'SELECT count(*) FROM leads WHERE id = ?', bens)).toBe(0);
    await expectEqualToServer(d);
  }, 120_000);
});

describe('a user moved to another team', () => {
  it('takes their rows along; their queued edits go through and both teams’ replicas follow', async () => {
    const eli = await device('eli@agency.test');
    const ids = [await addLead(eli, 'Eastwick'), await addLead(eli, 'Eastwick')];
    await sync(eli);
    const east = await device('nat@agency.test');
    const west = await device('wes@agency.test');
    await sync(east);
    await sync(west);
    expect(leadsOf(east, ids)).toBe(2);
    expect(leadsOf(west, ids)).toBe(0);

    await eli.app.writer.mutate('updateLead', { id: ids[0], patch: { phone: '555-0199' } });
    const moved = await setUser('eli@agency.test', 'agent', 'West');
    expect(moved.rows_moved).toMatchObject({ leads: 2, lead_notes: 2 });
    const west_id = user('eli@agency.test').team_id;
    const stranded = await system.admin.query(
      'SELECT id FROM leads WHERE owner_id = $1 AND team_id IS DISTINCT FROM $2',
      [user('eli@agency.test').id, west_id],
    );
    expect(stranded.rows).toEqual([]);

    const r = await sync(eli);
    expect(r.rejected).toBe(0);
    expect(count(eli, `SELECT count(*) FROM outbox`)).toBe(0);
    expect((await system.admin.query('SELECT phone FROM leads WHERE id = $1', [ids[0]])).rows).toEqual([
      { phone: '555-0199' },
    ]);
    await sync(east);
    await sync(west);
    expect(leadsOf(east, ids)).toBe(0);
    expect(searchAll(east.app.db, 'Eastwick')).toEqual([]);
    expect(leadsOf(west, ids)).toBe(2);
    expect(searchAll(west.app.db, 'Eastwick').length).toBeGreaterThan(0);
    for (const d of [eli, east, west]) await expectEqualToServer(d);
  }, 120_000);
});

describe('a replica synced before scopes were recorded', () => {
  it('re-syncs its owned rows once, even when the scope changed meanwhile', async () => {
    const wes = await device('wes@agency.test');
    await addLead(wes, 'Westholm');
    await sync(wes);
    const forget = () => wes.app.db.prepare(`DELETE FROM local_settings WHERE key = 'sync.scope'`).run();
    forget();
    await sync(wes);
    expect(replicaScope(wes.app.db)?.fingerprint).toBeTruthy();
    await expectEqualToServer(wes);
    forget();
    await setUser('wes@agency.test', 'agent', 'West');
    // The agency tables' answers (whose shapes no scope changes) come first: they must not
    // vouch for the owned tables' positions.
    const ownedLater: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (
        /table=(leads|lead_|clients|contacts|addresses|opportunities|support|ai_|timeline|campaign_en)/.test(
          String(input),
        )
      )
        await new Promise((r) => setTimeout(r, 300));
      return res;
    };
    const t0 = Date.now();
    await engineWith(wes, ownedLater).syncOnce(PROMPT_MS);
    expect(Date.now() - t0).toBeLessThan(PROMPT_MS);
    expect(
      leadsOf(
        wes,
        (await system.admin.query<{ id: string }>('SELECT id FROM leads')).rows.map((x) => x.id),
      ),
    ).toBe(count(wes, 'SELECT count(*) FROM leads WHERE owner_id = ?', user('wes@agency.test').id));
    await expectEqualToServer(wes);
  }, 120_000);
});
