import { describe, expect, it } from 'vitest';
import { isValidVin } from '../../shared/coverage';
import { INSURANCE_TYPES, statusByCode } from '../../shared/lookups';
import { parseMutation } from '../../shared/mutations/execute';
import { generateAgency, Rng, uuidv7At, vinCheckDigit, type SyntheticStep } from '../../shared/synthetic';

const NOW = '2025-06-15T00:00:00.000Z';
const collect = (leads: number, seed: number, now = NOW) => [...generateAgency({ leads, seed, now })];

describe('synthetic agency: determinism', () => {
  it('gives identical steps and people for the same seed', () => {
    const a = generateAgency({ leads: 40, seed: 11, now: NOW });
    const b = generateAgency({ leads: 40, seed: 11, now: NOW });
    expect(b.users).toEqual(a.users);
    expect(b.teams).toEqual(a.teams);
    const steps = [...a];
    expect(JSON.stringify([...b])).toBe(JSON.stringify(steps));
    // Each iteration starts over.
    expect(JSON.stringify([...a.steps()])).toBe(JSON.stringify(steps));
  });

  it('gives different output for a different seed', () => {
    const a = collect(20, 1);
    const b = collect(20, 2);
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
    const ids = new Set(a.map((s) => s.id));
    expect(b.filter((s) => ids.has(s.id))).toEqual([]);
  });

  it('draws reproducible numbers and well-formed UUIDv7s', () => {
    const r1 = new Rng(5, 1, 2);
    const r2 = new Rng(5, 1, 2);
    const xs = Array.from({ length: 50 }, () => r1.u32());
    expect(Array.from({ length: 50 }, () => r2.u32())).toEqual(xs);
    expect(new Rng(5, 1, 3).u32()).not.toBe(xs[0]);
    const id = uuidv7At(new Rng(1), Date.parse(NOW));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse(NOW));
  });
});

