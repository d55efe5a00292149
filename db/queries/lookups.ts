import type { Lookups } from '../../shared/api/types';
import { decodeRow } from '../../shared/model/codec';
import type { TableName } from '../../shared/model/catalogue';
import type { ReplicaDb } from '../sqlite/open';

function all<T extends TableName>(db: ReplicaDb, table: T, order: string) {
  return (
    db.prepare(`SELECT * FROM "${table}" WHERE deleted_at IS NULL ORDER BY ${order}`).all() as Record<string, unknown>[]
  ).map((r) => decodeRow(table, r));
}

/** The small agency-wide tables every screen uses to show names, colours and icons. */
export function lookups(db: ReplicaDb): Lookups {
  return {
    statuses: all(db, 'lead_statuses', 'sort_order'),
    insurance_types: all(db, 'insurance_types', 'sort_order'),
    communication_types: all(db, 'communication_types', 'sort_order'),
    carriers: all(db, 'carriers', 'sort_order'),
    campaigns: all(db, 'campaigns', 'name'),
    users: all(db, 'users', 'full_name'),
    teams: all(db, 'teams', 'name'),
  };
}
