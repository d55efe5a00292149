/** Timestamps everywhere in the app are ISO-8601 UTC strings with milliseconds. */
export const nowIso = () => new Date().toISOString();

/**
 * Postgres prints timestamptz as `2025-01-02 03:04:05.678+00`; the app, SQLite and the API
 * use `2025-01-02T03:04:05.678Z`. One normal form keeps comparisons and sorting as strings right.
 */
export function normalizeTimestamp(value: string): string {
  return utcTextToIso(value) ?? parseTimestamp(value);
}

const UTC_TEXT = /^(\d{4}-[01]\d-[0-3]\d)[ T]([0-2]\d:[0-5]\d:[0-5]\d)(?:\.(\d{1,9}))?(?:\+00(?::?00)?|Z)$/;

/**
 * The common case without a Date: a UTC timestamp as Postgres prints it (what every synced row
 * carries). Only values where Date would agree are rewritten as text — days past the 28th and
 * out-of-range fields (which Date rolls over or rejects) take the general path. Fractions are
 * truncated to milliseconds, as Date does.
 */
function utcTextToIso(value: string): string | null {
  const m = UTC_TEXT.exec(value);
  if (!m) return null;
  const [, date, time, fraction] = m as unknown as [string, string, string, string | undefined];
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  if (date < '1000' || month < 1 || month > 12 || day < 1 || day > 28 || Number(time.slice(0, 2)) > 23) return null;
  return `${date}T${time}.${((fraction ?? '') + '000').slice(0, 3)}Z`;
}

function parseTimestamp(value: string): string {
  let s = value.trim().replace(' ', 'T');
  if (/[+-]\d\d$/.test(s)) s += ':00';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new Error(`not a timestamp: ${value}`);
  return d.toISOString();
}

export function addDays(iso: string, days: number): string {
  return new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();
}
