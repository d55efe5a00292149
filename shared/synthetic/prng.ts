/**
 * A small, fast, seedable PRNG (sfc32, seeded through splitmix32) and the helpers the
 * synthetic-agency generator draws from. Pure TypeScript: the same seed gives the same
 * sequence in Node and in the browser.
 */

/** splitmix32: turns any 32-bit value into a well-mixed one (used for seeding and hashing). */
export function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/** A 32-bit hash of a seed and a list of stream numbers (e.g. seed, lead index). */
export function hashSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) h = mix32(h ^ mix32(Math.floor(p) >>> 0) ^ mix32(Math.floor(p / 2 ** 32) >>> 0));
  return h;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, ...stream: number[]) {
    const h = hashSeed(seed, ...stream);
    this.a = mix32(h);
    this.b = mix32(this.a ^ 0x6a09e667);
    this.c = mix32(this.b ^ 0xbb67ae85);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** sfc32: a uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Real number in [min, max). */
  real(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }

  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(list: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of list) total += w;
    let r = this.next() * total;
    for (const [v, w] of list) {
      r -= w;
      if (r < 0) return v;
    }
    return list[list.length - 1]![0];
  }

  /** `n` distinct items (order random). */
  sample<T>(list: readonly T[], n: number): T[] {
    const copy = [...list];
    const out: T[] = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]!);
    return out;
  }

  /** A count around `mean` (a rounded triangular distribution over [min, max]). */
  around(min: number, mean: number, max: number): number {
    const u = this.next();
    const fc = (mean - min) / (max - min);
    const x =
      u < fc ? min + Math.sqrt(u * (max - min) * (mean - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mean));
    return Math.round(x);
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.u32() % 10);
    return s;
  }

  /** Money with cents, rounded to the dollar when `whole`. */
  money(min: number, max: number, whole = false): number {
    const v = this.real(min, max);
    return whole ? Math.round(v) : Math.round(v * 100) / 100;
  }
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(x: number): string {
  return HEX[(x >>> 24) & 0xff]! + HEX[(x >>> 16) & 0xff]! + HEX[(x >>> 8) & 0xff]! + HEX[x & 0xff]!;
}

/**
 * A UUIDv7 from a timestamp and the PRNG: 48-bit Unix milliseconds, version 7, 74 random bits
 * drawn from `rng`, RFC 9562 variant. Deterministic, unlike shared/ids.ts's uuidv7.
 */
let lastMs = -1;
let lastTime = '';

export function uuidv7At(rng: Rng, ms: number): string {
  if (ms !== lastMs) {
    const t = Math.floor(ms);
    const hi = Math.floor(t / 4294967296) & 0xffff;
    const lo = t >>> 0;
    lastTime = `${HEX[hi >>> 8]!}${HEX[hi & 0xff]!}${HEX[lo >>> 24]!}${HEX[(lo >>> 16) & 0xff]!}-${HEX[(lo >>> 8) & 0xff]!}${HEX[lo & 0xff]!}`;
    lastMs = ms;
  }
  const r1 = rng.u32();
  const r2 = rng.u32();
  const r3 = rng.u32();
  // 7xxx: version and 12 random bits; then the variant (10) and 14 random bits; then 48 more.
  const randA = `7${HEX[(r1 >>> 8) & 0x0f]!.charAt(1)}${HEX[r1 & 0xff]!}`;
  const variant = HEX[0x80 | ((r1 >>> 24) & 0x3f)]! + HEX[(r1 >>> 16) & 0xff]!;
  return `${lastTime}-${randA}-${variant}-${hex32(r2)}${HEX[r3 & 0xff]!}${HEX[(r3 >>> 8) & 0xff]!}`;
}

/**
 * Another valid UUIDv7 made from `id` without drawing from any stream: the same time, the random
 * tail's last 12 bits inverted. For ids that must follow from another (a step's history row).
 */
export function siblingId(id: string): string {
  const tail = (parseInt(id.slice(-3), 16) ^ 0xfff).toString(16).padStart(3, '0');
  return id.slice(0, -3) + tail;
}
