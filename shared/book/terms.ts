/**
 * The arithmetic of policy terms, pure so the mutations, the work lists and the screens agree:
 * term dates, the premium change of a renewal, the retention-risk flag and the X-date window.
 */

/** A renewal priced this much higher (percent) than the term it renews is a retention risk. */
export const RETENTION_RISK_CHANGE_PCT = 10;
/** Days before a prospect's current policy expires that the X-date follow-up falls (a setting). */
export const DEFAULT_XDATE_WINDOW_DAYS = 45;
/** Days ahead the renewal list looks by default, and the choices it offers. */
export const RENEWAL_WINDOWS = [30, 60, 90] as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** YYYY-MM-DD plus whole months; a day past the new month's end becomes its last day (Jan 31 + 1 → Feb 28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/** YYYY-MM-DD plus days. */
export function addDaysToDate(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole months from one date to another, rounded (a term of 2025-01-15 to 2025-07-15 is 6). */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((y2 - y1) * 12 + (m2 - m1) + (d2 - d1) / 30);
}

/** The premium's change in percent, to two decimals; null when the old premium was zero. */
export function premiumChangePct(oldPremium: number, newPremium: number): number | null {
  if (!(oldPremium > 0)) return null;
  return Math.round(((newPremium - oldPremium) / oldPremium) * 10_000) / 100;
}

export function isRetentionRisk(changePct: number | null | undefined): boolean {
  return changePct != null && changePct >= RETENTION_RISK_CHANGE_PCT;
}

/** Commission in money, to the cent, from a premium and a rate in percent. */
export function commissionAmount(premium: number, ratePct: number | null | undefined): number | null {
  return ratePct == null ? null : Math.round(premium * ratePct) / 100;
}

/**
 * When to call a prospect back about their X-date: `windowDays` before the current policy
 * expires. Policies renew yearly with the other carrier, so an expiration already past (or
 * a window already open) moves to the next year's, never to a time before `now`.
 */
export function xDateFollowUp(expiration: string, windowDays: number, now: string): { at: string; xdate: string } {
  const today = now.slice(0, 10);
  let xdate = expiration;
  while (xdate < today) xdate = addMonths(xdate, 12);
  const day = addDaysToDate(xdate, -windowDays);
  // 15:00 UTC: mid-morning across the US, the working day the follow-up is for.
  const at = day <= today ? now : `${day}T15:00:00.000Z`;
  return { at, xdate };
}

/** How typed identifiers (policy numbers, VINs) are compared: upper case, no spaces, dashes, dots or slashes. */
export function searchKey(text: string): string {
  return text.toUpperCase().replace(/[\s\-./]/g, '');
}
