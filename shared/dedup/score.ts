import { normalizePhone } from '../import/transform';

/** What a record offers for duplicate detection (leads, clients and contacts alike). */
export interface DedupRecord {
  id: string;
  first_name: string | null;
  last_name: string | null;
  business_name: string | null;
  email: string | null;
  phone: string | null;
  date_of_birth: string | null;
  postal_code: string | null;
  line1: string | null;
}

export interface DuplicatePair {
  a: string;
  b: string;
  /** 0 to 1: how sure we are the two are one person or business. */
  score: number;
  reasons: string[];
}

const fold = (s: string | null | undefined) =>
  (s ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Match flags reused across calls: a scan calls jaroWinkler about a million times. */
let hits = new Uint8Array(64);

/** Jaro-Winkler similarity (0 to 1): forgiving of typos and transpositions in short strings like names. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  if (!a || !b) return 0;
  if (hits.length < a.length + b.length) hits = new Uint8Array(2 * (a.length + b.length));
  // a's flags at [0, a.length), b's at [a.length, a.length + b.length)
  hits.fill(0, 0, a.length + b.length);
  const B = a.length;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j++) {
      if (hits[B + j] || a[i] !== b[j]) continue;
      hits[i] = hits[B + j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let transpositions = 0;
  for (let i = 0; i < a.length; i++) {
    if (!hits[i]) continue;
    while (!hits[B + k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** American Soundex: names that sound alike share a code (Smith, Smyth → S530). */
export function soundex(s: string): string {
  const w = fold(s).replace(/[^a-z]/g, '');
  if (!w) return '';
  const codes: Record<string, string> = {
    b: '1',
    f: '1',
    p: '1',
    v: '1',
    c: '2',
    g: '2',
    j: '2',
    k: '2',
    q: '2',
    s: '2',
    x: '2',
    z: '2',
    d: '3',
    t: '3',
    l: '4',
    m: '5',
    n: '5',
    r: '6',
  };
  let out = w[0]!.toUpperCase();
  let last = codes[w[0]!] ?? '';
  for (const ch of w.slice(1)) {
    const c = codes[ch] ?? '';
    if (c && c !== last) out += c;
    if (ch !== 'h' && ch !== 'w') last = c;
    if (out.length === 4) break;
  }
  return out.padEnd(4, '0');
}

const nameOf = (r: DedupRecord) =>
  r.business_name ? fold(r.business_name) : fold(`${r.first_name ?? ''} ${r.last_name ?? ''}`);

/**
 * What a record is compared by, normalised once: a scan compares each record with up to 49
 * others per block, and parsing its phone and folding its name per pair cost ~2/3 of a scan.
 */
interface Compared {
  id: string;
  /** The record's place in the scan, for a numeric pair key. */
  at: number;
  email: string | undefined;
  phone: string | null;
  name: string;
  dateOfBirth: string | null;
  postalCode: string | undefined;
  line1: string | undefined;
}

function compared(r: DedupRecord, at = 0): Compared {
  return {
    id: r.id,
    at,
    email: r.email?.trim().toLowerCase() || undefined,
    phone: normalizePhone(r.phone),
    name: nameOf(r),
    dateOfBirth: r.date_of_birth,
    postalCode: r.postal_code?.slice(0, 5) || undefined,
    line1: r.line1 ? fold(r.line1) : undefined,
  };
}

/**
 * Blocking keys: only records sharing one are compared, so a scan is near-linear instead of
 * comparing every pair. Email, phone, the last name's sound with the first initial, and birth date.
 */
export function blockingKeys(r: DedupRecord, c: Compared = compared(r)): string[] {
  const keys: string[] = [];
  if (c.email) keys.push(`e:${c.email}`);
  if (c.phone) keys.push(`p:${c.phone}`);
  if (r.business_name)
    keys.push(`b:${soundex(r.business_name.split(' ')[0] ?? '')}:${fold(r.business_name).slice(0, 3)}`);
  else if (r.last_name) keys.push(`n:${soundex(r.last_name)}:${fold(r.first_name).slice(0, 1)}`);
  if (r.date_of_birth) keys.push(`d:${r.date_of_birth}`);
  return keys;
}

/** How alike two records are, and why: the reasons a person reads before merging. */
export function scorePair(x: DedupRecord, y: DedupRecord): DuplicatePair {
  return scoreCompared(compared(x), compared(y));
}

function scoreCompared(x: Compared, y: Compared): DuplicatePair {
  const reasons: string[] = [];
  let score = 0;
  if (x.email && x.email === y.email) {
    score += 0.5;
    reasons.push('same email');
  }
  if (x.phone && x.phone === y.phone) {
    score += 0.4;
    reasons.push('same phone');
  }
  const jw = x.name && y.name ? jaroWinkler(x.name, y.name) : 0;
  if (jw >= 0.85) {
    score += 0.4 * jw;
    reasons.push(jw === 1 ? 'same name' : `similar name (${jw.toFixed(2)})`);
  } else if (x.name && y.name) score -= 0.2;
  if (x.dateOfBirth && x.dateOfBirth === y.dateOfBirth) {
    score += 0.3;
    reasons.push('same date of birth');
  }
  if (x.postalCode && x.line1 && x.postalCode === y.postalCode && x.line1 === y.line1) {
    score += 0.3;
    reasons.push('same address');
  }
  return { a: x.id, b: y.id, score: Math.round(Math.max(0, Math.min(1, score)) * 100) / 100, reasons };
}

/** Largest block compared pair by pair; a bigger one (a shared office phone) says little. */
const MAX_BLOCK = 50;

/**
 * Probable duplicate pairs among the records, best first. With `changed`, only pairs with at
 * least one changed record are scored (the incremental scan after the first).
 */
export function findDuplicates(
  records: Iterable<DedupRecord>,
  options: { threshold?: number; changed?: ReadonlySet<string> } = {},
): DuplicatePair[] {
  const threshold = options.threshold ?? 0.6;
  const blocks = new Map<string, Compared[]>();
  let count = 0;
  for (const r of records) {
    const c = compared(r, count++);
    for (const k of blockingKeys(r, c)) {
      const list = blocks.get(k);
      if (list) list.push(c);
      else blocks.set(k, [c]);
    }
  }
  // A pair sharing two keys (email and phone) is met twice; numbers, not id strings, remember it.
  const seen = new Set<number>();
  const pairs: DuplicatePair[] = [];
  for (const list of blocks.values()) {
    if (list.length < 2 || list.length > MAX_BLOCK) continue;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [x, y] = list[i]!.id < list[j]!.id ? [list[i]!, list[j]!] : [list[j]!, list[i]!];
        if (options.changed && !options.changed.has(x.id) && !options.changed.has(y.id)) continue;
        const key = x.at * count + y.at;
        if (seen.has(key)) continue;
        seen.add(key);
        const pair = scoreCompared(x, y);
        if (pair.score >= threshold) pairs.push(pair);
      }
    }
  }
  return pairs.sort((p, q) => q.score - p.score || (p.a < q.a ? -1 : 1));
}
