import type { ReplicaDb } from '../../../db/sqlite/open';
import type { PreviewCell, PreviewResult, WizardMapping } from '../../../shared/api/files';
import { AppError } from '../../../shared/errors';
import { cellString } from '../../../shared/export/cells';
import type { ImportKind } from '../../../shared/import/fields';
import { importMapping } from '../../../shared/import/mapping';
import { mapRow, planRow } from '../../../shared/import/rows';
import type { RowContext } from '../../../shared/import/row-types';
import { openTableFile } from './read-file';
import { parentResolver } from './replica-index';

/** The context rows of a file are mapped in; a mapping that does not fit the file's columns fails here. */
export function rowContextFor(db: ReplicaDb, kind: ImportKind, mapping: WizardMapping, headers: string[]): RowContext {
  const parsed = importMapping.parse({ ...mapping, kind });
  if (parsed.columns.length !== headers.length)
    throw new AppError(
      'invalid_input',
      `the mapping has ${parsed.columns.length} columns; the file has ${headers.length}`,
      'mapping.columns',
    );
  const ctx: RowContext = { mapping: parsed, headers };
  if (kind === 'contacts' || kind === 'notes') ctx.resolveParent = parentResolver(db);
  return ctx;
}

/** The first rows of a file exactly as they would be stored, with each cell's problem. */
export async function previewFile(
  db: ReplicaDb,
  file: string,
  kind: ImportKind,
  mapping: WizardMapping,
  limit: number,
): Promise<PreviewResult> {
  const table = await openTableFile(file);
  try {
    const ctx = rowContextFor(db, kind, mapping, table.headers);
    const rows: PreviewResult['rows'] = [];
    for await (const fileRow of table.rows) {
      const mapped = mapRow(ctx, fileRow.row, fileRow.cells);
      const planned = planRow(kind, mapped, { kind: 'create' }, ctx);
      const issues = [...mapped.issues, ...(planned.ok ? [] : planned.issues)];
      const cells: PreviewCell[] = table.headers.map((column, i) => {
        const field = ctx.mapping.columns[i] ?? null;
        const value = field === 'full_name' ? fullName(mapped.values) : field ? mapped.values[field] : undefined;
        const error = issues.find((x) => x.column === column)?.reason ?? null;
        return {
          column,
          field,
          raw: fileRow.cells[i] ?? '',
          // A cell with a problem is not stored as it is: no value to show for it.
          value: error || value === undefined || value === null ? null : shown(value),
          error,
        };
      });
      rows.push({ row: fileRow.row, cells, issues: issues.filter((x) => !table.headers.includes(x.column)) });
      if (rows.length >= limit) break;
    }
    return { headers: table.headers, rows };
  } finally {
    table.close();
  }
}

function fullName(values: Record<string, unknown>): string | null {
  const parts = [values.first_name, values.last_name].filter((v) => typeof v === 'string' && v !== '');
  return parts.length ? parts.join(' ') : null;
}

function shown(v: unknown): string {
  if (Array.isArray(v)) return v.map(String).join(', ');
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return cellString(v);
}
