/** Timestamps everywhere in the app are ISO-8601 UTC strings with milliseconds. */
export const nowIso = () => new Date().toISOString();

/**
 * Postgres prints timestamptz as `2025-01-02 03:04:05.678+00`; the app, SQLite and the API
 * use `2025-01-02T03:04:05.678Z`. One normal form keeps comparisons and sorting as strings right.
 */
export function normalizeTimestamp(value: string): string {
  let s = value.trim().replace(' ', 'T');
  if (/[+-]\d\d$/.test(s)) s += ':00';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new Error(`not a timestamp: ${value}`);
  return d.toISOString();
}

export function addDays(iso: string, days: number): string {
  return new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();
}
