/**
 * Cells for files a spreadsheet opens. A cell that begins with =, +, -, @, tab or carriage return
 * would be run as a formula (CSV injection, OWASP): it gets a leading apostrophe, which
 * spreadsheets show as text and hide. Import strips that apostrophe again so a round trip keeps
 * the value.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A plain number (say a negative amount) runs nothing and stays as it is. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function escapeFormula(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** The inverse of escapeFormula, for values read back from an exported file. */
export function unescapeFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** A value as the text a cell shows: null empty, objects and arrays as JSON. */
export function cellString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** One CSV field: escaped against formulas, quoted when it holds a delimiter, quote or line break. */
export function csvField(value: unknown): string {
  const s = escapeFormula(cellString(value));
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
