/**
 * The book of business through the real gateway and shape server: an agent's policies, terms and
 * household reach their manager's replica and never an agent of another team; carriers (a lookup)
 * reach everyone, including one a manager adds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CARRIER_SEEDS, insuranceTypeByCode } from '../../shared/lookups';
import { engineFor, openDevice, type Device } from '../sync/scenario';
import { startSystem, type System } from '../sync/system';

let system: System;
const dir = mkdtempSync(join(tmpdir(), 'fieldline-book-sync-'));
const devices: Device[] = [];

beforeAll(async () => {
  system = await startSystem(inject('databaseUrl'), [
    { email: 'ana@agency.test', role: 'agent', team: 'North' },
    { email: 'mia@agency.test', role: 'manager', team: 'North' },
    { email: 'oli@agency.test', role: 'agent', team: 'South' },
  ]);
}, 60_000);
afterAll(async () => {
  for (const d of devices) d.app.close();
  await system?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function mutate(d: Device, name: string, args: unknown) {
  const { result } = await d.app.writer.mutate(name, args);
  return result as Record<string, string>;
}
const ids = (d: Device, table: string) =>
  (d.app.db.prepare(`SELECT id FROM "${table}" ORDER BY id`).all() as Array<{ id: string }>).map((r) => r.id);

describe('sync of the book of business', () => {
  it("carries policies, terms and households to the manager's replica, not to another team's agent", async () => {
    const [ana, mia, oli] = await Promise.all(
      system.users.map((u, i) => openDevice(system.url, u, join(dir, `${i}.db`))),
    );
    devices.push(ana!, mia!, oli!);
    const lead = await mutate(ana!, 'createLead', {
      last_name: 'Okafor',
      insurance_type_id: insuranceTypeByCode('auto').id,
      quoted_premium: 1400,
    });
    const converted = await mutate(ana!, 'convertLead', {
      lead_id: lead.id,
      carrier_id: CARRIER_SEEDS[1]!.id,
      policy_number: 'TRV-9',
      effective_date: '2025-02-01',
    });
    const next = await mutate(ana!, 'renewPolicy', { policy_id: converted.policy_id, written_premium: 1540 });
    const household = await mutate(ana!, 'setHousehold', {
      client_id: converted.client_id,
      new_household: { name: 'Okafor family' },
    });
    const carrier = await mutate(mia!, 'addCarrier', { name: 'Lakeshore Mutual', lines: ['auto'] });
    for (const d of [ana!, mia!, ana!, mia!, oli!]) await engineFor(d, system.url).syncOnce(120_000);

    const terms = [converted.policy_id!, next.id!].sort();
    expect(ids(mia!, 'policies')).toEqual(terms);
    expect(ids(mia!, 'households')).toEqual([household.household_id]);
    expect(
      mia!.app.db
        .prepare('SELECT renews_policy_id, written_premium, premium_change_pct FROM policies WHERE id = ?')
        .get(next.id),
    ).toEqual({
      renews_policy_id: converted.policy_id,
      written_premium: 1540,
      premium_change_pct: 10,
    });
    expect(ids(oli!, 'policies')).toEqual([]);
    expect(ids(oli!, 'households')).toEqual([]);
    expect(ids(oli!, 'clients')).toEqual([]);
    for (const d of [ana!, mia!, oli!]) expect(ids(d, 'carriers')).toContain(carrier.id);
    const { rows } = await system.admin.query('SELECT id FROM policies ORDER BY id');
    expect(rows.map((r: { id: string }) => r.id)).toEqual(terms);
  }, 300_000);
});
