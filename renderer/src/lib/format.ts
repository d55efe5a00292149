const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const usdCents = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });
const compactUsd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
});
const int = new Intl.NumberFormat('en-US');
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function money(n: number | null | undefined, opts: { cents?: boolean; compact?: boolean } = {}): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  if (opts.compact && Math.abs(n) >= 10_000) return compactUsd.format(n);
  return opts.cents ? usdCents.format(n) : usd.format(n);
}

export const count = (n: number) => int.format(n);

export function exactTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : exact.format(d);
}

/** A calendar date (YYYY-MM-DD) as written on paper, without time-zone drift. */
export function paperDate(date: string | null | undefined): string {
  if (!date) return '—';
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : dateOnly.format(d);
}

const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export function relativeTime(iso: string, now = Date.now()): string {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const diff = t - now;
  if (Math.abs(diff) < 45_000) return 'just now';
  for (const [unit, ms] of STEPS) {
    if (Math.abs(diff) >= ms || unit === 'minute') return rtf.format(Math.round(diff / ms), unit);
  }
  return rtf.format(0, 'minute');
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? parts[parts.length - 1]![0] : '')).toUpperCase() || '?';
}

/** The display name of a lead or client row. */
export function personName(r: {
  business_name?: string | null;
  first_name?: string | null;
  last_name?: string | null;
}): string {
  if (r.business_name) return r.business_name;
  return [r.first_name, r.last_name].filter(Boolean).join(' ') || 'Unnamed';
}

/** Words that stay in capitals when a code is shown to people ("sms" is SMS, not Sms). */
const ACRONYMS = new Set([
  'sms',
  'ai',
  'id',
  'vin',
  'url',
  'llc',
  'dba',
  'fein',
  'naics',
  'hoa',
  'rv',
  'atv',
  'bop',
  'gl',
]);

/** A code or key said the way people write it: years_at_address → Years at address, sms → SMS. */
export const humanize = (code: string) =>
  code
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((w, i) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');

/** The week key the dashboard query groups by: SQLite's strftime('%Y-W%W') in UTC (weeks start Monday). */
export function weekKey(d: Date): string {
  const yday = Math.floor(
    (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000,
  );
  const week = Math.floor((yday + 7 - ((d.getUTCDay() + 6) % 7)) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The last `n` ISO weeks up to this one, oldest first, with each week's Monday. */
export function lastWeeks(n: number, now = new Date()): Array<{ week: string; monday: Date }> {
  const monday = new Date(now);
  monday.setHours(12, 0, 0, 0);
  monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
  return Array.from({ length: n }, (_, i) => {
    const m = new Date(monday);
    m.setDate(m.getDate() - (n - 1 - i) * 7);
    return { week: weekKey(m), monday: m };
  });
}
