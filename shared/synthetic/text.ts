/** Small formatting helpers for the synthetic agency's free text. */
import type { Rng } from './prng';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

/** `$1,234` (whole dollars), without relying on the host's locale data. */
export function dollars(n: number): string {
  return `$${String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** `$1.2M`, `$850K`. */
export function shortDollars(n: number): string {
  return n >= 1e6 ? `$${(n / 1e6).toFixed(1).replace(/\.0$/, '')}M` : `$${Math.round(n / 1000)}K`;
}

/** `March 14` from `2025-03-14`. */
export function monthDay(date: string): string {
  return `${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}`;
}

/** Fills `{key}` placeholders; `{day}` becomes a weekday drawn from the PRNG. */
export function render(template: string, values: Readonly<Record<string, string>>, rng: Rng): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) =>
    key === 'day' ? rng.pick(WEEKDAYS) : (values[key] ?? key),
  );
}

export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
