import type { Rng } from './prng';

/** Characters a VIN may use (ISO 3779: never I, O or Q). */
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const VALUES: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
/** Position 10: the model year, a 30-year cycle from 1980 (A) that skips I, O, Q, U, Z and 0. */
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';

function value(ch: string): number {
  const d = ch.charCodeAt(0) - 48;
  return d >= 0 && d <= 9 ? d : VALUES[ch]!;
}

/** The North-American check digit (49 CFR 565.15) of a 17-character VIN, as its 9th character. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += value(vin.charAt(i)) * WEIGHTS[i]!;
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

export function modelYearCode(year: number): string {
  return YEAR_CODES.charAt((((year - 1980) % 30) + 30) % 30);
}

/** A VIN with a real manufacturer prefix, the model-year code and a correct check digit. */
export function makeVin(rng: Rng, wmi: string, year: number): string {
  let vds = '';
  for (let i = 0; i < 5; i++) vds += VIN_CHARS.charAt(rng.u32() % VIN_CHARS.length);
  const plant = VIN_CHARS.charAt(rng.u32() % 23); // plants are letters
  const draft = `${wmi}${vds}0${modelYearCode(year)}${plant}${rng.digits(6)}`;
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
}

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/**
 * A US Coast Guard hull identification number: manufacturer code, 5-character serial, month of
 * production (A-L), last digit of the production year and the two-digit model year.
 */
export function makeHin(rng: Rng, mic: string, year: number): string {
  let serial = '';
  for (let i = 0; i < 5; i++)
    serial += rng.chance(0.3) ? LETTERS.charAt(rng.u32() % LETTERS.length) : String(rng.u32() % 10);
  const month = 'ABCDEFGHIJKL'.charAt(rng.u32() % 12);
  const built = (year - 1 + (rng.chance(0.6) ? 1 : 0)) % 10;
  return `${mic}${serial}${month}${built}${String(year % 100).padStart(2, '0')}`;
}
