import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CURRENT_VERSION, validateCoverage, type CoverageColumn } from '../../../shared/coverage';
import { commercialV1, homeV1, specialtyV1 } from './fixtures';

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-06-15T12:00:00Z'));
});
afterAll(() => {
  vi.useRealTimers();
});

type Doc = Record<string, unknown>;
const clone = <T>(v: T): T => structuredClone(v);

function failurePath(column: CoverageColumn, doc: unknown): string {
  const r = validateCoverage(column, 1, doc);
  if (r.ok) throw new Error('expected validation to fail');
  return r.error.path;
}

describe('home_data v1', () => {
  it('accepts a full doc and a minimal one', () => {
    expect(validateCoverage('home_data', 1, clone(homeV1))).toMatchObject({ ok: true, version: CURRENT_VERSION.home_data });
    const minimal = { yearBuilt: 2024, squareFeet: 900, construction: 'masonry', roofType: 'metal', stories: 1, occupancy: 'tenant' };
    const r = validateCoverage('home_data', 1, minimal);
    expect(r.ok && r.value.features).toEqual({});
    expect(r.ok && r.value.priorClaims).toEqual([]);
  });

  it.each<[string, (d: Doc & typeof homeV1) => void]>([
    ['construction', (d) => { d.construction = 'straw'; }],
    ['roofYear', (d) => { d.roofYear = 1950; }],
    ['stories', (d) => { d.stories = 1.25; }],
    ['protectionClass', (d) => { d.protectionClass = '11'; }],
    ['features.dog.breed', (d) => { d.features.dog.breed = ''; }],
    ['priorClaims[0].amount', (d) => { d.priorClaims[0]!.amount = -1; }],
    ['priorClaims[0].date', (d) => { d.priorClaims[0]!.date = '2020-13-01'; }],
    ['coverageA', (d) => { d.coverageA = Number.POSITIVE_INFINITY; }],
    ['yearBuilt', (d) => { d.yearBuilt = 2028; }],
  ])('names home_data.%s', (path, mutate) => {
    const doc = clone(homeV1);
    mutate(doc);
    expect(failurePath('home_data', doc)).toBe(`home_data.${path}`);
  });
});

describe('specialty_data v1', () => {
  it('accepts valid items and normalizes HIN spacing', () => {
    const doc = clone(specialtyV1);
    doc.items[0]!.hin = 'ser-v1234-c616';
    const r = validateCoverage('specialty_data', 1, doc);
    expect(r.ok).toBe(true);
    expect(r.ok && r.value.items[0]?.hin).toBe('SERV1234C616');
    expect(validateCoverage('specialty_data', 1, { items: [] }).ok).toBe(true);
  });

  it.each<[string, (d: typeof specialtyV1 & Doc) => void]>([
    ['items[1].vin', (d) => { d.items[1]!.vin = '1M8GDM9AXKP042789'; }],
    ['items[0].hin', (d) => { d.items[0]!.hin = '12345'; }],
    ['items[2].value', (d) => { d.items[2]!.value = -5; }],
    ['items[3].kind', (d) => { d.items[3]!.kind = 'painting'; }],
    ['items[3].description', (d) => { d.items[3]!.description = ''; }],
    ['items', (d) => { d.items = 'boat' as never; }],
  ])('names specialty_data.%s', (path, mutate) => {
    const doc = clone(specialtyV1);
    mutate(doc);
    expect(failurePath('specialty_data', doc)).toBe(`specialty_data.${path}`);
  });
});

describe('commercial_data v1', () => {
  it('accepts a full doc and a minimal one', () => {
    expect(validateCoverage('commercial_data', 1, clone(commercialV1)).ok).toBe(true);
    const r = validateCoverage('commercial_data', 1, { businessType: 'Plumber', locations: [], coveragesRequested: ['general_liability'] });
    expect(r.ok && r.value.priorLosses).toEqual([]);
  });

  it.each<[string, (d: typeof commercialV1 & Doc) => void]>([
    ['naicsCode', (d) => { d.naicsCode = '7225155'; }],
    ['employees.partTime', (d) => { d.employees.partTime = 1.5; }],
    ['locations[1].address.postalCode', (d) => { d.locations[1]!.address.postalCode = '62704-12'; }],
    ['locations[1].address.state', (d) => { d.locations[1]!.address.state = 'Illinois'; }],
    ['locations[1].isPrimary', (d) => { d.locations[1]!.isPrimary = true; }],
    ['priorLosses[0].kind', (d) => { d.priorLosses[0]!.kind = 'flood'; }],
    ['coveragesRequested[1]', (d) => { d.coveragesRequested[1] = 'life'; }],
    ['coveragesRequested[3]', (d) => { d.coveragesRequested.push('bop'); }],
    ['businessType', (d) => { d.businessType = 42 as never; }],
  ])('names commercial_data.%s', (path, mutate) => {
    const doc = clone(commercialV1);
    mutate(doc);
    expect(failurePath('commercial_data', doc)).toBe(`commercial_data.${path}`);
  });
});
