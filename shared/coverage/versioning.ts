import type { z } from 'zod';

export type Issue = z.core.$ZodIssue;

export type VersionParse<Current> =
  | { success: true; data: Current }
  | { success: false; issues: Issue[] };

/** Parses a document written at one schema version and returns it upgraded to the current one. */
export type VersionEntry<Current> = (doc: unknown) => VersionParse<Current>;

/**
 * Pairs a version's schema with the upgrade chain to the current version.
 * Upgrades take already-validated input, so they are plain, total functions.
 */
export function version<S extends z.ZodType, C>(
  schema: S,
  toCurrent: (doc: z.output<S>) => C,
): VersionEntry<C> {
  return (doc) => {
    const result = schema.safeParse(doc);
    return result.success
      ? { success: true, data: toCurrent(result.data) }
      : { success: false, issues: result.error.issues };
  };
}

/** Version number → entry. A Map, so keys like "__proto__" can never match. */
export type VersionTable<Current> = ReadonlyMap<number, VersionEntry<Current>>;
