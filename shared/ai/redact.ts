import {
  keyOf,
  PATTERNS,
  PLACEHOLDER,
  PLACEHOLDER_LABEL,
  REDACTION_KINDS,
  SENSITIVE_KEYS,
  valueKey,
  type RedactionKind,
} from './redact-patterns';

export { luhn, REDACTION_KIND_NAMES, REDACTION_KINDS, type RedactionKind } from './redact-patterns';

/**
 * Redaction of what must not leave the machine in a request to a model. Two passes:
 *  1. values we know are sensitive because of where they are stored (a lead's date of birth,
 *     phone and email, the license numbers and VINs in auto_data, an address line) are
 *     registered, and every mention of them in free text is replaced too — license numbers
 *     have no common format a pattern could find;
 *  2. patterns find the rest in free text (notes, emails, ticket descriptions, custom fields).
 * One value gets one placeholder for the whole request, whatever its spelling, so the model
 * can refer to it and the answer can be mapped back. The placeholder → value mapping stays in
 * this object: it is never sent, and only used to put the values back into the answer.
 */
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The ways a YYYY-MM-DD date of birth is commonly written, so a note's "DOB 3/7/1984" is caught too. */
function dateSpellings(iso: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return [iso];
  const [y, mo, d] = [m[1]!, Number(m[2]), Number(m[3])];
  const month = MONTHS[mo - 1] ?? '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return [
    iso,
    `${pad(mo)}/${pad(d)}/${y}`,
    `${mo}/${d}/${y}`,
    `${pad(mo)}-${pad(d)}-${y}`,
    `${month} ${d}, ${y}`,
    `${month.slice(0, 3)} ${d}, ${y}`,
    `${d} ${month} ${y}`,
  ];
}

/** A record id (UUID), captured so that split keeps it. */
const RECORD_ID = /(?<![0-9A-Za-z])([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9A-Za-z])/i;

const zeroCounts = () => Object.fromEntries(REDACTION_KINDS.map((k) => [k, 0])) as Record<RedactionKind, number>;

export class Redactor {
  private readonly kinds: ReadonlySet<RedactionKind>;
  private readonly byValue = new Map<string, string>();
  private readonly byPlaceholder = new Map<string, string>();
  private readonly counts = zeroCounts();
  /** Registered values as they may appear in text, longest first so overlaps resolve to the longer. */
  private known: Array<{ re: RegExp; placeholder: string; length: number }> = [];

  constructor(kinds: readonly RedactionKind[] = REDACTION_KINDS) {
    this.kinds = new Set(kinds);
  }

  enabled(kind: RedactionKind): boolean {
    return this.kinds.has(kind);
  }

  /** A known sensitive value: its placeholder (the same one every time), or the value itself if that kind is not redacted. */
  value(kind: RedactionKind, raw: string): string {
    const value = raw.trim();
    if (!value || !this.kinds.has(kind)) return raw;
    const key = `${kind}:${valueKey(kind, value)}`;
    const existing = this.byValue.get(key);
    if (existing) return existing;
    const placeholder = `[${PLACEHOLDER_LABEL[kind]}_${++this.counts[kind]}]`;
    this.byValue.set(key, placeholder);
    this.byPlaceholder.set(placeholder, value);
    const spellings = kind === 'dob' ? dateSpellings(value) : [value];
    for (const s of spellings) {
      // Digits and letters must not run on into the match: "A1234567" is not inside "A12345678".
      const flexible = escapeRe(s).replace(/\s+/g, '\\s+');
      this.known.push({
        re: new RegExp(`(?<![A-Za-z0-9])${flexible}(?![A-Za-z0-9])`, 'gi'),
        placeholder,
        length: s.length,
      });
    }
    this.known.sort((a, b) => b.length - a.length);
    return placeholder;
  }

  /**
   * Free text with every registered value and every pattern match replaced. Record ids (UUIDs)
   * are left as they are: they name no one, an answer cites its sources by them, and their digit
   * runs can pass for a card number ("…c5-6111-7006-8759-1b…" passes the Luhn check), which cut
   * a source's id in two and lost its citation.
   */
  text(input: string): string {
    return input
      .split(RECORD_ID)
      .map((part, i) => (i % 2 === 1 ? part : this.redactPart(part)))
      .join('');
  }

  private redactPart(input: string): string {
    let out = input;
    for (const k of this.known) out = out.replace(k.re, k.placeholder);
    for (const { kind, re, check } of PATTERNS) {
      if (!this.kinds.has(kind)) continue;
      out = out.replace(re, (match: string, value: string) => {
        if (check && !check(value)) return match;
        return match.replace(value, this.value(kind, value));
      });
    }
    return out;
  }

  /** Puts the original values back (for what the user sees on this machine). */
  restore(text: string): string {
    return text.replace(PLACEHOLDER, (p) => this.byPlaceholder.get(p) ?? p);
  }

  restoreDeep<T>(value: T): T {
    if (typeof value === 'string') return this.restore(value) as T;
    if (Array.isArray(value)) return value.map((v: unknown) => this.restoreDeep(v)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.restoreDeep(v)])) as T;
    }
    return value;
  }

  /** How many distinct values of each kind were replaced: safe to store, unlike the mapping. */
  stats(): Record<RedactionKind, number> {
    return { ...this.counts };
  }

  /** The local mapping, for a caller that restores text itself. Never send or store it. */
  mapping(): ReadonlyMap<string, string> {
    return this.byPlaceholder;
  }
}

/** A JSON document with sensitive keys' values and free-text strings redacted (custom fields, documents of unknown shape). */
export function redactJson(value: unknown, r: Redactor): unknown {
  if (typeof value === 'string') return r.text(value);
  // A number can be an identifier too: {"member": 123456789} is as sensitive as the string.
  if (typeof value === 'number') {
    const text = String(value);
    const redacted = r.text(text);
    return redacted === text ? value : redacted;
  }
  if (Array.isArray(value)) return value.map((v) => redactJson(v, r));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const kind = SENSITIVE_KEYS.find(([re]) => re.test(keyOf(k)))?.[1];
      out[k] = kind && (typeof v === 'string' || typeof v === 'number') ? r.value(kind, String(v)) : redactJson(v, r);
    }
    return out;
  }
  return value;
}
