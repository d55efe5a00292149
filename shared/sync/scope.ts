import { tableSpec } from '../model/catalogue';
import type { UserRole } from '../model/tables/people';

export interface ShapeScope {
  /** An Electric where-clause using `$n` placeholders; absent: the whole table. */
  where?: string;
  /** Values for the placeholders, keyed by their number (`params[1]=…`). */
  params?: Record<string, string>;
}

/**
 * The rows of `table` a user's replica receives: the same rule as the Postgres row-level
 * security (an agent their own rows, staff and managers also their team's, an admin all),
 * written in the plain `col = $n` form Electric can index. Agency tables (lookups, users,
 * teams) go to everyone.
 */
export function scopeWhere(role: UserRole, userId: string, teamId: string | null, table: string): ShapeScope {
  const spec = tableSpec(table);
  if (!spec) throw new Error(`not a synced table: ${table}`);
  if (spec.scope === 'agency' || role === 'admin') return {};
  if ((role === 'manager' || role === 'staff') && teamId) {
    return { where: '(owner_id = $1 OR team_id = $2)', params: { '1': userId, '2': teamId } };
  }
  return { where: 'owner_id = $1', params: { '1': userId } };
}
