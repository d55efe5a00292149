import { normalizePhone } from './transform';

/**
 * Keys that say two records are probably the same person or business: normalized email, E.164
 * phone, name plus date of birth, name plus address. A record's keys are matched in this order.
 */
export interface MatchFields {
  email?: string | null;
  phone?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  business_name?: string | null;
  date_of_birth?: string | null;
  postal_code?: string | null;
  line1?: string | null;
  /** For contacts and notes: the lead or client they belong to. */
  parent?: string | null;
  body?: string | null;
  /** For policy terms: the carrier's id and the number it printed. */
  carrier_id?: string | null;
  policy_number?: string | null;
}

export const norm = (s: string | null | undefined) =>
  (s ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Street lines compared without their usual abbreviations' spelling differences. */
const ABBREV: Record<string, string> = {
  street: 'st',
  avenue: 'ave',
  road: 'rd',
  drive: 'dr',
  lane: 'ln',
  boulevard: 'blvd',
  court: 'ct',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
};
const normLine = (s: string | null | undefined) =>
  norm(s)
    .split(' ')
    .map((w) => ABBREV[w] ?? w)
    .join(' ');

/** Policy numbers as carriers print them differently: "HO-123 456" is "HO123456". */
export const normPolicyNumber = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

export function matchKeys(kind: 'clients' | 'leads' | 'contacts' | 'notes' | 'policies', v: MatchFields): string[] {
  if (kind === 'policies')
    return v.carrier_id && v.policy_number ? [`policy:${v.carrier_id}|${normPolicyNumber(v.policy_number)}`] : [];
  if (kind === 'notes') return v.parent && v.body ? [`note:${v.parent}|${norm(v.body)}`] : [];
  const keys: string[] = [];
  const scope = kind === 'contacts' ? `${v.parent ?? ''}|` : '';
  const email = v.email?.trim().toLowerCase();
  if (email) keys.push(`email:${scope}${email}`);
  const phone = normalizePhone(v.phone);
  if (phone) keys.push(`phone:${scope}${phone}`);
  const name = v.business_name
    ? `b:${norm(v.business_name)}`
    : v.last_name
      ? `p:${norm(v.last_name)}|${norm(v.first_name)}`
      : null;
  if (name) {
    if (kind === 'contacts' && v.parent) keys.push(`name:${scope}${name}`);
    if (v.date_of_birth) keys.push(`dob:${name}|${v.date_of_birth}`);
    if (v.postal_code && v.line1) keys.push(`addr:${name}|${v.postal_code.slice(0, 5)}|${normLine(v.line1)}`);
  }
  return keys;
}

/**
 * A string's own flat copy. Keys and ids are built by concatenation, and V8 keeps such strings as
 * trees of their parts (several times the text's size); an index of 100k records holds 400k of
 * them for the whole import, so it keeps flat copies instead (a third of the memory). Text that
 * does not survive the round trip (a lone surrogate) is kept as it is.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();
function flat(s: string): string {
  const copy = decoder.decode(encoder.encode(s));
  return copy === s ? copy : s;
}

/** Records by their match keys: the replica's at the start of an import, plus what it creates. */
export class DuplicateIndex {
  /** Each key's record, as its place in `ids` (a small number, not a pointer to a string per key). */
  private readonly byKey = new Map<string, number>();
  private readonly ids: string[] = [];

  add(keys: readonly string[], id: string) {
    let slot = -1;
    for (const k of keys) {
      if (this.byKey.has(k)) continue;
      if (slot < 0) slot = this.ids.push(flat(id)) - 1;
      this.byKey.set(flat(k), slot);
    }
  }

  /** The first record one of the keys names, and the key that matched. */
  match(keys: readonly string[]): { id: string; key: string } | null {
    for (const key of keys) {
      const slot = this.byKey.get(key);
      if (slot !== undefined) return { id: this.ids[slot]!, key };
    }
    return null;
  }

  get size() {
    return this.byKey.size;
  }
}
