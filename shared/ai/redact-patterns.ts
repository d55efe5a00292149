/**
 * The kinds of value redaction knows, and the patterns that find them in free text. Kept apart
 * from the Redactor so the rules (what counts as a phone number, a street address, an SSN
 * written as nine bare digits) can be read and tested on their own.
 */
export const REDACTION_KINDS = [
  'ssn',
  'license',
  'dob',
  'card',
  'bank',
  'passport',
  'mrn',
  'vin',
  'phone',
  'email',
  'address',
] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

/** The word inside a placeholder, e.g. [PHONE_1]. */
export const PLACEHOLDER_LABEL: Record<RedactionKind, string> = {
  ssn: 'SSN',
  license: 'DL',
  dob: 'DOB',
  card: 'CARD',
  bank: 'BANK',
  passport: 'PASSPORT',
  mrn: 'MRN',
  vin: 'VIN',
  phone: 'PHONE',
  email: 'EMAIL',
  address: 'ADDRESS',
};

/** How the settings screen names each kind. */
export const REDACTION_KIND_NAMES: Record<RedactionKind, string> = {
  ssn: 'Social Security numbers',
  license: "Driver's license numbers",
  dob: 'Dates of birth',
  card: 'Payment card numbers',
  bank: 'Bank routing and account numbers',
  passport: 'Passport numbers',
  mrn: 'Medical record numbers',
  vin: 'Vehicle identification numbers (VINs)',
  phone: 'Phone numbers',
  email: 'Email addresses',
  address: 'Street addresses',
};

export const PLACEHOLDER = new RegExp(`\\[(?:${Object.values(PLACEHOLDER_LABEL).join('|')})_\\d+\\]`, 'g');

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
const DATE = `(?:\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\s+${MONTH}\\s+\\d{4})`;
const NUMBER_WORDS = '(?:\\s*(?:number|num|no\\.?|#))?\\s*(?:is\\s+)?[:#]?\\s*';
/** An identifier after a label: letters, digits and dashes, with at least one digit. */
const LABELLED_ID = '((?=[A-Z-]*\\d)[A-Z0-9][A-Z0-9-]{2,19})\\b';

/** Every letter either case, for the street-type words (JS has no inline case-insensitive group on Node 20). */
const anyCase = (word: string) =>
  [...word].map((c) => (/[a-z]/i.test(c) ? `[${c.toUpperCase()}${c.toLowerCase()}]` : c)).join('');
const STREET_TYPES = [
  'Street',
  'St',
  'Avenue',
  'Ave',
  'Av',
  'Road',
  'Rd',
  'Boulevard',
  'Blvd',
  'Lane',
  'Ln',
  'Drive',
  'Dr',
  'Court',
  'Ct',
  'Way',
  'Place',
  'Pl',
  'Terrace',
  'Ter',
  'Circle',
  'Cir',
  'Parkway',
  'Pkwy',
  'Highway',
  'Hwy',
  'Trail',
  'Trl',
  'Square',
  'Sq',
  'Loop',
  'Pike',
  'Alley',
  'Crescent',
];
const STREET_TYPE = `(?:${STREET_TYPES.map(anyCase).join('|')})\\.?`;
const DIRECTION = '(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\\.?';
/** A street name's words are capitalised (or ordinals like 5th): "2 cars on the road" is not an address. */
const NAME_WORD = "(?:[A-Z][A-Za-z'-]*|\\d+(?:st|nd|rd|th))";
const UNIT = `(?:,?[ \\t]*(?:${['Apt', 'Apartment', 'Suite', 'Ste', 'Unit', 'Fl', 'Floor'].map(anyCase).join('|')})\\.?[ \\t]*#?[ \\t]*[A-Za-z0-9-]+|,?[ \\t]*#[ \\t]*[A-Za-z0-9-]+)?`;
const STREET = `\\b\\d{1,6}[A-Za-z]?(?:-\\d{1,4})?[ \\t]+(?:${DIRECTION}[ \\t]+)?(?:${NAME_WORD}[ \\t]+){0,3}${NAME_WORD}[ \\t]+${STREET_TYPE}(?:[ \\t]+${DIRECTION}(?![A-Za-z]))?${UNIT}(?![A-Za-z0-9])`;
const PO_BOX = `\\b(?:P\\.?[ \\t]?O\\.?[ \\t]?Box|Post[ \\t]+Office[ \\t]+Box)[ \\t]+\\d{1,8}\\b`;

const digits = (v: string) => v.replace(/\D/g, '');

export interface Pattern {
  kind: RedactionKind;
  /** Capture group 1 is the value; the rest of the match is the context that identifies it. */
  re: RegExp;
  check?: (value: string) => boolean;
}

/**
 * Applied in this order. Labelled forms come before bare shapes, so "routing 021000021" is a
 * bank number and "passport: 123456789" a passport, not a bare nine-digit SSN. Each pattern
 * refuses to start or end inside a longer run of digits or letters, so a shorter shape never
 * bites into a longer number (a card, a ZIP+4, a premium like 1250.00).
 */
