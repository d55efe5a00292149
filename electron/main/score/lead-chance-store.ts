import type { ReplicaDb } from '../../../db/sqlite/open';
import { settings } from '../../../db/sqlite/sync-state';
import type { LeadModel } from '../../../shared/score/lead-model';

/**
 * Which model today_ranks.chance (SQLite migration 0028) was computed with: local_settings names
 * it (its trained_at), so Today trusts the stored chances only under that model. Local like the
 * model: every device computes its own from the same synced rows.
 */
const KEY = 'score.lead_chances';

/** Whether today_ranks' chances (where not NULL) are `model`'s. */
export function chancesStoredFor(db: ReplicaDb, model: LeadModel): boolean {
  return settings.read<string>(db, KEY) === model.trained_at;
}

/**
 * Every stored chance made stale (NULL, which Today counts as 100%) and `model` named as the one
 * they will be computed with. Run in the transaction that stores a model, and by the refresh when
 * the names differ (a model stored by other means): a chance is never read under another model.
 */
export function forgetLeadChances(db: ReplicaDb, model: LeadModel) {
  db.prepare('UPDATE today_ranks SET chance = NULL WHERE chance IS NOT NULL').run();
  settings.write(db, KEY, model.trained_at);
}
