import { z } from 'zod';
import { list, lossSchema, money, text, yearBetween } from './common';
import { version, type VersionTable } from './versioning';

const featuresSchema = z.strictObject({
  pool: z.boolean().optional(),
  trampoline: z.boolean().optional(),
  // Carriers surcharge or decline by breed, so the breed is required when a dog is listed.
  dog: z.strictObject({ breed: text(100), biteHistory: z.boolean().optional() }).optional(),
  securitySystem: z.boolean().optional(),
  sprinklers: z.boolean().optional(),
});

export const ROOF_TYPES = [
  'asphalt_shingle', 'architectural_shingle', 'metal', 'tile', 'slate', 'wood_shake', 'flat', 'other',
] as const;

export const HOME_CLAIM_KINDS = ['fire', 'wind', 'hail', 'water', 'theft', 'liability', 'other'] as const;

// ---- v1 (current) --------------------------------------------------------

export const homeDataV1Schema = z
  .strictObject({
    yearBuilt: yearBetween(1700, 2),
    squareFeet: z.number().int().positive().max(100_000),
    construction: z.enum(['frame', 'masonry', 'superior']),
    roofType: z.enum(ROOF_TYPES),
    roofYear: yearBetween(1700, 1).optional(),
    // Half stories ("1.5-story Cape Cod") are common on applications.
    stories: z.number().positive().max(100).multipleOf(0.5),
    occupancy: z.enum(['owner', 'tenant', 'seasonal', 'vacant']),
    // ISO Public Protection Class: 1-10, optionally split (e.g. 8B, 10W, 4X, 4Y).
    protectionClass: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^(?:[1-9]|10)[BWXY]?$/, { error: 'must be an ISO protection class such as 3, 8B or 10W' })
      .optional(),
    distanceToHydrantFt: z.number().nonnegative().max(100_000).optional(),
    features: featuresSchema.default({}),
    priorClaims: list(lossSchema(HOME_CLAIM_KINDS), 100).default([]),
    /** Dwelling limit (Coverage A), in dollars. */
    coverageA: money.positive().optional(),
    deductible: money.optional(),
  })
  .superRefine((doc, ctx) => {
    // A roof can be replaced but not laid before the house existed.
    if (doc.roofYear !== undefined && doc.roofYear < doc.yearBuilt) {
      ctx.addIssue({ code: 'custom', path: ['roofYear'], message: 'roof year cannot be before the year built' });
    }
  });

export type HomeDataV1 = z.output<typeof homeDataV1Schema>;

export const homeDataSchema = homeDataV1Schema;
export type HomeData = HomeDataV1;
export const HOME_CURRENT_VERSION = 1;

export const homeVersions: VersionTable<HomeData> = new Map([[1, version(homeDataV1Schema, (doc) => doc)]]);