export const PATTERNS: Pattern[] = [
  // Cards first: a 16-digit card must not be half-eaten by a shorter pattern.
  { kind: 'card', re: /(?<![\d-])((?:\d[ -]?){12,18}\d)(?![\d-])/g, check: (v) => luhn(digits(v)) },
  {
    kind: 'ssn',
    re: new RegExp(`\\b(?:ssn|ss#|social\\s+security)${NUMBER_WORDS}(\\d{3}[- ]?\\d{2}[- ]?\\d{4})\\b`, 'gi'),
  },
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
  { kind: 'passport', re: new RegExp(`\\bpassport${NUMBER_WORDS}${LABELLED_ID}`, 'gi') },
  {
    kind: 'mrn',
    re: new RegExp(`\\b(?:MRN|med(?:ical)?\\.?\\s+rec(?:ord)?s?\\.?|patient\\s+id)${NUMBER_WORDS}${LABELLED_ID}`, 'gi'),
  },
  {
    kind: 'dob',
    re: new RegExp(
      `\\b(?:dob|d\\.o\\.b\\.?|date\\s+of\\s+birth|birth\\s?date|birthday|born(?:\\s+on)?)\\b\\s*(?:is\\s+)?[:-]?\\s*(${DATE})`,
      'gi',
    ),
  },
  { kind: 'ssn', re: /(?<![\d-])((?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\2(?!0000)\d{4})(?![\d-])/g },
  // Nine bare digits standing alone are treated as an SSN (or an ITIN or EIN: as sensitive).
  // Not when part of money ($, a decimal part, thousands commas), a longer number or a path.
  { kind: 'ssn', re: /(?<![\w$.,+/-])(\d{9})(?![\w/]|[.,-]\d)/g },
  {
    kind: 'phone',
    re: /(?<![\w+$.,/-])((?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-]?)\d{3}[ .-]?\d{4})(?![\w/]|[.,-]\d)/g,
  },
  // International numbers are recognised by their leading +.
  {
    kind: 'phone',
    re: /(?<![\w+])(\+[2-9]\d{0,2}(?:[ .-]?\(?\d{1,4}\)?){2,5})(?![\w]|[.-]\d)/g,
    check: (v) => digits(v).length >= 8 && digits(v).length <= 15,
  },
  { kind: 'email', re: /(?<![\w.%+-])([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})\b/g },
  // 17 characters without I, O or Q, letters and digits both: a VIN, whatever its check digit.
  {
    kind: 'vin',
    re: /(?<![A-Za-z0-9])((?=[A-HJ-NPR-Z0-9]*\d)(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17})(?![A-Za-z0-9])/gi,
  },
  { kind: 'address', re: new RegExp(`(${STREET}|${PO_BOX})`, 'g') },
];

export function luhn(number: string): boolean {
  if (!/^\d{13,19}$/.test(number) || /^(\d)\1+$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The key two spellings of one value share, so "(555) 867-5309" and "555.867.5309" get one placeholder. */
export function valueKey(kind: RedactionKind, value: string): string {
  switch (kind) {
    case 'ssn':
    case 'card':
      return digits(value);
    case 'phone': {
      const d = digits(value);
      return d.length === 11 && d.startsWith('1') ? d.slice(1) : d;
    }
    case 'bank':
      return /^[\d -]+$/.test(value) ? digits(value) : value.toUpperCase();
    case 'address':
      return value.toLowerCase().replace(/[.,]/g, '').replace(/\s+/g, ' ');
    default:
      return value.toLowerCase();
  }
}

/** Keys of JSON documents (custom fields, coverage of an unknown shape) whose values are sensitive whatever they look like. */
export const SENSITIVE_KEYS: Array<[RegExp, RedactionKind]> = [
  [/^(ssn|social_?security(_?(number|no))?|tax_?id|itin|ein)$/i, 'ssn'],
  [/licen[cs]e_?(number|no)?$/i, 'license'],
  [/^(date_?of_?birth|dob|birth_?date)$/i, 'dob'],
  [/^(card_?number|credit_?card|pan)$/i, 'card'],
  [/^(routing_?number|account_?number|iban|bank_?account)$/i, 'bank'],
  [/^passport(_?(number|no))?$/i, 'passport'],
  [/^(mrn|medical_?record(_?(number|no))?|patient_?id)$/i, 'mrn'],
  [/^(vin|vehicle_?id(entification)?(_?(number|no))?)$/i, 'vin'],
  [/(^|_)(phone|mobile|cell|fax|telephone)(_?(number|no))?$/i, 'phone'],
  [/(^|_)e_?mail(_?address)?$/i, 'email'],
  [/^((street|home|mailing|postal)_?)?address(_?line_?\d?)?$|^street$/i, 'address'],
];

/** A custom field's label as a key ("Passport Number" → "Passport_Number"). */
export const keyOf = (label: string) => label.trim().replace(/[\s.-]+/g, '_');
