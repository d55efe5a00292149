/**
 * Keeps today_ranks.chance (SQLite migration 0028): each open follow-up's learned chance of
 * winning, so Today reads its backlog in order of the blended bound and asks the model only for
 * the page instead of for thousands of leads. A chance is NULL until computed and again once a
 * fact it was read from changes (0028's triggers, in the same transaction) or a new model is
 * stored (lead-chance-store.ts); Today counts a NULL as 100% and asks the model for that row, so
 * the list is the same at every moment and only its cost depends on how much is filled in.
 * Filled here in pieces of CHANCE_PIECE rows, each its own transaction taken in turn with the
 * mutations, after the rows it depends on change (debounced) and when the app opens.
 */
import type { ChangeFeed, ChangeTable } from '../../../db/sqlite/change-feed';
import type { ReplicaDb } from '../../../db/sqlite/open';
import type { ReplicaWriter } from '../../../db/sqlite/writer';
import type { LeadModel } from '../../../shared/score/lead-model';
import { chancesStoredFor, forgetLeadChances } from './lead-chance-store';
import { chancePercents, loadLeadModel } from './lead-score';

/** Rows per piece: a few milliseconds of work, so a mutation or sync batch never waits long behind one. */
export const CHANCE_PIECE = 1_000;
const DEBOUNCE_MS = 1_000;
/** Whatever feeds a chance or its model: the lead's row, its activity counts, the stored model. */
const FEEDS: ReadonlySet<ChangeTable> = new Set<ChangeTable>([
  'leads',
  'contacts',
  'lead_notes',
  'lead_communications',
  'local_settings',
]);

/**
 * One piece: up to `limit` rows with no chance get `model`'s, in one transaction (the facts are
 * read in the transaction that writes, so no change can come between). Answers how many were
 * written: 0 once every row has one.
 */
export function refreshLeadChances(db: ReplicaDb, model: LeadModel, limit = CHANCE_PIECE): number {
  return db
    .transaction(() => {
      if (!chancesStoredFor(db, model)) forgetLeadChances(db, model);
      // In the table's order (its primary key), written by that key: a third of the cost of lead_id order.
      const stale = db
        .prepare(
          `SELECT owner_id, status_id, base, lead_id FROM today_ranks INDEXED BY idx_today_ranks_stale
           WHERE chance IS NULL LIMIT ?`,
        )
        .raw()
        .all(limit) as Array<[string, string, number, string]>;
      if (stale.length === 0) return 0;
      // The main factor with it (migration 0029): Today's reasons name it without asking the model.
      const set = db.prepare(
        'UPDATE today_ranks SET chance = ?, chance_factor = ? WHERE owner_id = ? AND status_id = ? AND base = ? AND lead_id = ?',
      );
      const chances = chancePercents(
        db,
        model,
        stale.map((r) => r[3]),
      );
      let written = 0;
      for (const row of stale) {
        const c = chances.get(row[3]);
        if (c !== undefined) written += set.run(c.chance, c.factor, ...row).changes;
      }
      // A row whose lead has no facts (none should) is left NULL, and ends the refresh rather than loop on it.
      return written;
    })
    .immediate();
}

/** Every chance filled in now, piece after piece (the bench, tests, `cli train`); answers how many. */
export function refreshAllLeadChances(db: ReplicaDb, model: LeadModel): number {
  let total = 0;
  for (let n = refreshLeadChances(db, model); n > 0; n = refreshLeadChances(db, model)) total += n;
  return total;
}

/** Fills the chances in the background while the app runs; answers a stop. */
export function startLeadChances(db: ReplicaDb, writer: ReplicaWriter, changes: ChangeFeed): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const step = () => {
    timer = null;
    writer
      .exclusive(async () => {
        const model = stopped ? null : loadLeadModel(db);
        return model ? refreshLeadChances(db, model) : 0;
      })
      // More to do: the next piece after the writer's queue has had its turn.
      .then((n) => (n > 0 ? schedule(0) : undefined))
      .catch((err) => console.error('lead chances refresh failed', err));
  };
  const schedule = (ms = DEBOUNCE_MS) => {
    if (!timer && !stopped) timer = setTimeout(step, ms);
  };
  const unsubscribe = changes.subscribe((event) => {
    if (event.tables.some((t) => FEEDS.has(t))) schedule();
  });
  schedule();
  return () => {
    stopped = true;
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}
