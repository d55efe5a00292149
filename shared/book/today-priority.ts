/**
 * The order of Today's renewal section: the soonest expirations first, but a term at risk of
 * leaving (priced 10%+ above its last term, or a high local retention-risk score) is pulled
 * forward by RISK_HEAD_START days, so a risky term 40 days out ranks with a quiet one due in 10.
 */
import type { PolicyListItem } from '../api/book';
import { isRetentionRisk } from './terms';

/**
 * A retention score (shared/book/retention.ts, 0…100) from which a term counts as at risk: above
 * what a new, never-called, single-policy client scores (65) with no other signal.
 */
export const HIGH_RETENTION_SCORE = 70;
/** Days of head start an at-risk term gets over a quiet one. */
export const RISK_HEAD_START = 30;

const DAY = 86_400_000;

export function atRisk(p: Pick<PolicyListItem, 'premium_change_pct' | 'retention'>): boolean {
  return isRetentionRisk(p.premium_change_pct) || (p.retention?.score ?? 0) >= HIGH_RETENTION_SCORE;
}

/** Days until the term expires, less the head start when it is at risk: lower is more pressing. */
export function renewalUrgency(p: PolicyListItem, today: string): number {
  const days = Math.round((Date.parse(p.expiration_date) - Date.parse(today)) / DAY);
  return days - (atRisk(p) ? RISK_HEAD_START : 0);
}

export function byRenewalPriority(items: readonly PolicyListItem[], today: string): PolicyListItem[] {
  return items
    .map((p) => ({ p, u: renewalUrgency(p, today) }))
    .sort((a, b) => a.u - b.u || a.p.expiration_date.localeCompare(b.p.expiration_date) || a.p.id.localeCompare(b.p.id))
    .map(({ p }) => p);
}
