/**
 * Automatic renewal work: each live term that comes within the renewal window (the
 * renewal_lead_days setting; 0 turns it off) gets one renewal opportunity and one follow-up task
 * for its owner, through the named mutations createRenewalOpportunity and createTask, so they
 * sync like any change. Once per term: renewalsDue leaves out a term that has a renewal
 * opportunity in any stage. Only the signed-in user's own terms are handled here, so two people's
 * devices never make the same term's work.
 *
 * It runs when the app opens, after changes to policies or settings (debounced), and every few
 * hours (a term enters the window as the days pass, with no change at all).
 */
import type { ReplicaDb } from '../../../db/sqlite/open';
import type { ReplicaWriter } from '../../../db/sqlite/writer';
import { renewalsDue } from '../../../db/queries/renewal-due';
import type { ChangeFeed } from '../../../db/sqlite/change-feed';
import type { Actor } from '../../../shared/mutations/define';
import { uuidv7 } from '../../../shared/ids';
import { loadBookSettings } from './settings';

export interface RenewalWorkDeps {
  db: ReplicaDb;
  writer: ReplicaWriter;
  actor: () => Actor;
  now?: () => Date;
}

/** Creates the renewal work now due; answers the terms it was made for. */
export async function createDueRenewalWork({ db, writer, actor, now = () => new Date() }: RenewalWorkDeps) {
  const { renewal_lead_days: days } = loadBookSettings(db);
  if (days === 0) return [];
  const at = now();
  const made: string[] = [];
  for (const term of renewalsDue(db, actor().userId, days, at)) {
    const createdAt = at.toISOString();
    try {
      await writer.mutate('createRenewalOpportunity', { policy_id: term.id, opportunity_id: uuidv7() }, { createdAt });
      await writer.mutate(
        'createTask',
        {
          id: uuidv7(),
          policy_id: term.id,
          title: `Renewal: call ${term.client_name} about ${term.policy_number}`.slice(0, 120),
          notes: `Policy ${term.policy_number} expires ${term.expiration_date}. Review coverage and price before it renews.`,
          due_at: createdAt,
          priority: 'high',
          assigned_to: term.owner_id,
        },
        { createdAt },
      );
      made.push(term.id);
    } catch (err) {
      // One term's refusal (changed meanwhile, e.g. renewed elsewhere) must not stop the others.
      console.error(`renewal work for policy ${term.id} failed`, err);
    }
  }
  return made;
}

const DEBOUNCE_MS = 1_000;
const EVERY_MS = 6 * 3_600_000;

/** Runs the pass on open, after policy or settings changes, and every six hours; answers a stop. */
export function startRenewalWork(deps: RenewalWorkDeps, changes: ChangeFeed): () => void {
  let running: Promise<unknown> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    running = createDueRenewalWork(deps)
      .catch((err) => console.error('renewal work pass failed', err))
      .finally(() => {
        running = null;
        if (!again) return;
        again = false;
        schedule();
      });
  };
  const schedule = () => {
    if (!timer) timer = setTimeout(run, DEBOUNCE_MS);
  };
  const unsubscribe = changes.subscribe((event) => {
    if (event.tables.some((t) => t === 'policies' || t === 'local_settings' || t === 'users')) schedule();
  });
  const daily = setInterval(schedule, EVERY_MS);
  daily.unref?.();
  schedule();
  return () => {
    unsubscribe();
    clearInterval(daily);
    if (timer) clearTimeout(timer);
  };
}
