import { describe, expect, it } from 'vitest';
import { BadMessageError, parseChange } from '../../electron/main/sync/messages';
import { normalizeTimestamp } from '../../shared/time';

const KEY = '"public"."leads"/"0190-lead"';
const lead = (
  value: Record<string, unknown>,
  headers: Record<string, unknown> = { operation: 'insert', relation: ['public', 'leads'] },
) => ({ key: KEY, value: { id: '0190-lead', ...value }, headers });

describe('parsing synced change messages', () => {
  it('converts values to what SQLite stores', () => {
    const c = parseChange(
      'leads',
      lead(
        {
          lead_type: 'business',
          priority: 2,
          quoted_premium: '1234.50',
          is_converted: false,
          created_at: '2025-03-04 05:06:07.891234+00',
          tags: ['b', 'a'],
          auto_data: { vehicles: [], drivers: [] },
          unknown_column: 1,
        },
        { operation: 'update', relation: ['public', 'leads'], txids: [771], lsn: '123456' },
      ),
    );
    expect(c).toEqual({
      table: 'leads',
      op: 'update',
      id: '0190-lead',
      values: {
        id: '0190-lead',
        lead_type: 'business',
        priority: 2,
        quoted_premium: 1234.5,
        is_converted: 0,
        created_at: '2025-03-04T05:06:07.891Z',
        tags: '["b","a"]',
        auto_data: '{"drivers":[],"vehicles":[]}',
      },
      txids: ['771'],
      lsn: 123456n,
    });
  });

  it.each([
    [
      'a null where the catalogue forbids one',
      lead({ priority: null }),
      /leads\.priority is null in "public"\."leads"\/"0190-lead"/,
    ],
    ['a timestamp that is not one', lead({ created_at: 'soon' }), /leads\.created_at is not a valid timestamp: "soon"/],
    [
      'a value outside its enum',
      lead({ lead_type: 'robot' }),
      /leads\.lead_type is not a valid one of individual\|business: "robot"/,
    ],
    ['a number that is not one', lead({ priority: 'high' }), /leads\.priority is not a valid int: "high"/],
    ['an object where text belongs', lead({ first_name: { a: 1 } }), /leads\.first_name is not a valid text/],
    ['invalid JSON text', lead({ tags: '[1,' }), /leads\.tags is not a valid json/],
    [
      'no id',
      { key: KEY, value: { priority: 1 }, headers: { operation: 'insert' } },
      /malformed leads message: change without an id/,
    ],
    ['an unknown operation', lead({}, { operation: 'upsert' }), /unknown operation "upsert"/],
    ['a bad log position', lead({}, { operation: 'insert', lsn: '12ab' }), /bad lsn "12ab"/],
    ['no headers', { key: KEY, value: { id: 'x' } }, /no headers in/],
    ['not an object', 'hello', /malformed leads message: not an object/],
  ])('rejects %s with a message naming it', (_what, message, error) => {
    expect(() => parseChange('leads', message)).toThrow(BadMessageError);
    expect(() => parseChange('leads', message)).toThrow(error);
  });

  it('allows nulls in the key-only value of a delete', () => {
    expect(parseChange('leads', lead({ priority: null }, { operation: 'delete' })).values).toEqual({
      id: '0190-lead',
      priority: null,
    });
  });
});

describe('normalizeTimestamp', () => {
  /** The general definition: whatever Date makes of the value. */
  const viaDate = (value: string) => {
    let s = value.trim().replace(' ', 'T');
    if (/[+-]\d\d$/.test(s)) s += ':00';
    const d = new Date(s);
    if (Number.isNaN(d.getTime())) throw new Error(`not a timestamp: ${value}`);
    return d.toISOString();
  };

  it('gives what Date gives for Postgres UTC text and everything near it', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
    for (let i = 0; i < 50_000; i++) {
      const year = next() < 0.05 ? Math.floor(next() * 10_000) : 1950 + Math.floor(next() * 100);
      const fraction = next() < 0.7 ? `.${String(Math.floor(next() * 1e9)).slice(0, 1 + Math.floor(next() * 9))}` : '';
      const value = `${pad(year, 4)}-${pad(Math.floor(next() * 14), 2)}-${pad(Math.floor(next() * 33), 2)}${pick([' ', 'T'])}${pad(Math.floor(next() * 25), 2)}:${pad(Math.floor(next() * 61), 2)}:${pad(Math.floor(next() * 61), 2)}${fraction}${pick(['+00', '+00:00', 'Z', '+0000', '+02', '-05:30'])}`;
      const expected = (() => {
        try {
          return viaDate(value);
        } catch {
          return 'invalid';
        }
      })();
      const actual = (() => {
        try {
          return normalizeTimestamp(value);
        } catch {
          return 'invalid';
        }
      })();
      expect({ value, actual }).toEqual({ value, actual: expected });
    }
  });
});
