import { describe, expect, it } from 'vitest';
import { COVERAGE_COLUMNS, CURRENT_VERSION, US_STATES, validateCoverage, type CoverageColumn } from '../../../shared/coverage';
import { US_STATES as STATES_DIRECT } from '../../../shared/coverage/us-states';
import { autoV1 } from './fixtures';

describe('registry', () => {
  it('lists the four columns and their current versions', () => {
    expect(COVERAGE_COLUMNS).toEqual(['auto_data', 'home_data', 'specialty_data', 'commercial_data']);
    expect(CURRENT_VERSION).toEqual({ auto_data: 2, home_data: 1, specialty_data: 1, commercial_data: 1 });
  });

  it('exports the 50 states plus DC', () => {
    expect(US_STATES).toBe(STATES_DIRECT);
    expect(new Set(US_STATES).size).toBe(51);
    expect(US_STATES).toContain('DC');
    expect(US_STATES).not.toContain('PR');
  });
});

describe('unknown versions and columns', () => {
  it('rejects an unknown version, naming the version column', () => {
    expect(validateCoverage('auto_data', 7, autoV1)).toEqual({
      ok: false,
      error: { path: 'auto_data_schema_version', message: 'unknown schema version 7 for auto_data (known: 1, 2)' },
    });
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects version %s', (v) => {
    for (const column of COVERAGE_COLUMNS) {
      const r = validateCoverage(column, v, {});
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.path).toBe(`${column}_schema_version`);
    }
  });

  it('rejects a non-number version from an untyped caller', () => {
    const r = validateCoverage('home_data', '1' as unknown as number, {});
    expect(!r.ok && r.error).toEqual({
      path: 'home_data_schema_version',
      message: 'unknown schema version "1" for home_data (known: 1)',
    });
  });

  it.each(['life_data', '__proto__', 'toString', '', null, 3])('rejects unknown column %s', (column) => {
    const r = validateCoverage(column as unknown as CoverageColumn, 1, {});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/unknown coverage column/);
  });
});

describe('garbage input never throws', () => {
  let deep: unknown = { leaf: true };
  for (let i = 0; i < 100_000; i++) deep = { vehicles: [deep], drivers: deep };
  let deepArray: unknown = [];
  for (let i = 0; i < 100_000; i++) deepArray = [deepArray];
  const cyclic: Record<string, unknown> = { drivers: [] };
  cyclic.vehicles = [cyclic];
  const throwing = new Proxy({}, {
    get() { throw new Error('boom'); },
    has() { throw new Error('boom'); },
    ownKeys() { throw new Error('boom'); },
    getOwnPropertyDescriptor() { throw new Error('boom'); },
    getPrototypeOf() { throw new Error('boom'); },
  });

  const inputs: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a string', 'x'],
    ['a number', 42],
    ['NaN', Number.NaN],
    ['a bigint', 10n],
    ['a symbol', Symbol('x')],
    ['a function', () => 1],
    ['an array', [1, 2, 3]],
    ['an empty object', {}],
    ['a null-prototype object', Object.create(null) as unknown],
    ['wrong types everywhere', { vehicles: 'car', drivers: 7, items: {}, locations: null, features: [] }],
    ['arrays of garbage', { vehicles: [null, 1, 'x'], drivers: [[]], items: [null], locations: [1] }],
    ['deeply nested objects', deep],
    ['deeply nested arrays', { vehicles: deepArray, drivers: deepArray, items: deepArray, locations: deepArray }],
    ['a cycle', cyclic],
    ['a throwing proxy', throwing],
    ['a doc full of throwing proxies', { vehicles: [throwing], drivers: [throwing], items: [throwing], locations: [throwing] }],
    ['__proto__ keys', JSON.parse('{"__proto__": {"vehicles": []}, "constructor": 1}') as unknown],
    ['a Date', new Date()],
    ['a Map', new Map([['vehicles', []]])],
  ];

  it.each(inputs)('%s', (_label, input) => {
    for (const column of COVERAGE_COLUMNS) {
      for (const version of [1, 2]) {
        const r = validateCoverage(column, version, input);
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(typeof r.error.path).toBe('string');
          expect(r.error.path.startsWith(column)).toBe(true);
          expect(typeof r.error.message).toBe('string');
        }
      }
    }
  });

  it('reports a root-level type error at the column itself', () => {
    const r = validateCoverage('auto_data', 1, null);
    expect(!r.ok && r.error.path).toBe('auto_data');
  });

  it('points at an unexpected key rather than its parent', () => {
    const r = validateCoverage('auto_data', 1, { ...autoV1, 'odd key': 1 });
    expect(!r.ok && r.error.path).toBe('auto_data["odd key"]');
  });
});
