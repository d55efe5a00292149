import {
  factorText,
  mainFactorOf,
  probabilityScorer,
  probabilityWith,
  scoreWith,
  trainBinaryModel,
  vectorWith,
  type BinaryModel,
  type BinaryScore,
  type BinaryTrainResult,
  type FeatureSet,
  type Metrics,
} from './binary-model';

export { foldOf, hashId, MIN_OUTCOMES, MIN_PER_CLASS, type FeatureSpec } from './binary-model';

/**
 * The conversion-likelihood model for leads, learned from the agency's own closed leads (won
 * against lost): the lead's feature set for the shared trainer (binary-model.ts).
 */
export interface LeadFacts {
  id: string;
  source: string | null;
  insuranceTypeId: string | null;
  ownerId: string;
  contacts: number;
  notes: number;
  communications: number;
  quotedPremium: number | null;
  currentPremium: number | null;
  hasEmail: boolean;
  hasPhone: boolean;
  /** leads.priority, 1 (most urgent) … 5. */
  priority: number;
  /** Label for training: 1 won, 0 lost, null still open. */
  won: number | null;
}

type Category = 'source' | 'type' | 'owner';

export type LeadModel = BinaryModel<'lead-conversion', Category>;

/** Labels of categories, for explanations (ids → names), given by the caller. */
export type Names = (category: Category, value: string) => string;

export const LEAD_FEATURES: FeatureSet<LeadFacts, Category> = {
  numeric: [
    { name: 'contacts', label: 'people on file', value: (f) => f.contacts },
    { name: 'notes', label: 'notes written', value: (f) => Math.log1p(f.notes) },
    { name: 'communications', label: 'calls and emails', value: (f) => Math.log1p(f.communications) },
    {
      name: 'premium',
      label: 'premium at stake',
      value: (f) => Math.log1p(f.quotedPremium ?? f.currentPremium ?? 0),
    },
    {
      name: 'saving',
      label: 'saving against the current premium',
      value: (f) =>
        f.quotedPremium && f.currentPremium ? (f.currentPremium - f.quotedPremium) / Math.max(1, f.currentPremium) : 0,
    },
    { name: 'has_email', label: 'an email address', value: (f) => (f.hasEmail ? 1 : 0) },
    { name: 'has_phone', label: 'a phone number', value: (f) => (f.hasPhone ? 1 : 0) },
    { name: 'priority', label: 'lower manual priority', value: (f) => f.priority },
  ],
  categories: [
    { key: 'source', word: 'Source', value: (f) => f.source },
    { key: 'type', word: 'Insurance', value: (f) => f.insuranceTypeId },
    { key: 'owner', word: 'Agent', value: (f) => f.ownerId },
  ],
  minCategory: 10,
};

export function vectorOf(model: Pick<LeadModel, 'features' | 'categories'>, f: LeadFacts): Float64Array {
  return vectorWith(LEAD_FEATURES, model, f);
}

export type TrainResult = BinaryTrainResult<LeadModel>;

/**
 * Trains on the closed leads given. `rule` is the fixed priority's 0…100 score of a lead, so
 * the model and the rule are compared on the same held-out leads. Null when there is too
 * little history to learn from.
 */
export function trainLeadModel(
  rows: readonly LeadFacts[],
  rule: (f: LeadFacts) => number,
  now: Date,
  names: Names = (_c, v) => v,
): TrainResult | null {
  return trainBinaryModel({
    kind: 'lead-conversion',
    set: LEAD_FEATURES,
    rows,
    label: (r) => r.won,
    rule,
    now,
    names,
  });
}

export type LeadScore = BinaryScore;

export function scoreLead(model: LeadModel, f: LeadFacts, top = 3): LeadScore {
  return scoreWith(LEAD_FEATURES, model, f, top);
}

/**
 * The lead's main factor as scoreLead gives it (its factors[0]), as a code for
 * today_ranks.chance_factor; leadFactorText turns it back into that factor's text.
 */
export function leadMainFactor(model: LeadModel, f: LeadFacts): number {
  return mainFactorOf(model, vectorOf(model, f));
}

export const leadFactorText = (model: LeadModel, code: number): string | null => factorText(model, code);

/** One lead's probability, no explanation: the plain reference for leadScorer. */
export function probabilityOf(model: LeadModel, f: LeadFacts): number {
  return probabilityWith(LEAD_FEATURES, model, f);
}

/** Fast path for ranking every open lead: the same probabilities as probabilityOf, without an array per lead. */
export function leadScorer(model: LeadModel): (f: LeadFacts) => number {
  return probabilityScorer(LEAD_FEATURES, model);
}

/**
 * A chance in whole percent: how Today weighs and shows it, and how today_ranks.chance keeps it
 * (SQLite migration 0028), so a stored chance and one computed now blend to the same score.
 */
export const chancePercent = (probability: number): number => Math.round(probability * 100);

/** What the lead page shows: the lead's learned score and the model behind it (null when none yet). */
export interface LeadScoreView {
  score: LeadScore | null;
  model: { trained_at: string; auc: number; rule_auc: number; n_outcomes: number } | null;
}

/** The answer to "retrain now": each model's held-out figures, or why none was made. */
export interface TrainView {
  trained: boolean;
  message: string;
  metrics: Metrics | null;
  n_outcomes: number;
  /** The policy retention model's answer, trained at the same time. */
  retention?: { trained: boolean; message: string; metrics: Metrics | null; n_outcomes: number };
}
