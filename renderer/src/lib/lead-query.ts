/** The lead list's filters as the leads.list / leads.kanban query (shared by the table and the board). */
import { addDaysToDate } from '../../../shared/book/terms';
import type { LeadFilters, XDateWindow } from '../stores/leads-view';

/** Today's date where the user is (not UTC): an X-date window starts there. */
function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The window as the query's dates: "next N days" is counted from today each time it is read. */
function xdateRange(w: XDateWindow): { xdate_from?: string; xdate_to?: string } {
  if (!w) return {};
  if ('days' in w) {
    const from = localToday();
    return { xdate_from: from, xdate_to: addDaysToDate(from, w.days) };
  }
  return { ...(w.from ? { xdate_from: w.from } : {}), ...(w.to ? { xdate_to: w.to } : {}) };
}

export function filtersToQuery(f: LeadFilters) {
  return {
    ...xdateRange(f.xdate ?? null),
    ...(f.status_ids.length ? { status_ids: f.status_ids } : {}),
    ...(f.insurance_type_ids.length ? { insurance_type_ids: f.insurance_type_ids } : {}),
    ...(f.owner_ids.length ? { owner_ids: f.owner_ids } : {}),
    ...(f.text.trim() ? { text: f.text.trim() } : {}),
    include_converted: f.include_converted,
  };
}
