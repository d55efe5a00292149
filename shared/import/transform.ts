import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { isUsState } from '../coverage/us-states';
import type { FieldType } from './fields';

/** Order of day, month and year in dates that are not ISO (the user picks it per file). */
export const DATE_ORDERS = ['MDY', 'DMY', 'YMD'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

export interface TransformOptions {
  dateOrder: DateOrder;
  /** Country assumed for phone numbers written without +CC. */
  phoneCountry: CountryCode;
}
export const DEFAULT_TRANSFORM: TransformOptions = { dateOrder: 'MDY', phoneCountry: 'US' };

/** A transformed cell: its value (null for an empty cell), or why it cannot be read. */
export type Transformed = { ok: true; value: unknown } | { ok: false; reason: string };

const ok = (value: unknown): Transformed => ({ ok: true, value });
const bad = (reason: string): Transformed => ({ ok: false, reason });

/** Turns one raw cell into the value its field stores. Empty cells become null. */
export function transformValue(type: FieldType, raw: string, options: TransformOptions): Transformed {
  const s = raw.replace(/\s+/g, ' ').trim();
  if (s === '') return ok(null);
  switch (type) {
    case 'text':
    case 'name':
      return ok(s);
    case 'longText':
      return ok(raw.trim());
    case 'fullName':
      return ok(splitName(s));
    case 'email':
      return ok(s.replace(/^mailto:/i, '').toLowerCase());
    case 'phone':
      return phone(s, options.phoneCountry);
    case 'date':
      return date(s, options.dateOrder);
    case 'money':
      return money(s);
    case 'percent': {
      const n = Number(s.replace(/\s*%$/, '').replace(/,/g, ''));
      return Number.isFinite(n) ? ok(n) : bad('is not a percentage');
    }
    case 'int': {
      const n = Number(s.replace(/[,\s]/g, ''));
      return Number.isInteger(n) ? ok(n) : bad('is not a whole number');
    }
    case 'state':
      return state(s);
    case 'zip':
      return zip(s);
    case 'clientType':
      return clientType(s);
    case 'tags':
      return ok(
        s
          .split(/[,;|]/)
          .map((t) => t.trim())
          .filter(Boolean),
      );
  }
}

/** "Last, First Middle" (the AMS way) or "First Middle Last". */
export function splitName(s: string): { first_name: string | null; last_name: string } {
  const comma = s.indexOf(',');
  if (comma >= 0) {
    const last = s.slice(0, comma).trim();
    const first = s.slice(comma + 1).trim();
    return { first_name: first || null, last_name: last };
  }
  const space = s.lastIndexOf(' ');
  if (space < 0) return { first_name: null, last_name: s };
  return { first_name: s.slice(0, space).trim(), last_name: s.slice(space + 1).trim() };
}

function phone(s: string, country: CountryCode): Transformed {
  const parsed = parsePhoneNumberFromString(s, country);
  return parsed?.isValid() ? ok(parsed.number) : bad('is not a valid phone number');
}

/** Phone numbers as E.164 when they can be read, for matching; else null. */
export function normalizePhone(s: string | null | undefined, country: CountryCode = 'US'): string | null {
  if (!s) return null;
  // Already E.164 (what import stores): parsing again would only cost time.
  if (/^\+[1-9]\d{7,14}$/.test(s)) return s;
  const parsed = parsePhoneNumberFromString(s, country);
  return parsed?.isValid() ? parsed.number : null;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function date(s: string, order: DateOrder): Transformed {
  // ISO first (what exports and XLSX dates give), whatever order the user picked.
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  let y: number, m: number, d: number;
  if (iso) {
    [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    const parts = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$/.exec(s);
    if (!parts)
      return bad(`is not a date (${order === 'YMD' ? 'YYYY-MM-DD' : order === 'MDY' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'})`);
    const [a, b, c] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
    if (order === 'YMD') [y, m, d] = [a, b, c];
    else if (order === 'MDY') [m, d, y] = [a, b, c];
    else [d, m, y] = [a, b, c];
    const yearText = order === 'YMD' ? parts[1]! : parts[3]!;
    // Two-digit years: 00-29 are this century, 30-99 the last (a birth date or an X-date either way).
    if (yearText.length <= 2) y += y < 30 ? 2000 : 1900;
  }
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1 || y > 9999 || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return bad('is not a real date');
  return ok(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
}

/** "$1,234.50", "1.234,50 €", "(250)" (negative), "USD 99". */
function money(s: string): Transformed {
  let t = s.replace(/\s|\u00a0/g, '');
  const negative = /^\(.*\)$/.test(t) || t.startsWith('-');
  t = t.replace(/^\(|\)$/g, '').replace(/^-/, '');
  t = t.replace(/^(usd|eur|gbp|cad)/i, '').replace(/(usd|eur|gbp|cad)$/i, '');
  t = t.replace(/^[$€£¥]|[$€£¥]$/g, '');
  if (!/^[\d.,']+$/.test(t)) return bad('is not an amount of money');
  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');
  let decimal: ',' | '.' | null = null;
  if (lastDot >= 0 && lastComma >= 0) decimal = lastDot > lastComma ? '.' : ',';
  else if (lastComma >= 0) decimal = /^\d+,\d{1,2}$/.test(t) ? ',' : null;
  else if (lastDot >= 0) decimal = /^\d{1,3}(\.\d{3})+$/.test(t) ? null : '.';
  const thousands = decimal === ',' ? /[.']/g : /[,']/g;
  let plain = t.replace(thousands, '');
  if (decimal === ',') plain = plain.replace(',', '.');
  else if (decimal === null) plain = plain.replace(/\./g, '');
  if (!/^\d+(\.\d+)?$/.test(plain)) return bad('is not an amount of money');
  const n = Number(plain);
  return ok(negative ? -n : n);
}

const STATE_NAMES: Record<string, string> = Object.fromEntries(
  (
    [
      ['alabama', 'AL'],
      ['alaska', 'AK'],
      ['arizona', 'AZ'],
      ['arkansas', 'AR'],
      ['california', 'CA'],
      ['colorado', 'CO'],
      ['connecticut', 'CT'],
      ['delaware', 'DE'],
      ['district of columbia', 'DC'],
      ['florida', 'FL'],
      ['georgia', 'GA'],
      ['hawaii', 'HI'],
      ['idaho', 'ID'],
      ['illinois', 'IL'],
      ['indiana', 'IN'],
      ['iowa', 'IA'],
      ['kansas', 'KS'],
      ['kentucky', 'KY'],
      ['louisiana', 'LA'],
      ['maine', 'ME'],
      ['maryland', 'MD'],
      ['massachusetts', 'MA'],
      ['michigan', 'MI'],
      ['minnesota', 'MN'],
      ['mississippi', 'MS'],
      ['missouri', 'MO'],
      ['montana', 'MT'],
      ['nebraska', 'NE'],
      ['nevada', 'NV'],
      ['new hampshire', 'NH'],
      ['new jersey', 'NJ'],
      ['new mexico', 'NM'],
      ['new york', 'NY'],
      ['north carolina', 'NC'],
      ['north dakota', 'ND'],
      ['ohio', 'OH'],
      ['oklahoma', 'OK'],
      ['oregon', 'OR'],
      ['pennsylvania', 'PA'],
      ['rhode island', 'RI'],
      ['south carolina', 'SC'],
      ['south dakota', 'SD'],
      ['tennessee', 'TN'],
      ['texas', 'TX'],
      ['utah', 'UT'],
      ['vermont', 'VT'],
      ['virginia', 'VA'],
      ['washington', 'WA'],
      ['west virginia', 'WV'],
      ['wisconsin', 'WI'],
      ['wyoming', 'WY'],
    ] as const
  ).map(([n, c]) => [n, c]),
);

function state(s: string): Transformed {
  const upper = s.replace(/\./g, '').toUpperCase();
  if (isUsState(upper)) return ok(upper);
  const named = STATE_NAMES[s.toLowerCase()];
  return named ? ok(named) : bad('is not a US state');
}

/** ZIP codes that a spreadsheet stored as numbers lost their leading zeros: 2134 → 02134. */
function zip(s: string): Transformed {
  const digits = s.replace(/[\s-]/g, '');
  if (/^\d{3,5}$/.test(digits)) return ok(digits.padStart(5, '0'));
  if (/^\d{9}$/.test(digits)) return ok(`${digits.slice(0, 5)}-${digits.slice(5)}`);
  if (/^\d{5}-\d{4}$/.test(s)) return ok(s);
  return bad('is not a US ZIP code');
}

function clientType(s: string): Transformed {
  const v = s.toLowerCase();
  if (['i', 'ind', 'individual', 'person', 'personal', 'personal lines', 'pl'].includes(v)) return ok('individual');
  if (['b', 'bus', 'business', 'commercial', 'company', 'commercial lines', 'cl', 'org'].includes(v))
    return ok('business');
  return bad('is neither individual nor business');
}
