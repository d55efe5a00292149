/**
 * The demo agency on a real replica file: it loads only into an empty replica that is not signed in,
 * fills every screen's tables without a single outbox entry, refuses sign-in while loaded, and
 * clearing it leaves the replica as it was (lookups kept, the device's own user back, outbox empty).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type FieldlineApp } from '../../electron/main/app';
import type { CommandInput, CommandName, CommandOutput } from '../../shared/api/contract';
import type { Result } from '../../shared/errors';
import { insuranceTypeByCode } from '../../shared/lookups';

const opened: Array<{ app: FieldlineApp; dir: string }> = [];

function fresh(): FieldlineApp {
  const dir = mkdtempSync(join(tmpdir(), 'fieldline-demo-'));
  const app = openApp(join(dir, 'replica.db'));
  opened.push({ app, dir });
  return app;
}

afterEach(() => {
  for (const { app, dir } of opened.splice(0)) {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function call<C extends CommandName>(app: FieldlineApp, name: C, input: CommandInput<C>) {
  return (await app.dispatch(name, input)) as Result<CommandOutput<C>>;
}

async function ok<C extends CommandName>(app: FieldlineApp, name: C, input: CommandInput<C>) {
  const res = await call(app, name, input);
  if (!res.ok) throw new Error(`${name}: ${res.error.message}`);
  return res.value;
}

const count = (app: FieldlineApp, table: string) =>
  (app.db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;

describe('demo agency', () => {
  it('loads into an empty replica with no outbox entry, acting as one of its agents', async () => {
    const app = fresh();
    const own = app.actor();
    expect(await ok(app, 'demo.status', {})).toMatchObject({ loaded: false, can_load: true, reason: null });

    const status = await ok(app, 'demo.load', {});
    expect(status).toMatchObject({ loaded: true, can_load: false });
    expect(count(app, 'leads')).toBeGreaterThan(300);
    expect(count(app, 'clients')).toBeGreaterThan(10);
    expect(count(app, 'lead_notes')).toBeGreaterThan(100);
    expect(count(app, 'outbox')).toBe(0);

    const me = app.actor();
    expect(me.userId).not.toBe(own.userId);
    expect(me.role).toBe('agent');
    const mine = app.db.prepare('SELECT count(*) AS n FROM leads WHERE owner_id = ?').get(me.userId) as { n: number };
    expect(mine.n).toBeGreaterThan(0);
    // The search index was built for the loaded rows.
    const someone = app.db.prepare('SELECT last_name FROM leads WHERE last_name IS NOT NULL LIMIT 1').get() as {
      last_name: string;
    };
    expect((await ok(app, 'search.global', { text: someone.last_name, limit: 5 })).length).toBeGreaterThan(0);
    expect((await ok(app, 'today.list', { limit: 50 })).items.length).toBeGreaterThan(0);
  });

  it('refuses sign-in while loaded, and a second load', async () => {
    const app = fresh();
    await ok(app, 'demo.load', {});
    const signIn = await call(app, 'sync.signIn', {
      server: 'http://127.0.0.1:1',
      email: 'ann@agency.test',
      password: 'correct horse battery',
    });
    expect(signIn.ok).toBe(false);
    if (!signIn.ok) {
      expect(signIn.error.code).toBe('precondition_failed');
      expect(signIn.error.message).toMatch(/demo agency.*Clear it in Settings/);
    }
    const again = await call(app, 'demo.load', {});
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toMatch(/already loaded/);
  });

  it('is refused on a replica that already holds work of its own', async () => {
    const app = fresh();
    await ok(app, 'mutate', {
      name: 'createLead',
      args: {
        lead_type: 'individual',
        first_name: 'Ana',
        last_name: 'Silva',
        insurance_type_id: insuranceTypeByCode('auto').id,
      },
    });
    expect(await ok(app, 'demo.status', {})).toMatchObject({ can_load: false });
    const res = await call(app, 'demo.load', {});
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toMatch(/waiting to be pushed|already holds/);
    expect(count(app, 'leads')).toBe(1);
  });

  it('clears every demo row, the work done on them and the demo identity; lookups stay', async () => {
    const app = fresh();
    const own = app.actor();
    const lookups = count(app, 'lead_statuses') + count(app, 'insurance_types') + count(app, 'communication_types');
    await ok(app, 'demo.load', {});
    const lead = app.db.prepare('SELECT id FROM leads WHERE owner_id = ? LIMIT 1').get(app.actor().userId) as {
      id: string;
    };
    await ok(app, 'mutate', { name: 'addNote', args: { lead_id: lead.id, body: 'Tried the demo' } });
    expect(count(app, 'outbox')).toBe(1);

    expect(await ok(app, 'demo.clear', {})).toMatchObject({ loaded: false, can_load: true });
    for (const table of ['leads', 'clients', 'lead_notes', 'timeline_events', 'teams', 'outbox', 'lead_list_items'])
      expect(count(app, table), table).toBe(0);
    expect(count(app, 'users')).toBe(1);
    expect(count(app, 'lead_statuses') + count(app, 'insurance_types') + count(app, 'communication_types')).toBe(
      lookups,
    );
    expect(app.actor()).toEqual(own);
    expect(await ok(app, 'search.global', { text: 'silva', limit: 5 })).toEqual([]);
  });
});
