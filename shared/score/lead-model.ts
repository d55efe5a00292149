import { auc, brier } from './metrics';
import { calibrated, fitLogistic, fitPlatt, predictRaw, type Platt } from './logistic';

/**
 * The conversion-likelihood model for leads, learned from the agency's own closed leads (won
 * against lost). Pure: the rows come from the replica (electron/main/score), the model is
 * plain JSON, so it is stored, compared and explained without any library.
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

export interface FeatureSpec {
  name: string;
  /** How the feature reads in a sentence ("Source: Referral", "contacts on file"). */
  label: string;
  mean: number;
  sd: number;
}

export interface LeadModel {
  version: 1;
  kind: 'lead-conversion';
  trained_at: string;
  features: FeatureSpec[];
  categories: Record<Category, string[]>;
  weights: number[];
  platt: Platt;
  n_outcomes: number;
  n_train: number;
  n_test: number;
  metrics: { auc: number; brier: number; rule_auc: number; rule_brier: number };
}

/** Labels of categories, for explanations (ids → names), given by the caller. */
export type Names = (category: Category, value: string) => string;

const NUMERIC: Array<{ name: string; label: string; value: (f: LeadFacts) => number }> = [
  { name: 'contacts', label: 'people on file', value: (f) => f.contacts },
  { name: 'notes', label: 'notes written', value: (f) => Math.log1p(f.notes) },
  { name: 'communications', label: 'calls and emails', value: (f) => Math.log1p(f.communications) },
  { name: 'premium', label: 'premium at stake', value: (f) => Math.log1p(f.quotedPremium ?? f.currentPremium ?? 0) },
  {
    name: 'saving',
    label: 'saving against the current premium',
    value: (f) =>
      f.quotedPremium && f.currentPremium ? (f.currentPremium - f.quotedPremium) / Math.max(1, f.currentPremium) : 0,
  },
  { name: 'has_email', label: 'an email address', value: (f) => (f.hasEmail ? 1 : 0) },
  { name: 'has_phone', label: 'a phone number', value: (f) => (f.hasPhone ? 1 : 0) },
  { name: 'priority', label: 'lower manual priority', value: (f) => f.priority },
];

const CATEGORY_VALUE: Record<Category, (f: LeadFacts) => string | null> = {
  source: (f) => f.source,
  type: (f) => f.insuranceTypeId,
  owner: (f) => f.ownerId,
};

/** 32-bit FNV-1a: the fold a lead falls in depends only on its id, so splits are reproducible. */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** 60% train, 20% calibration, 20% test, by hashed id. */
export const foldOf = (id: string): 'train' | 'calibrate' | 'test' => {
  const k = hashId(id) % 5;
  return k === 0 ? 'test' : k === 4 ? 'calibrate' : 'train';
};

function rawVector(f: LeadFacts, categories: Record<Category, string[]>): number[] {
  const out = NUMERIC.map((n) => n.value(f));
  for (const c of ['source', 'type', 'owner'] as const) {
    const v = CATEGORY_VALUE[c](f);
    for (const known of categories[c]) out.push(v === known ? 1 : 0);
  }
  return out;
}

export function vectorOf(model: Pick<LeadModel, 'features' | 'categories'>, f: LeadFacts): Float64Array {
  const raw = rawVector(f, model.categories);
  const x = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const s = model.features[i]!;
    x[i] = (raw[i]! - s.mean) / s.sd;
  }
  return x;
}

