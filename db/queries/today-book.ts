/**
 * Today's renewal and X-date sections: the first page of the Renewals and X-dates work lists
 * (their own queries, not copies), with their full counts. Renewals are read a few pages ahead
 * of what is shown so an at-risk term a little further out can move up (byRenewalPriority).
 */
import type { z } from 'zod';
import type { TodayBook, todayBookQuery } from '../../shared/api/book-work';
import { byRenewalPriority } from '../../shared/book/today-priority';
import { RENEWAL_WINDOWS } from '../../shared/book/terms';
import type { BookSettings } from '../../shared/book/settings';
import type { ReplicaDb } from '../sqlite/open';
import { countRenewals, countXdates, renewals, xdates } from './policies';

/** How many of the soonest renewals are weighed for the section's order. */
const RENEWALS_WEIGHED = 50;
/** The X-date section looks at least this far ahead, even with a short re-quote window. */
const MIN_XDATE_DAYS = 30;

export function todayBook(
  db: ReplicaDb,
  q: z.output<typeof todayBookQuery>,
  settings: BookSettings,
  now: Date,
  actorId: string,
): TodayBook {
  const owner_id = q.scope === 'mine' ? actorId : undefined;
  // With automatic renewal work off (0), the section still shows the usual 60-day window.
  const renewalDays = settings.renewal_lead_days || RENEWAL_WINDOWS[1];
  const xdateDays = Math.max(settings.xdate_window_days, MIN_XDATE_DAYS);
  const weighed = renewals(db, { days: renewalDays, owner_id, limit: Math.max(RENEWALS_WEIGHED, q.limit) }, now);
  const today = now.toISOString().slice(0, 10);
  return {
    renewals: {
      days: renewalDays,
      count: countRenewals(db, { days: renewalDays, owner_id }, now),
      items: byRenewalPriority(weighed, today).slice(0, q.limit),
    },
    xdates: {
      days: xdateDays,
      count: countXdates(db, { days: xdateDays, owner_id }, now),
      items: xdates(db, { days: xdateDays, owner_id, limit: q.limit }, now),
    },
  };
}
