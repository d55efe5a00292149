/** Today's renewal and X-date sections and the dashboard's book figures, in the API. */
import { z } from 'zod';
import type { PolicyListItem, XDateItem } from './book';

export const todayBookQuery = z.object({
  /** mine: the signed-in user's terms and prospects; team: everything this replica holds. */
  scope: z.enum(['mine', 'team']).default('mine'),
  limit: z.number().int().min(1).max(50).default(10),
});

export interface TodayBook {
  /** Live terms expiring within `days`, most pressing first (shared/book/today-priority.ts). */
  renewals: { days: number; count: number; items: PolicyListItem[] };
  /** Prospects whose X-date falls within the re-quote window (`days`), soonest first. */
  xdates: { days: number; count: number; items: XDateItem[] };
}

export const bookDashboardQuery = z.object({
  /** The period retention and written premium are measured over, back from today. */
  months: z.number().int().min(1).max(36).default(12),
});

/** One carrier's or one producer's share of the book. */
export interface BookSlice {
  id: string;
  name: string;
  policies_in_force: number;
  premium_in_force: number;
  new_business_premium: number;
  renewal_premium: number;
  renewed: number;
  /** Terms up for renewal in the period that were not renewed (non-renewed, expired, cancelled at renewal). */
  lost: number;
  /** renewed ÷ (renewed + lost), null when nothing came up for renewal. */
  retention_rate: number | null;
}

export interface BookDashboard {
  from: string;
  to: string;
  totals: Omit<BookSlice, 'id' | 'name'>;
  by_carrier: BookSlice[];
  by_producer: BookSlice[];
}
