import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { autoDataSchema, upgradeAutoV1ToV2, autoDataV1Schema, validateCoverage } from '../../../shared/coverage';
import { autoV1, autoV2, driver } from './fixtures';

// latestToday() is then 2025-06-16 (UTC+14), which the age boundary tests rely on.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-06-15T12:00:00Z'));
});
afterAll(() => {
  vi.useRealTimers();
});

const clone = <T>(v: T): T => structuredClone(v);

function errorOf(version: number, doc: unknown) {
  const r = validateCoverage('auto_data', version, doc);
  if (r.ok) throw new Error('expected validation to fail');
  return r.error;
}

describe('auto_data', () => {
  it('accepts a valid v1 doc and upgrades it to v2', () => {
    const r = validateCoverage('auto_data', 1, clone(autoV1));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.version).toBe(2);
    expect(r.value.vehicles.map((v) => v.usage)).toEqual(['personal', 'business']);
    expect(r.value.vehicles[0]?.primaryDriverIndex).toBeUndefined();
    expect(r.value.vehicles[1]?.garagingAddress?.state).toBe('IL');
    expect(r.value.drivers).toHaveLength(2);
    // The upgraded doc is itself a valid current-version doc.
    expect(autoDataSchema.safeParse(r.value).success).toBe(true);
  });

  it('upgrade keeps commute/business/farm usages unchanged', () => {
    const v1 = autoDataV1Schema.parse({
      drivers: [],
      vehicles: (['commute', 'business', 'farm'] as const).map((usage) => ({
        year: 2003, make: 'Honda', model: 'Accord', vin: '1HGCM82633A004352', usage,
      })),
    });
    expect(upgradeAutoV1ToV2(v1).vehicles.map((v) => v.usage)).toEqual(['commute', 'business', 'farm']);
  });

  it('accepts a valid v2 doc', () => {
    const r = validateCoverage('auto_data', 2, clone(autoV2));
    expect(r).toMatchObject({ ok: true, version: 2 });
  });

  it('defaults violations to [] and normalizes VIN and state case', () => {
    const doc = clone(autoV2);
    doc.vehicles[0]!.vin = '1hgcm82633a004352';
    const d = { ...driver, licenseState: 'il' } as Partial<typeof driver>;
    delete d.violations;
    doc.drivers = [d as typeof driver];
    doc.vehicles[0]!.primaryDriverIndex = 0;
    const r = validateCoverage('auto_data', 2, doc);
    expect(r.ok && r.value.drivers[0]?.violations).toEqual([]);
    expect(r.ok && r.value.vehicles[0]?.vin).toBe('1HGCM82633A004352');
    expect(r.ok && r.value.drivers[0]?.licenseState).toBe('IL');
  });

  it('rejects v2 usage names in a v1 doc and v1 names in a v2 doc', () => {
    const v1 = clone(autoV1);
    v1.vehicles[0]!.usage = 'personal';
    expect(errorOf(1, v1).path).toBe('auto_data.vehicles[0].usage');
    const v2 = clone(autoV2);
    v2.vehicles[0]!.usage = 'pleasure';
    expect(errorOf(2, v2).path).toBe('auto_data.vehicles[0].usage');
  });

  it('names vehicles[1].vin for a bad VIN in the second vehicle', () => {
    const doc = clone(autoV1);
    doc.vehicles[1]!.vin = '1M8GDM9A1KP042788';
    const err = errorOf(1, doc);
    expect(err.path).toBe('auto_data.vehicles[1].vin');
    expect(err.message).toMatch(/VIN is invalid/);
  });

  it('rejects a primaryDriverIndex that points past the drivers', () => {
    const doc = clone(autoV2);
    doc.vehicles[0]!.primaryDriverIndex = 2;
    expect(errorOf(2, doc).path).toBe('auto_data.vehicles[0].primaryDriverIndex');
  });

  it.each([
    ['not a real date', '1985-02-30', /real date/],
    ['wrong format', '03/14/1985', /real date/],
    ['a 13-year-old', '2011-06-17', /at least 14/],
    ['born in the future', '2030-01-01', /at least 14/],
    ['before 1900', '1899-12-31', /1900/],
  ])('rejects a date of birth that is %s', (_label, dob, message) => {
    const doc = clone(autoV1);
    doc.drivers[1]!.dateOfBirth = dob;
    const err = errorOf(1, doc);
    expect(err.path).toBe('auto_data.drivers[1].dateOfBirth');
    expect(err.message).toMatch(message);
  });

  it('accepts a driver turning 14 today somewhere on Earth', () => {
    const doc = clone(autoV1);
    doc.drivers[1]!.dateOfBirth = '2011-06-16';
    expect(validateCoverage('auto_data', 1, doc).ok).toBe(true);
  });

  it('checks model year bounds (1900 to next year + 1)', () => {
    for (const [year, ok] of [[1900, true], [2027, true], [1899, false], [2028, false], [2003.5, false]] as const) {
      const doc = clone(autoV1);
      doc.vehicles[0]!.year = year;
      const r = validateCoverage('auto_data', 1, doc);
      expect(r.ok, String(year)).toBe(ok);
      if (!r.ok) expect(r.error.path).toBe('auto_data.vehicles[0].year');
    }
  });

  it.each([
    ['vehicles[0].make', (d: typeof autoV1) => { d.vehicles[0]!.make = '  '; }],
    ['vehicles[1].garagingAddress.state', (d: typeof autoV1) => { d.vehicles[1]!.garagingAddress!.state = 'ZZ'; }],
    ['vehicles[1].garagingAddress.postalCode', (d: typeof autoV1) => { d.vehicles[1]!.garagingAddress!.postalCode = '1234'; }],
    ['vehicles[1].ownership', (d: typeof autoV1) => { d.vehicles[1]!.ownership = 'rented'; }],
    ['drivers[0].licenseState', (d: typeof autoV1) => { d.drivers[0]!.licenseState = 'PR'; }],
    ['drivers[0].violations[0].kind', (d: typeof autoV1) => { d.drivers[0]!.violations[0]!.kind = 'parking'; }],
    ['drivers[0].violations[0].date', (d: typeof autoV1) => { d.drivers[0]!.violations[0]!.date = '2026-01-01'; }],
    ['drivers', (d: typeof autoV1) => { (d as Partial<typeof autoV1>).drivers = undefined; }],
    ['vehicles[0].colour', (d: typeof autoV1) => { Object.assign(d.vehicles[0]!, { colour: 'red' }); }],
  ])('names the path of a bad %s', (path, mutate) => {
    const doc = clone(autoV1);
    mutate(doc);
    expect(errorOf(1, doc).path).toBe(`auto_data.${path}`);
  });
});
