import { z } from 'zod';
import { IMPORT_FIELDS, IMPORT_KINDS, type ImportKind } from './fields';
import { DATE_ORDERS } from './transform';

/**
 * How a file's columns fill a kind's fields: one entry per column (null: the column is left
 * out), plus the transform options. Saved by name so the next file from the same system maps
 * itself.
 */
export const importMapping = z.object({
  kind: z.enum(IMPORT_KINDS),
  columns: z.array(z.string().max(60).nullable()).max(500),
  dateOrder: z.enum(DATE_ORDERS).default('MDY'),
  phoneCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'is not a two-letter country code')
    .default('US'),
  /** Line of business for leads whose file has none (a lookup code). */
  defaultInsuranceType: z.string().max(40).default('auto'),
});
export type ImportMapping = z.output<typeof importMapping>;

/** Headers compared as words: case, punctuation and spacing do not matter ("E-Mail", "email"). */
export function normalizeHeader(h: string): string {
  return h
    .toLowerCase()
    .replace(/#/g, ' # ')
    .replace(/[_\-./:()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const squash = (h: string) => normalizeHeader(h).replace(/[\s#]/g, '');

/**
 * Suggests a field for each header: an exact key, label or synonym first, then the same with
 * spacing ignored ("FName", "First_Name"). Each field is suggested for one column at most.
 */
export function suggestMapping(kind: ImportKind, headers: readonly string[]): (string | null)[] {
  const fields = IMPORT_FIELDS[kind];
  const used = new Set<string>();
  const out: (string | null)[] = headers.map(() => null);
  const passes: Array<(h: string, spelling: string) => boolean> = [
    (h, s) => normalizeHeader(h) === normalizeHeader(s),
    (h, s) => squash(h) === squash(s),
  ];
  for (const same of passes) {
    headers.forEach((h, i) => {
      if (out[i] !== null) return;
      const hit = fields.find((f) => !used.has(f.key) && [f.key, f.label, ...f.synonyms].some((s) => same(h, s)));
      if (hit) {
        out[i] = hit.key;
        used.add(hit.key);
      }
    });
  }
  return out;
}

/** A mapping must name known fields, each once. */
export function mappingIssue(m: ImportMapping): string | null {
  const seen = new Set<string>();
  for (const key of m.columns) {
    if (key === null) continue;
    if (!IMPORT_FIELDS[m.kind].some((f) => f.key === key)) return `${m.kind} have no field "${key}"`;
    if (seen.has(key)) return `field "${key}" is mapped twice`;
    seen.add(key);
  }
  return seen.size === 0 ? 'no column is mapped to a field' : null;
}
