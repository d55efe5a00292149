import { z } from 'zod';
import {
  addressSchema, isoDate, latestToday, list, optionalText, pastDate, text, usState, yearBetween,
} from './common';
import { vinSchema } from './vin';
import { version, type VersionTable } from './versioning';

const MIN_DRIVER_AGE = 14;

/** True once the person born on `dob` (YYYY-MM-DD) has had their 14th birthday. */
function isOldEnough(dob: string): boolean {
  const year = Number(dob.slice(0, 4)) + MIN_DRIVER_AGE;
  // String compare handles Feb 29 births: "2023-02-29" sorts before "2023-03-01".
  return `${String(year).padStart(4, '0')}${dob.slice(4)}` <= latestToday();
}

const dateOfBirth = isoDate
  .refine((d) => d >= '1900-01-01', { error: 'date of birth must be 1900-01-01 or later', abort: true })
  .refine(isOldEnough, { error: `driver must be at least ${MIN_DRIVER_AGE} years old` });

const violationSchema = z.strictObject({
  date: pastDate,
  kind: z.enum(['speeding', 'accident', 'dui', 'other']),
  description: optionalText(1000),
});

const driverSchema = z.strictObject({
  firstName: text(100),
  lastName: text(100),
  dateOfBirth,
  licenseState: usState,
  licenseNumber: text(32).regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, {
    error: 'license number may only contain letters, digits, spaces and hyphens',
  }),
  relationship: z.enum(['self', 'spouse', 'child', 'other']).optional(),
  violations: list(violationSchema, 100).default([]),
});

const vehicleCommon = {
  year: yearBetween(1900, 2),
  make: text(100),
  model: text(100),
  vin: vinSchema,
  annualMileage: z.number().nonnegative().max(500_000).optional(),
  garagingAddress: addressSchema.optional(),
  ownership: z.enum(['owned', 'financed', 'leased']).optional(),
};

// ---- v1 ------------------------------------------------------------------

const vehicleV1Schema = z.strictObject({
  ...vehicleCommon,
  usage: z.enum(['commute', 'pleasure', 'business', 'farm']),
});

export const autoDataV1Schema = z.strictObject({
  vehicles: list(vehicleV1Schema, 50),
  drivers: list(driverSchema, 50),
});
export type AutoDataV1 = z.output<typeof autoDataV1Schema>;

// ---- v2 (current) --------------------------------------------------------
// Carriers' rating APIs call non-commute use "personal", and rating needs to
// know who mainly drives each vehicle.

const vehicleV2Schema = z.strictObject({
  ...vehicleCommon,
  usage: z.enum(['commute', 'personal', 'business', 'farm']),
  /** Index into `drivers` of the person who drives this vehicle most. */
  primaryDriverIndex: z.number().int().nonnegative().optional(),
});

export const autoDataV2Schema = z
  .strictObject({
    vehicles: list(vehicleV2Schema, 50),
    drivers: list(driverSchema, 50),
  })
  .superRefine((doc, ctx) => {
    doc.vehicles.forEach((v, i) => {
      if (v.primaryDriverIndex !== undefined && v.primaryDriverIndex >= doc.drivers.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['vehicles', i, 'primaryDriverIndex'],
          message: `primary driver index ${v.primaryDriverIndex} does not match any of the ${doc.drivers.length} drivers`,
        });
      }
    });
  });
export type AutoDataV2 = z.output<typeof autoDataV2Schema>;

/** v1 → v2: rename usage "pleasure" to "personal"; the primary driver stays unknown. */
export function upgradeAutoV1ToV2(doc: AutoDataV1): AutoDataV2 {
  return {
    drivers: doc.drivers,
    vehicles: doc.vehicles.map((v) => ({
      ...v,
      usage: v.usage === 'pleasure' ? 'personal' : v.usage,
    })),
  };
}

export const autoDataSchema = autoDataV2Schema;
export type AutoData = AutoDataV2;
export const AUTO_CURRENT_VERSION = 2;

export const autoVersions: VersionTable<AutoData> = new Map([
  [1, version(autoDataV1Schema, upgradeAutoV1ToV2)],
  [2, version(autoDataV2Schema, (doc) => doc)],
]);
