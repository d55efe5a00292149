/**
 * Versioned schemas for the JSON coverage columns of `leads`. Each column has a
 * sibling `<column>_schema_version`; documents are validated against the
 * version they were written with and upgraded to the current one on read.
 * Pure TypeScript: runs in Node and in the browser.
 */
import { AUTO_CURRENT_VERSION, autoVersions, type AutoData } from './auto';
import { COMMERCIAL_CURRENT_VERSION, commercialVersions, type CommercialData } from './commercial';
import { HOME_CURRENT_VERSION, homeVersions, type HomeData } from './home';
import { SPECIALTY_CURRENT_VERSION, specialtyVersions, type SpecialtyData } from './specialty';
import type { Issue, VersionTable } from './versioning';

export { autoDataSchema, autoDataV1Schema, autoDataV2Schema, upgradeAutoV1ToV2 } from './auto';
export type { AutoData, AutoDataV1, AutoDataV2 } from './auto';
export { homeDataSchema, homeDataV1Schema, ROOF_TYPES, HOME_CLAIM_KINDS } from './home';
export type { HomeData, HomeDataV1 } from './home';
export { specialtyDataSchema, specialtyDataV1Schema } from './specialty';
export type { SpecialtyData, SpecialtyDataV1 } from './specialty';
export { commercialDataSchema, commercialDataV1Schema, COMMERCIAL_COVERAGES, COMMERCIAL_LOSS_KINDS } from './commercial';
export type { CommercialData, CommercialDataV1 } from './commercial';
export { isValidVin } from './vin';
export { US_STATES, isUsState, type UsState } from './us-states';
export type { Address } from './common';

export type CoverageColumn = 'auto_data' | 'home_data' | 'specialty_data' | 'commercial_data';

export const COVERAGE_COLUMNS: readonly CoverageColumn[] = ['auto_data', 'home_data', 'specialty_data', 'commercial_data'];

export const CURRENT_VERSION: Record<CoverageColumn, number> = {
  auto_data: AUTO_CURRENT_VERSION,
  home_data: HOME_CURRENT_VERSION,
  specialty_data: SPECIALTY_CURRENT_VERSION,
  commercial_data: COMMERCIAL_CURRENT_VERSION,
};

/** Current-version document type for each column. */
export interface CoverageDocs {
  auto_data: AutoData;
  home_data: HomeData;
  specialty_data: SpecialtyData;
  commercial_data: CommercialData;
}

export interface CoverageError {
  /** e.g. `auto_data.vehicles[1].vin`, or `auto_data_schema_version`. */
  path: string;
  message: string;
}

export type CoverageResult<T> = { ok: true; value: T; version: number } | { ok: false; error: CoverageError };

const VERSIONS: { [C in CoverageColumn]: VersionTable<CoverageDocs[C]> } = {
  auto_data: autoVersions,
  home_data: homeVersions,
  specialty_data: specialtyVersions,
  commercial_data: commercialVersions,
};

function isCoverageColumn(value: unknown): value is CoverageColumn {
  return typeof value === 'string' && (COVERAGE_COLUMNS as readonly string[]).includes(value);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Renders a zod path as `column.a.b[0].c`. */
function formatPath(column: string, path: readonly PropertyKey[]): string {
  let out = column;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function toError(column: CoverageColumn, issue: Issue | undefined): CoverageError {
  if (!issue) return { path: column, message: 'invalid document' };
  // Point at the offending key itself rather than at the object holding it.
  const path = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
  return { path: formatPath(column, path), message: issue.message };
}

function describe(value: unknown): string {
  return typeof value === 'number' || typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

/**
 * Validates `doc` as written at schema `version` of `column` and returns it
 * upgraded to the current version. Never throws, whatever the input.
 */
export function validateCoverage<C extends CoverageColumn>(
  column: C,
  version: number,
  doc: unknown,
): CoverageResult<CoverageDocs[C]> {
  try {
    if (!isCoverageColumn(column)) {
      return {
        ok: false,
        error: {
          path: typeof column === 'string' ? column : 'coverage',
          message: `unknown coverage column ${describe(column)} (known: ${COVERAGE_COLUMNS.join(', ')})`,
        },
      };
    }
    const table: VersionTable<CoverageDocs[C]> = VERSIONS[column];
    const entry = typeof version === 'number' ? table.get(version) : undefined;
    if (!entry) {
      return {
        ok: false,
        error: {
          path: `${column}_schema_version`,
          message: `unknown schema version ${describe(version)} for ${column} (known: ${[...table.keys()].join(', ')})`,
        },
      };
    }
    const result = entry(doc);
    if (!result.success) return { ok: false, error: toError(column, result.issues[0]) };
    return { ok: true, value: result.data, version: CURRENT_VERSION[column] };
  } catch (err) {
    // Hostile input (throwing getters, proxies, exhausted stack) must not crash a sync or import.
    return { ok: false, error: { path: isCoverageColumn(column) ? column : 'coverage', message: `could not validate: ${reason(err)}` } };
  }
}

/** The thrown value's message, without trusting it (it may itself be hostile). */
function reason(err: unknown): string {
  try {
    return err instanceof Error ? String(err.message) : 'unexpected error';
  } catch {
    return 'unexpected error';
  }
}
