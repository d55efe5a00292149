import { z } from 'zod';

// ISO 3779 / 49 CFR 565: letters I, O and Q are never used (confused with 1 and 0).
const VIN_SHAPE = /^[A-HJ-NPR-Z0-9]{17}$/;

// Letter values for the North-American check digit (49 CFR 565.15).
const LETTER_VALUES: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

function charValue(ch: string): number {
  const digit = ch.charCodeAt(0) - 48;
  return digit >= 0 && digit <= 9 ? digit : (LETTER_VALUES[ch] ?? -1);
}

/**
 * True for a 17-character VIN whose 9th character matches the North-American
 * check digit. Case-insensitive, because agents often type VINs in lowercase.
 */
export function isValidVin(vin: string): boolean {
  if (typeof vin !== 'string') return false;
  const v = vin.toUpperCase();
  if (!VIN_SHAPE.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += charValue(v.charAt(i)) * (WEIGHTS[i] ?? 0);
  }
  const remainder = sum % 11;
  const expected = remainder === 10 ? 'X' : String(remainder);
  return v.charAt(8) === expected;
}

/** Trimmed, upper-cased VIN; stored normalized so lookups and dedupe compare equal. */
export const vinSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidVin, {
    error: 'VIN is invalid (must be 17 characters without I, O or Q, with a correct check digit)',
  });
