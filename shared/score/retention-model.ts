import {
  probabilityScorer,
  probabilityWith,
  scoreWith,
  trainBinaryModel,
  type BinaryModel,
  type BinaryScore,
  type BinaryTrainResult,
  type CategoryNames,
  type FeatureSet,
} from './binary-model';

/**
 * The likelihood that a policy term is renewed, learned from the replica's own terms whose
 * outcome is known: renewed (1) against non-renewed, cancelled or expired without a renewal (0).
 * Only facts known when the renewal is decided go in: the premium change this term brought,
 * how many terms the policy and the client already have behind them, the line, carrier and
 * billing, how many policies the client holds, their household and service tickets.
 */
export interface TermFacts {
  id: string;
  premiumChangePct: number | null;
  writtenPremium: number;
  commissionRate: number | null;
  /** Terms of this policy before this one (0 for a first term). */
  priorTerms: number;
  /** Years from clients.client_since to this term's start. */
  clientYears: number;
  /** Policies (chains) the client holds in all. */
  clientPolicies: number;
  /** The client's policies in force on this term's expiration day (this one included). */
  inForce: number;
  householdMembers: number;
  tickets: number;
  insuranceTypeId: string;
  carrierId: string;
  billing: string;
  /** 1 renewed, 0 not renewed, null still undecided. */
  renewed: number | null;
}

type Category = 'line' | 'carrier' | 'billing';

export type RetentionModel = BinaryModel<'policy-retention', Category>;

export const RETENTION_FEATURES: FeatureSet<TermFacts, Category> = {
  numeric: [
    { name: 'premium_change', label: 'premium change at this term', value: (f) => f.premiumChangePct ?? 0 },
    { name: 'prior_terms', label: 'terms already renewed', value: (f) => Math.min(f.priorTerms, 6) },
    { name: 'client_years', label: 'years as a client', value: (f) => Math.max(0, Math.min(f.clientYears, 15)) },
    { name: 'client_policies', label: 'policies the client holds', value: (f) => Math.min(f.clientPolicies, 6) },
    { name: 'in_force', label: 'policies in force at renewal', value: (f) => Math.min(f.inForce, 6) },
    { name: 'household', label: 'household members', value: (f) => Math.min(f.householdMembers, 6) },
    { name: 'tickets', label: 'service tickets', value: (f) => Math.log1p(f.tickets) },
    { name: 'premium', label: 'premium size', value: (f) => Math.log1p(f.writtenPremium) },
    { name: 'commission', label: 'commission rate', value: (f) => f.commissionRate ?? 0 },
  ],
  categories: [
    { key: 'line', word: 'Line', value: (f) => f.insuranceTypeId },
    { key: 'carrier', word: 'Carrier', value: (f) => f.carrierId },
    { key: 'billing', word: 'Billing', value: (f) => f.billing },
  ],
  minCategory: 10,
};

export type RetentionTrainResult = BinaryTrainResult<RetentionModel>;

/** `rule` is the fixed retention rule's chance-like score (100 − risk), compared on the same held-out terms. */
export function trainRetentionModel(
  rows: readonly TermFacts[],
  rule: (f: TermFacts) => number,
  now: Date,
  names: CategoryNames<Category> = (_c, v) => v,
): RetentionTrainResult | null {
  return trainBinaryModel({
    kind: 'policy-retention',
    set: RETENTION_FEATURES,
    rows,
    label: (r) => r.renewed,
    rule,
    now,
    names,
  });
}

export function scoreTerm(model: RetentionModel, f: TermFacts, top = 3): BinaryScore {
  return scoreWith(RETENTION_FEATURES, model, f, top);
}

/** One term's chance to renew, no explanation: the plain reference for renewalScorer. */
export function renewalProbability(model: RetentionModel, f: TermFacts): number {
  return probabilityWith(RETENTION_FEATURES, model, f);
}

/** Fast path for ranking every live term: the same probabilities as renewalProbability. */
export function renewalScorer(model: RetentionModel): (f: TermFacts) => number {
  return probabilityScorer(RETENTION_FEATURES, model);
}

/** What the policy page shows: the term's likelihood to renew and the model behind it. */
export interface PolicyScoreView {
  score: BinaryScore | null;
  model: { trained_at: string; auc: number; rule_auc: number; n_outcomes: number } | null;
}
