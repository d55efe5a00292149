/**
 * Small seeded generators for the request fuzz tests (test/server/fuzz.test.ts,
 * test/api/web-host-fuzz.test.ts): random and mutated JSON, strings with the characters that
 * break parsers and databases, paths with bad percent-encoding.
 */

export type Rng = () => number;

/** mulberry32: a tiny seeded PRNG, so a failing run can be repeated with its seed. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
export const int = (r: Rng, max: number) => Math.floor(r() * max);

const NASTY = [
  '',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uDBFFy',
  '🔑',
  "'; DROP TABLE leads; --",
  '%',
  '%00',
  '%E0%A4%A',
  '../../etc/passwd',
  '\\',
  '<script>',
  '\u202e',
  ' ',
  'null',
  '-1',
  '1e309',
  'x'.repeat(300),
  '__proto__',
  'constructor',
];

export function randomString(r: Rng): string {
  if (r() < 0.5) return pick(r, NASTY);
  const n = int(r, 20);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(r() < 0.9 ? 32 + int(r, 95) : int(r, 0x10000));
  return s;
}

/** Any JSON value, `depth` levels deep at most. */
export function randomJson(r: Rng, depth = 3): unknown {
  const k = int(r, depth > 0 ? 8 : 6);
  switch (k) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return pick(r, [0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, Number.MIN_VALUE]);
    case 3:
    case 4:
    case 5:
      return randomString(r);
    case 6:
      return Array.from({ length: int(r, 4) }, () => randomJson(r, depth - 1));
    default:
      return Object.fromEntries(Array.from({ length: int(r, 4) }, () => [randomString(r), randomJson(r, depth - 1)]));
  }
}

/** A copy of `value` with one leaf or key replaced, removed or retyped. */
export function mutateJson(r: Rng, value: unknown): unknown {
  if (typeof value === 'string' && r() < 0.6) {
    // The same text with one character that parsers and databases trip on.
    const at = int(r, value.length + 1);
    return value.slice(0, at) + pick(r, ['\u0000', '\uD800', '\uDC00', '%', '\\', '"', '🔑']) + value.slice(at);
  }
  if (value === null || typeof value !== 'object' || r() < 0.15) return randomJson(r, 2);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const keys = Object.keys(copy);
  if (keys.length === 0) return randomJson(r, 2);
  const key = pick(r, keys);
  const target = copy as Record<string, unknown>;
  const roll = r();
  if (roll < 0.15) delete target[key];
  else if (roll < 0.25 && !Array.isArray(copy)) target[randomString(r)] = randomJson(r, 1);
  else target[key] = mutateJson(r, target[key]);
  return copy;
}

/** Percent-encodes every non-alphanumeric UTF-16 unit's low byte: arbitrary, often invalid, UTF-8. */
const encodeLoose = (s: string) =>
  s.replace(/[^A-Za-z0-9]/g, (c) => `%${(c.charCodeAt(0) & 0xff).toString(16).padStart(2, '0')}`);

/** A path made from `base` with random segments and bad percent-encoding. */
export function randomPath(r: Rng, bases: readonly string[]): string {
  const base = pick(r, bases);
  const roll = r();
  if (roll < 0.3) return base;
  if (roll < 0.5)
    return `${base}${pick(r, ['%', '%zz', '%00', '%E0%A4%A', '%C0%AF', '/..', '//', '?a=%', '#x', '/%2e%2e/'])}`;
  if (roll < 0.7) return `${base.slice(0, int(r, base.length + 1))}${encodeLoose(randomString(r)).slice(0, 80)}`;
  if (roll < 0.85)
    return `/${pick(r, ['api', 'v1', 'assets', ''])}/${pick(r, ['%', '%25', '%ff', '..%2f..%2f', 'x'.repeat(2000)])}`;
  return `${base}?${pick(r, ['table=%', 'table=leads&offset=%zz', 'after=-1', 'limit=1e9', 'after=%00'])}`;
}
