import { z } from 'zod';
import { isUsState } from './us-states';

/** Required free text: trimmed, non-empty and bounded so one field cannot bloat a row. */
export const text = (max = 200) => z.string().trim().min(1).max(max);

/** Optional free text; an empty string is rejected rather than stored as noise. */
export const optionalText = (max = 200) => text(max).optional();

/** A finite, non-negative amount of US dollars (bounded to catch unit slips). */
export const money = z.number().nonnegative().max(1e12);

export const nonNegativeInt = z.number().int().nonnegative();

// Time-dependent rules compare against the latest calendar date anywhere on
// Earth (UTC+14), so a document accepted by a client in any time zone is also
// accepted by the server. Every such rule only loosens as time passes, so a
// stored document never becomes invalid later.
const LATEST_OFFSET_MS = 14 * 60 * 60 * 1000;

/** Latest "today" anywhere, as YYYY-MM-DD. */
export function latestToday(): string {
  return new Date(Date.now() + LATEST_OFFSET_MS).toISOString().slice(0, 10);
}

export function latestYear(): number {
  return Number(latestToday().slice(0, 4));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a YYYY-MM-DD string naming a day that exists (e.g. no 2023-02-29). */
export function isRealDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one.
  const lastDay = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= lastDay;
}

/** A calendar date as YYYY-MM-DD (no time, no zone: these are dates on paper). */
export const isoDate = z
  .string()
  .refine(isRealDate, { error: 'must be a real date in YYYY-MM-DD format', abort: true });

/** A date that has already happened (losses, violations). */
export const pastDate = isoDate.refine((d) => d <= latestToday(), {
  error: 'date cannot be in the future',
});

/**
 * A year between `min` and `ahead` years past the current one; model years and
 * new construction run ahead of the calendar.
 */
export const yearBetween = (min: number, ahead: number) =>
  z
    .number()
    .int()
    .min(min)
    .superRefine((y, ctx) => {
      const max = latestYear() + ahead;
      if (y > max) ctx.addIssue({ code: 'custom', message: `year must be ${max} or earlier` });
    });

export const usState = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isUsState, { error: 'must be a 2-letter US state code (50 states or DC)' });

export const zipCode = z
  .string()
  .trim()
  .regex(/^\d{5}(?:-?\d{4})?$/, { error: 'must be a US ZIP code (12345 or 12345-6789)' });

export const addressSchema = z.strictObject({
  line1: text(),
  line2: optionalText(),
  city: text(100),
  state: usState,
  postalCode: zipCode,
});
export type Address = z.output<typeof addressSchema>;

/** A prior claim or loss; each column brings its own list of kinds. */
export const lossSchema = <const K extends readonly [string, ...string[]]>(kinds: K) =>
  z.strictObject({
    date: pastDate,
    kind: z.enum(kinds),
    amount: money,
  });

/** Arrays are capped so a runaway client cannot store an unbounded document. */
export const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max);
