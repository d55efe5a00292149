import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/model/codec';

/** The first form of canonicalJson: every object copied with its keys sorted. */
const copyingEveryObject = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );

describe('canonicalJson', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
    );
  });

  it('writes what copying every object wrote, objects already in order included', () => {
    const cases: unknown[] = [
      {},
      [],
      { a: 1, b: 2 },
      { b: 1, a: 2 },
      { '10': 1, '2': 2, a: 3 }, // integer-like keys: V8 lists them first, in numeric order
      { '1': 1, '2': 2, a: 3 },
      { b: '1', '2': 1, A: 0, é: 1, e: 2 },
      { d: new Date(0), n: Number.NaN, u: undefined, f: () => 1 },
      [undefined, { b: 1, a: [{ y: 2, x: 1 }] }],
      { toJSON: () => ({ b: 1, a: 2 }) },
      'text',
      7,
      null,
    ];
    for (const c of cases) expect(canonicalJson(c)).toBe(copyingEveryObject(c));
  });
});
