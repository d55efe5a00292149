import { z } from 'zod';
import { list, money, optionalText, text, yearBetween } from './common';
import { vinSchema } from './vin';
import { version, type VersionTable } from './versioning';

// US Coast Guard HIN (33 CFR 181): 3-letter manufacturer code + 9 letters/digits.
// Dashes and spaces are how it is often printed, so they are dropped before checking.
const hinSchema = z
  .string()
  .toUpperCase()
  .transform((s) => s.replace(/[\s-]/g, '').replace(/^US(?=[A-Z0-9]{12}$)/, ''))
  .pipe(z.string().regex(/^[A-Z]{3}[A-Z0-9]{9}$/, { error: 'HIN must be 12 characters: a 3-letter manufacturer code then 9 letters or digits' }));

const itemSchema = z.strictObject({
  kind: z.enum(['boat', 'motorcycle', 'rv', 'jewelry', 'art', 'collectible', 'other']),
  description: text(1000),
  /** Agreed or appraised value, in dollars. */
  value: money,
  // Art and collectibles can be centuries old; toys run a model year ahead.
  year: yearBetween(1, 2).optional(),
  make: optionalText(100),
  model: optionalText(100),
  hin: hinSchema.optional(),
  vin: vinSchema.optional(),
});

// ---- v1 (current) --------------------------------------------------------

export const specialtyDataV1Schema = z.strictObject({
  items: list(itemSchema, 500),
});
export type SpecialtyDataV1 = z.output<typeof specialtyDataV1Schema>;

export const specialtyDataSchema = specialtyDataV1Schema;
export type SpecialtyData = SpecialtyDataV1;
export const SPECIALTY_CURRENT_VERSION = 1;

export const specialtyVersions: VersionTable<SpecialtyData> = new Map([
  [1, version(specialtyDataV1Schema, (doc) => doc)],
]);
