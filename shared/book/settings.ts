/**
 * The book-of-business settings of this device (kept in the replica's local_settings, never
 * synced, like the AI settings): when renewal work is created and when a lost prospect's X-date
 * follow-up falls. Zero turns the automatic renewal opportunity off.
 */
import { z } from 'zod';
import { DEFAULT_XDATE_WINDOW_DAYS } from './terms';

/** Days before a term expires that its renewal opportunity and follow-up task are created. */
export const DEFAULT_RENEWAL_LEAD_DAYS = 60;

export const bookSettingsSchema = z.strictObject({
  renewal_lead_days: z
    .number()
    .int('must be a whole number of days')
    .min(0, 'cannot be negative (0 turns it off)')
    .max(365, 'is at most 365 days')
    .default(DEFAULT_RENEWAL_LEAD_DAYS),
  xdate_window_days: z
    .number()
    .int('must be a whole number of days')
    .min(0, 'cannot be negative')
    .max(180, 'is at most 180 days')
    .default(DEFAULT_XDATE_WINDOW_DAYS),
});
export type BookSettings = z.output<typeof bookSettingsSchema>;
export type BookSettingsInput = z.input<typeof bookSettingsSchema>;
