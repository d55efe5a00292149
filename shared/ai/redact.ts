/**
 * Redaction of what must not leave the machine in a prompt. Two passes:
 *  1. values we know are sensitive because of where they are stored (a lead's date of birth,
 *     the license numbers in auto_data.drivers) are registered, and every mention of them in
 *     free text is replaced too — license numbers have no common format a pattern could find;
 *  2. patterns find the rest in free text (notes, emails, ticket descriptions).
 * The placeholder → value mapping stays in this object: it is never sent, never stored, and
 * only used to put the values back into an answer shown on this machine.
 */
export const REDACTION_KINDS = ['ssn', 'license', 'dob', 'card', 'bank'] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

const LABEL: Record<RedactionKind, string> = { ssn: 'SSN', license: 'DL', dob: 'DOB', card: 'CARD', bank: 'BANK' };
const PLACEHOLDER = /\[(SSN|DL|DOB|CARD|BANK)_\d+\]/g;

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
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
const DATE = `(?:\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\s+${MONTH}\\s+\\d{4})`;
const NUMBER_WORDS = '(?:\\s*(?:number|num|no\\.?|#))?\\s*(?:is\\s+)?[:#]?\\s*';

/** Each pattern's capture group 1 is the value; the rest is the context that identifies it. */
const PATTERNS: Array<{ kind: RedactionKind; re: RegExp; check?: (value: string) => boolean }> = [
  // Cards first: a 16-digit card must not be half-eaten by a shorter pattern.
  { kind: 'card', re: /(?<![\d-])((?:\d[ -]?){12,18}\d)(?![\d-])/g, check: (v) => luhn(v.replace(/\D/g, '')) },
  { kind: 'ssn', re: /(?<![\d-])((?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\2(?!0000)\d{4})(?![\d-])/g },
  { kind: 'ssn', re: new RegExp(`\\b(?:ssn|ss#|social\\s+security)${NUMBER_WORDS}(\\d{9})\\b`, 'gi') },
  {
    kind: 'bank',
    re: new RegExp(
      `\\b(?:routing|aba|rtn|account|acct|iban)${NUMBER_WORDS}([A-Z]{2}\\d{2}[A-Z0-9]{10,30}|\\d[\\d -]{3,20}\\d)`,
      'gi',
    ),
  },
  {
    kind: 'license',
    re: new RegExp(
      `\\b(?:DL|driver'?s?\\s+licen[cs]e|licen[cs]e)\\b${NUMBER_WORDS}((?=[A-Z-]*\\d)[A-Z0-9][A-Z0-9-]{3,19})\\b`,
      'gi',
    ),
  },
  {
    kind: 'dob',
    re: new RegExp(
      `\\b(?:dob|d\\.o\\.b\\.?|date\\s+of\\s+birth|birth\\s?date|birthday|born(?:\\s+on)?)\\b\\s*(?:is\\s+)?[:-]?\\s*(${DATE})`,
      'gi',
    ),
  },
];

export function luhn(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits) || /^(\d)\1+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

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

export class Redactor {
  private readonly kinds: ReadonlySet<RedactionKind>;
  private readonly byValue = new Map<string, string>();
  private readonly byPlaceholder = new Map<string, string>();
  private readonly counts: Record<RedactionKind, number> = { ssn: 0, license: 0, dob: 0, card: 0, bank: 0 };
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
    // "078-05-1120" and "078 05 1120" are one SSN: numbers are keyed by their digits.
    const numeric = kind === 'ssn' || kind === 'card' || (kind === 'bank' && /^[\d -]+$/.test(value));
    const key = `${kind}:${numeric ? value.replace(/\D/g, '') : value.toLowerCase()}`;
    const existing = this.byValue.get(key);
    if (existing) return existing;
    const placeholder = `[${LABEL[kind]}_${++this.counts[kind]}]`;
    this.byValue.set(key, placeholder);
    this.byPlaceholder.set(placeholder, value);
    const spellings = kind === 'dob' ? dateSpellings(value) : [value];
    for (const s of spellings) {
      // Digits and letters must not run on into the match: "A1234567" is not inside "A12345678".
      this.known.push({
        re: new RegExp(`(?<![A-Za-z0-9])${escapeRe(s)}(?![A-Za-z0-9])`, 'gi'),
        placeholder,
        length: s.length,
      });
    }
    this.known.sort((a, b) => b.length - a.length);
    return placeholder;
  }

  /** Free text with every registered value and every pattern match replaced. */
  text(input: string): string {
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

  /** Puts the original values back (for display on this machine only). */
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

/** Keys of JSON documents whose values are sensitive whatever they look like. */
const SENSITIVE_KEYS: Array<[RegExp, RedactionKind]> = [
  [/^(ssn|social_?security(_?number)?|tax_?id)$/i, 'ssn'],
  [/licen[cs]e_?(number|no)?$/i, 'license'],
  [/^(date_?of_?birth|dob|birth_?date)$/i, 'dob'],
  [/^(card_?number|credit_?card|pan)$/i, 'card'],
  [/^(routing_?number|account_?number|iban|bank_?account)$/i, 'bank'],
];

/** A JSON document with sensitive keys' values and free-text strings redacted (for documents of unknown shape). */
export function redactJson(value: unknown, r: Redactor): unknown {
  if (typeof value === 'string') return r.text(value);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, r));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const kind = SENSITIVE_KEYS.find(([re]) => re.test(k))?.[1];
      out[k] = kind && (typeof v === 'string' || typeof v === 'number') ? r.value(kind, String(v)) : redactJson(v, r);
    }
    return out;
  }
  return value;
}
