/** The book of business in the API: inputs and answers of the policy, renewal and X-date queries. */
import { z } from 'zod';
import { RENEWAL_WINDOWS } from '../book/terms';
import type { Row } from '../model/catalogue';
import { POLICY_STATUSES } from '../model/tables/policies';
import { f } from '../mutations/define';

const days = () => z.number().int().min(1).max(730);

/** Renewals: live terms expiring in the next `days` (30/60/90 or any), keyset-paged by (expiration, id). */
export const renewalsQuery = z.object({
  days: days().default(RENEWAL_WINDOWS[1]),
  owner_id: f.id().optional(),
  carrier_id: f.id().optional(),
  insurance_type_id: f.id().optional(),
  limit: z.number().int().min(1).max(500).default(50),
  after: z.object({ date: f.date(), id: f.id() }).optional(),
});

/** X-dates: prospects (lost ones included) whose current policy expires in the next `days`. */
export const xdatesQuery = z.object({
  days: days().default(RENEWAL_WINDOWS[1]),
  owner_id: f.id().optional(),
  limit: z.number().int().min(1).max(500).default(50),
  after: z.object({ date: f.date(), id: f.id() }).optional(),
});

/** The policies list's column sorts; each of the policy's own columns walks an index (see listPolicies). */
export const POLICY_SORTS = [
  'policy_number',
  'client',
  'carrier',
  'line',
  'status',
  'effective_date',
  'expiration_date',
  'written_premium',
] as const;
export type PolicySort = (typeof POLICY_SORTS)[number];

export const policiesQuery = z.object({
  /** A policy number or VIN (typed in part), else part of the client's name. */
  text: z.string().max(200).optional(),
  client_id: f.id().optional(),
  status: z.enum(POLICY_STATUSES).optional(),
  carrier_id: f.id().optional(),
  sort: z.enum(POLICY_SORTS).default('expiration_date'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});

/** A term as the lists show it: the row's facts plus the names a list needs. */
export interface PolicyListItem {
  id: string;
  client_id: string;
  client_name: string;
  carrier_id: string;
  carrier_name: string;
  insurance_type_id: string;
  line_name: string;
  policy_number: string;
  status: Row<'policies'>['status'];
  effective_date: string;
  expiration_date: string;
  written_premium: number;
  premium_change_pct: number | null;
  /** Priced 10%+ above the term it renews: a retention risk at this renewal. */
  retention_risk: boolean;
  ai_retention_risk: number | null;
  /**
   * The renewal list's retention risk (0…100) with reasons: the learned model's (100 × the chance
   * of not renewing, `learned`) once one exists, else the local rule (shared/book/retention.ts).
   */
  retention?: { score: number; reasons: string[]; learned?: boolean };
  owner_id: string;
  renews_policy_id: string | null;
}

export interface XDateItem {
  lead_id: string;
  name: string;
  status_name: string;
  status_category: string;
  current_carrier: string | null;
  current_premium: number | null;
  policy_expiration_date: string;
  next_follow_up_at: string | null;
  follow_up_note: string | null;
  owner_id: string;
}

export interface InForce {
  policies_in_force: number;
  premium_in_force: number;
  commission_in_force: number;
  lines_in_force: number;
  carriers_in_force: number;
  next_expiration_date: string | null;
}

/** The client page's book: its terms, what is in force, and its household's members and policies. */
export interface ClientBook {
  in_force: InForce;
  policies: PolicyListItem[];
  household: {
    household: Row<'households'>;
    members: Array<{ client_id: string; name: string } & InForce>;
    policies: PolicyListItem[];
    premium_in_force: number;
  } | null;
}

export interface PolicyDetail {
  policy: Row<'policies'>;
  item: PolicyListItem;
  /** Every term of the chain, oldest first (this one included). */
  terms: PolicyListItem[];
}
