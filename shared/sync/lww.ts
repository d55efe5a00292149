/**
 * Field-level last-writer-wins for updateLead-style patches. Each field is decided on its own,
 * so two people editing different fields of one record both keep their edits; on the same
 * field the edit made later (by the mutation's time, not by when it reached the server) wins.
 */
import type { ConflictEntry } from './protocol';

/** The last field-level write of one field: when it was made and by which mutation. */
export interface FieldVersion {
  at: string;
  mutationId: string;
}

export interface LwwInput {
  table: string;
  rowId: string;
  /** The fields the edit sets. */
  patch: Record<string, unknown>;
  /** The values the editor saw when editing (optional). */
  base?: Record<string, unknown>;
  /** The row as the server holds it now. */
  current: Record<string, unknown>;
  /** Per field, its last recorded field-level write. */
  versions: Record<string, FieldVersion | undefined>;
  /** The row's updated_at: bounds writes the versions do not record (other mutations). */
  rowUpdatedAt?: string;
  /** The mutation's time and id; ties on time are broken by id so every order decides alike. */
  at: string;
  mutationId: string;
}

export interface LwwDecision {
  /** The fields to write. */
  apply: Record<string, unknown>;
  /** Fields a newer edit already won, where the loser's value differs from the winner's. */
  conflicts: ConflictEntry[];
  /** Fields a newer edit won with the very value this edit wanted: nothing is lost. */
  unchanged: string[];
}

const ms = (iso: string) => Date.parse(iso);

/** Whether `v` was written after the edit (at, mutationId). */
function isNewer(v: FieldVersion, at: string, mutationId: string): boolean {
  const d = ms(v.at) - ms(at);
  return d > 0 || (d === 0 && v.mutationId > mutationId);
}

/** JSON equality with object keys in any order (values here are JSON: text, numbers, null, objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a ?? null) === canonical(b ?? null);
}

function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
}

/**
 * Decides, per field of `patch`, whether it applies or loses:
 * - a recorded write of the field newer than this edit wins over it;
 * - with no record, a field whose value differs from what the editor saw (`base`) was changed
 *   by another kind of write; if the row changed after this edit, that write wins;
 * - otherwise this edit is the latest and applies.
 * A lost field whose value equals the server's is not a conflict.
 */
export function decideLww(input: LwwInput): LwwDecision {
  const { patch, base, current, versions, at, mutationId } = input;
  const decision: LwwDecision = { apply: {}, conflicts: [], unchanged: [] };
  for (const [field, local] of Object.entries(patch)) {
    const version = versions[field];
    const lost = version
      ? isNewer(version, at, mutationId)
      : base !== undefined &&
        Object.hasOwn(base, field) &&
        !sameValue(base[field], current[field]) &&
        input.rowUpdatedAt !== undefined &&
        ms(input.rowUpdatedAt) > ms(at);
    if (!lost) decision.apply[field] = local;
    else if (sameValue(local, current[field])) decision.unchanged.push(field);
    else
      decision.conflicts.push({
        table: input.table,
        row_id: input.rowId,
        field,
        server_value: current[field] ?? null,
        local_value: local ?? null,
      });
  }
  return decision;
}