/** Categories seen at least `min` times in training become features; rarer ones fall in the base. */
function frequentCategories(rows: readonly LeadFacts[], min: number): Record<Category, string[]> {
  const out = {} as Record<Category, string[]>;
  for (const c of ['source', 'type', 'owner'] as const) {
    const counts = new Map<string, number>();
    for (const r of rows) {
      const v = CATEGORY_VALUE[c](r);
      if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    out[c] = [...counts]
      .filter(([, n]) => n >= min)
      .map(([v]) => v)
      .sort();
  }
  return out;
}

export const MIN_OUTCOMES = 60;
export const MIN_PER_CLASS = 15;

export interface TrainResult {
  model: LeadModel;
  /** Held-out leads with the model's and the rule's probability, for the report. */
  test: { probs: number[]; rule: number[]; labels: number[] };
}

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
  const closed = rows.filter((r) => r.won !== null).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const wins = closed.filter((r) => r.won === 1).length;
  if (closed.length < MIN_OUTCOMES || wins < MIN_PER_CLASS || closed.length - wins < MIN_PER_CLASS) return null;
  const train = closed.filter((r) => foldOf(r.id) === 'train');
  const calib = closed.filter((r) => foldOf(r.id) === 'calibrate');
  const test = closed.filter((r) => foldOf(r.id) === 'test');

  const categories = frequentCategories(train, 10);
  const raws = train.map((r) => rawVector(r, categories));
  const width = raws[0]?.length ?? 0;
  const features: FeatureSpec[] = [];
  const labelOf = (i: number): { name: string; label: string } => {
    if (i < NUMERIC.length) return { name: NUMERIC[i]!.name, label: NUMERIC[i]!.label };
    let k = i - NUMERIC.length;
    for (const c of ['source', 'type', 'owner'] as const) {
      if (k < categories[c].length) {
        const v = categories[c][k]!;
        const word = c === 'source' ? 'Source' : c === 'type' ? 'Insurance' : 'Agent';
        return { name: `${c}:${v}`, label: `${word}: ${names(c, v)}` };
      }
      k -= categories[c].length;
    }
    return { name: `f${i}`, label: `feature ${i}` };
  };
  for (let i = 0; i < width; i++) {
    let mean = 0;
    for (const r of raws) mean += r[i]!;
    mean /= Math.max(1, raws.length);
    let v = 0;
    for (const r of raws) v += (r[i]! - mean) ** 2;
    const sd = Math.sqrt(v / Math.max(1, raws.length)) || 1;
    features.push({ ...labelOf(i), mean, sd });
  }
  const spec = { features, categories };
  const fitted = fitLogistic(
    train.map((r) => vectorOf(spec, r)),
    train.map((r) => r.won!),
    2,
  );
  const platt = fitPlatt(
    calib.map((r) => predictRaw(fitted.weights, vectorOf(spec, r))),
    calib.map((r) => r.won!),
  );
  const probs = test.map((r) => calibrated(platt, predictRaw(fitted.weights, vectorOf(spec, r))));
  const labels = test.map((r) => r.won!);
  // The rule's 0…100 score read as a chance, calibrated the same way on the same fold: fair to the rule.
  const rulePlatt = fitPlatt(
    calib.map((r) => rule(r) / 25 - 2),
    calib.map((r) => r.won!),
  );
  const ruleProbs = test.map((r) => calibrated(rulePlatt, rule(r) / 25 - 2));
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  const model: LeadModel = {
    version: 1,
    kind: 'lead-conversion',
    trained_at: now.toISOString(),
    features,
    categories,
    weights: fitted.weights,
    platt,
    n_outcomes: closed.length,
    n_train: train.length,
    n_test: test.length,
    metrics: {
      auc: round(auc(probs, labels)),
      brier: round(brier(probs, labels)),
      rule_auc: round(auc(ruleProbs, labels)),
      rule_brier: round(brier(ruleProbs, labels)),
    },
  };
  return { model, test: { probs, rule: ruleProbs, labels } };
}

export interface LeadScore {
  /** Calibrated chance of winning, 0…1. */
  probability: number;
  /** The biggest contributions (coefficient × standardised value), in plain words, largest first. */
  factors: Array<{ label: string; effect: number; text: string }>;
}

export function scoreLead(model: LeadModel, f: LeadFacts, top = 3): LeadScore {
  const x = vectorOf(model, f);
  const probability = calibrated(model.platt, predictRaw(model.weights, x));
  const parts: Array<{ label: string; effect: number }> = [];
  for (let i = 0; i < x.length; i++) {
    const effect = model.weights[i + 1]! * x[i]! * model.platt.a;
    // A one-hot category only explains a lead that has it.
    if (model.features[i]!.name.includes(':') && x[i]! <= 0) continue;
    parts.push({ label: model.features[i]!.label, effect });
  }
  parts.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  const factors = parts.slice(0, top).map((p) => ({
    ...p,
    effect: Math.round(p.effect * 100) / 100,
    text: `${p.label} ${p.effect >= 0 ? 'raises' : 'lowers'} the chance`,
  }));
  return { probability, factors };
}

/** Fast path for ranking thousands of leads: probability only, no explanation. */
export function probabilityOf(model: LeadModel, f: LeadFacts): number {
  return calibrated(model.platt, predictRaw(model.weights, vectorOf(model, f)));
}

/** What the lead page shows: the lead's learned score and the model behind it (null when none yet). */
export interface LeadScoreView {
  score: LeadScore | null;
  model: { trained_at: string; auc: number; rule_auc: number; n_outcomes: number } | null;
}

/** The answer to "retrain now": the new model's held-out figures, or why none was made. */
export interface TrainView {
  trained: boolean;
  message: string;
  metrics: LeadModel['metrics'] | null;
  n_outcomes: number;
}
