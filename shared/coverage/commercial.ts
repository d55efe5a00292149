import { z } from 'zod';
import { addressSchema, list, lossSchema, money, nonNegativeInt, optionalText, text } from './common';
import { version, type VersionTable } from './versioning';

export const COMMERCIAL_COVERAGES = [
  'general_liability', 'property', 'bop', 'workers_comp', 'commercial_auto', 'umbrella', 'cyber', 'professional',
] as const;

export const COMMERCIAL_LOSS_KINDS = [
  'property', 'general_liability', 'workers_comp', 'auto', 'professional', 'cyber', 'other',
] as const;

const locationSchema = z.strictObject({
  address: addressSchema,
  /** What the building is used for, e.g. "office", "retail", "warehouse". */
  occupancy: optionalText(200),
  squareFeet: z.number().int().positive().max(10_000_000).optional(),
  buildingValue: money.optional(),
  contentsValue: money.optional(),
  isPrimary: z.boolean().optional(),
});

// ---- v1 (current) --------------------------------------------------------

export const commercialDataV1Schema = z
  .strictObject({
    businessType: text(200),
    // NAICS codes are 2-6 digits depending on how specific the classification is.
    naicsCode: z.string().trim().regex(/^\d{2,6}$/, { error: 'NAICS code must be 2 to 6 digits' }).optional(),
    yearsInBusiness: z.number().nonnegative().max(500).optional(),
    annualRevenue: money.optional(),
    employees: z.strictObject({ fullTime: nonNegativeInt, partTime: nonNegativeInt }).optional(),
    payroll: money.optional(),
    locations: list(locationSchema, 500),
    priorLosses: list(lossSchema(COMMERCIAL_LOSS_KINDS), 200).default([]),
    coveragesRequested: list(z.enum(COMMERCIAL_COVERAGES), COMMERCIAL_COVERAGES.length),
  })
  .superRefine((doc, ctx) => {
    // Duplicates would double-count a line when quoting.
    const seen = new Set<string>();
    doc.coveragesRequested.forEach((c, i) => {
      if (seen.has(c)) {
        ctx.addIssue({ code: 'custom', path: ['coveragesRequested', i], message: `"${c}" is listed more than once` });
      }
      seen.add(c);
    });
    // Mailing and rating use the single primary location.
    const primaries = doc.locations.flatMap((l, i) => (l.isPrimary ? [i] : []));
    const second = primaries[1];
    if (second !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['locations', second, 'isPrimary'], message: 'only one location can be primary' });
    }
  });
export type CommercialDataV1 = z.output<typeof commercialDataV1Schema>;

export const commercialDataSchema = commercialDataV1Schema;
export type CommercialData = CommercialDataV1;
export const COMMERCIAL_CURRENT_VERSION = 1;

export const commercialVersions: VersionTable<CommercialData> = new Map([
  [1, version(commercialDataV1Schema, (doc) => doc)],
]);