describe('synthetic agency: shape', () => {
  const agency = generateAgency({ leads: 300, seed: 3, now: NOW });
  const steps = [...agency];
  const byLead = new Map<number, SyntheticStep[]>();
  for (const s of steps) byLead.set(s.leadIndex, [...(byLead.get(s.leadIndex) ?? []), s]);
  const per = (pred: (s: SyntheticStep) => boolean) => [...byLead.values()].map((list) => list.filter(pred).length);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const leadArgs = (s: SyntheticStep) => s.args as Record<string, unknown>;

  it('has the people: 1 admin, 2 managers, 8 agents, 2 staff in 2 teams', () => {
    const roles = agency.users.map((u) => u.role);
    expect(agency.teams).toHaveLength(2);
    expect(roles.filter((r) => r === 'admin')).toHaveLength(1);
    expect(roles.filter((r) => r === 'manager')).toHaveLength(2);
    expect(roles.filter((r) => r === 'agent')).toHaveLength(8);
    expect(roles.filter((r) => r === 'staff')).toHaveLength(2);
    expect(new Set(agency.users.map((u) => u.email)).size).toBe(agency.users.length);
    const agents = new Set(agency.users.filter((u) => u.role === 'agent').map((u) => u.id));
    expect(steps.every((s) => agents.has(s.actorId))).toBe(true);
  });

  it('staffs a large book like a 200-agent agency: ~5,000 leads an agent, a team per 10 agents', () => {
    const big = generateAgency({ leads: 1_000_000, seed: 3, now: NOW });
    const count = (role: string) => big.users.filter((u) => u.role === role).length;
    expect([big.teams.length, count('admin'), count('manager'), count('agent'), count('staff')]).toEqual([
      20, 1, 20, 200, 50,
    ]);
    expect(new Set(big.users.map((u) => u.email)).size).toBe(big.users.length);
    expect(new Set(big.teams.map((t) => t.name)).size).toBe(20);
    // Business leads go to the commercial teams' agents, half the teams.
    const commercialTeams = new Set(big.agents.filter((a) => a.commercial).map((a) => a.teamId));
    expect(commercialTeams.size).toBe(10);
    const ownerOf = new Map(big.agents.map((a) => [a.id, a]));
    const owners = new Set<string>();
    let n = 0;
    for (const s of big) {
      if (s.name !== 'createLead') continue;
      owners.add(s.actorId);
      expect(ownerOf.get(s.actorId)!.commercial).toBe(leadArgs(s).lead_type === 'business');
      if (++n === 3000) break;
    }
    expect(owners.size).toBeGreaterThan(150);
  });

  it('is time-ordered within the last 18 months, with valid arguments', () => {
    expect(steps.filter((s, i) => i > 0 && s.createdAt <= steps[i - 1]!.createdAt)).toEqual([]);
    expect(steps[0]!.createdAt >= agency.start).toBe(true);
    expect(steps.at(-1)!.createdAt < NOW).toBe(true);
    expect(Date.parse(NOW) - Date.parse(agency.start)).toBeLessThanOrEqual(550 * 86_400_000);
    const invalid: string[] = [];
    for (const s of steps) {
      try {
        parseMutation(s.name, s.args);
      } catch (err) {
        invalid.push(`${s.name}: ${(err as Error).message}`);
      }
    }
    expect(invalid).toEqual([]);
    expect(new Set(steps.map((s) => s.id)).size).toBe(steps.length);
  });

  it('gives each lead one create, one address, 1-3 contacts, 0-2 opportunities', () => {
    expect(per((s) => s.name === 'createLead').every((n) => n === 1)).toBe(true);
    expect(per((s) => s.name === 'upsertAddress').every((n) => n === 1)).toBe(true);
    const contacts = per((s) => s.name === 'addContact');
    expect(Math.min(...contacts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...contacts)).toBeLessThanOrEqual(3);
    const opps = per((s) => s.name === 'createOpportunity');
    expect(Math.max(...opps)).toBeLessThanOrEqual(2);
    expect(mean(opps)).toBeGreaterThan(1.1);
    expect(mean(opps)).toBeLessThan(1.9);
  });

  it('averages about 10 notes and 5 communications per lead', () => {
    const notes = per((s) => s.name === 'addNote' && leadArgs(s).lead_id !== undefined);
    const comms = per((s) => s.name === 'logCommunication' && leadArgs(s).lead_id !== undefined);
    expect(Math.max(...notes)).toBeLessThanOrEqual(16);
    expect(Math.max(...comms)).toBeLessThanOrEqual(8);
    expect(mean(notes)).toBeGreaterThan(8.5);
    expect(mean(notes)).toBeLessThan(11.5);
    expect(mean(comms)).toBeGreaterThan(4);
    expect(mean(comms)).toBeLessThan(6);
  });

  it('converts about 20%, loses about 15%, and mixes 70/30 personal and business', () => {
    const n = byLead.size;
    const converted = steps.filter((s) => s.name === 'convertLead').length / n;
    const lostIds = new Set([statusByCode('lost').id, statusByCode('unresponsive').id]);
    const lost =
      steps.filter((s) => s.name === 'changeLeadStatus' && lostIds.has(String(leadArgs(s).status_id))).length / n;
    const business = steps.filter((s) => s.name === 'createLead' && leadArgs(s).lead_type === 'business').length / n;
    expect(converted).toBeGreaterThan(0.13);
    expect(converted).toBeLessThan(0.27);
    expect(lost).toBeGreaterThan(0.09);
    expect(lost).toBeLessThan(0.21);
    expect(business).toBeGreaterThan(0.22);
    expect(business).toBeLessThan(0.38);
    const statuses = new Set(steps.filter((s) => s.name === 'changeLeadStatus').map((s) => leadArgs(s).status_id));
    for (const code of ['qualified', 'quoting', 'quoted', 'negotiating', 'nurture'])
      expect(statuses.has(statusByCode(code).id)).toBe(true);
  });

  it('schedules follow-ups for open leads: some overdue, some due today, some later', () => {
    const last = new Map<number, string>();
    for (const s of steps) if (s.name === 'scheduleFollowUp') last.set(s.leadIndex, String(leadArgs(s).at));
    const today = NOW.slice(0, 10);
    const due = [...last.values()];
    expect(due.some((at) => at < NOW)).toBe(true);
    expect(due.some((at) => at >= NOW && at.startsWith(today))).toBe(true);
    expect(due.some((at) => at.slice(0, 10) > today)).toBe(true);
  });

  it('attaches coverage by insurance type, with valid VINs', () => {
    const typeById = new Map(INSURANCE_TYPES.map((t) => [t.id, t]));
    const vins: string[] = [];
    for (const s of steps) {
      if (s.name === 'setCoverage')
        vins.push(...(s.args.doc as { vehicles: Array<{ vin: string }> }).vehicles.map((v) => v.vin));
      if (s.name !== 'createLead') continue;
      const type = typeById.get(s.args.insurance_type_id)!;
      const docs = new Map((s.args.coverage ?? []).map((c) => [c.column, c.doc as Record<string, unknown>]));
      if (type.coverageDoc) expect(docs.has(type.coverageDoc), `${type.code} lead has ${type.coverageDoc}`).toBe(true);
      const auto = docs.get('auto_data') as { vehicles: Array<{ vin: string }>; drivers: unknown[] } | undefined;
      if (auto) {
        expect(auto.vehicles.length).toBeGreaterThanOrEqual(1);
        expect(auto.vehicles.length).toBeLessThanOrEqual(3);
        expect(auto.drivers.length).toBeGreaterThanOrEqual(1);
        expect(auto.drivers.length).toBeLessThanOrEqual(3);
        vins.push(...auto.vehicles.map((v) => v.vin));
      }
      const commercial = docs.get('commercial_data') as { locations: unknown[] } | undefined;
      if (type.line === 'commercial') expect(commercial?.locations.length).toBeGreaterThanOrEqual(1);
      const specialty = docs.get('specialty_data') as { items: Array<{ vin?: string; hin?: string }> } | undefined;
      for (const item of specialty?.items ?? []) {
        if (item.vin) vins.push(item.vin);
        if (item.hin) expect(item.hin).toMatch(/^[A-Z]{3}[A-Z0-9]{9}$/);
      }
    }
    expect(vins.length).toBeGreaterThan(50);
    expect(vins.filter((v) => !isValidVin(v))).toEqual([]);
  });

  it('computes the VIN check digit as 49 CFR 565 does', () => {
    expect(vinCheckDigit('1HGCM82633A004352')).toBe('3');
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
  });
});
