import { auc, brier } from './metrics';
import { calibrated, fitLogistic, fitPlatt, predictRaw, type Platt } from './logistic';

/**
 * One trainer for every learned yes/no score (a lead won, a policy term renewed): a feature set
 * says which numbers and categories of a row go in and how they read in a sentence; the model is
 * plain JSON (standardisation, one-hot categories, L2 logistic weights, Platt calibration), so
 * it is stored, compared and explained without any library. Pure: rows come from the replica.
 */
export interface FeatureSpec {
  name: string;
  /** How the feature reads in a sentence ("Source: Referral", "contacts on file"). */
  label: string;
  mean: number;
  sd: number;
}

export interface NumericFeature<F> {
  name: string;
  label: string;
  value: (f: F) => number;
}

export interface CategoryFeature<F, C extends string> {
  key: C;
  /** The word before the value in an explanation ("Source", "Line"). */
  word: string;
  value: (f: F) => string | null;
}

export interface FeatureSet<F, C extends string> {
  numeric: ReadonlyArray<NumericFeature<F>>;
  categories: ReadonlyArray<CategoryFeature<F, C>>;
  /** Categories seen fewer times than this in training fall in the base. */
  minCategory: number;
}

export interface Metrics {
  auc: number;
  brier: number;
  rule_auc: number;
  rule_brier: number;
}

export interface BinaryModel<K extends string, C extends string> {
  version: 1;
  kind: K;
  trained_at: string;
  features: FeatureSpec[];
  categories: Record<C, string[]>;
  weights: number[];
  platt: Platt;
  n_outcomes: number;
  n_train: number;
  n_test: number;
  metrics: Metrics;
}

/** Labels of categories, for explanations (ids → names), given by the caller. */
export type CategoryNames<C extends string> = (category: C, value: string) => string;

/** 32-bit FNV-1a: the fold a row falls in depends only on its id, so splits are reproducible. */
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

function rawVector<F, C extends string>(set: FeatureSet<F, C>, f: F, categories: Record<C, string[]>): number[] {
  const out = set.numeric.map((n) => n.value(f));
  for (const c of set.categories) {
    const v = c.value(f);
    for (const known of categories[c.key]) out.push(v === known ? 1 : 0);
  }
  return out;
}

export function vectorWith<F, C extends string>(
  set: FeatureSet<F, C>,
  model: { features: FeatureSpec[]; categories: Record<C, string[]> },
  f: F,
): Float64Array {
  const raw = rawVector(set, f, model.categories);
  const x = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const s = model.features[i]!;
    x[i] = (raw[i]! - s.mean) / s.sd;
  }
  return x;
}

function frequentCategories<F, C extends string>(set: FeatureSet<F, C>, rows: readonly F[]): Record<C, string[]> {
  const out = {} as Record<C, string[]>;
  for (const c of set.categories) {
    const counts = new Map<string, number>();
    for (const r of rows) {
      const v = c.value(r);
      if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    out[c.key] = [...counts]
      .filter(([, n]) => n >= set.minCategory)
      .map(([v]) => v)
      .sort();
  }
  return out;
}

export const MIN_OUTCOMES = 60;
export const MIN_PER_CLASS = 15;

export interface BinaryTrainResult<M> {
  model: M;
  /** Held-out rows with the model's and the rule's probability, for the report. */
  test: { probs: number[]; rule: number[]; labels: number[] };
}

export interface TrainInput<F extends { id: string }, K extends string, C extends string> {
  kind: K;
  set: FeatureSet<F, C>;
  rows: readonly F[];
  /** 1 or 0 once the outcome is known, null while it is not. */
  label: (f: F) => number | null;
  /** The fixed rule's 0…100 score for the same outcome (higher = more likely 1). */
  rule: (f: F) => number;
  now: Date;
  names: CategoryNames<C>;
}

/**
 * Trains on the rows whose outcome is known and compares with the fixed rule on the same
 * held-out rows. Null when there is too little history to learn from (the rule stays).
 */
export function trainBinaryModel<F extends { id: string }, K extends string, C extends string>(
  input: TrainInput<F, K, C>,
): BinaryTrainResult<BinaryModel<K, C>> | null {
  const { set, label, rule, now, names } = input;
  const closed = input.rows.filter((r) => label(r) !== null).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ones = closed.filter((r) => label(r) === 1).length;
  if (closed.length < MIN_OUTCOMES || ones < MIN_PER_CLASS || closed.length - ones < MIN_PER_CLASS) return null;
  const train = closed.filter((r) => foldOf(r.id) === 'train');
  const calib = closed.filter((r) => foldOf(r.id) === 'calibrate');
  const test = closed.filter((r) => foldOf(r.id) === 'test');

  const categories = frequentCategories(set, train);
  const raws = train.map((r) => rawVector(set, r, categories));
  const width = raws[0]?.length ?? 0;
  const labelOf = (i: number): { name: string; label: string } => {
    if (i < set.numeric.length) return { name: set.numeric[i]!.name, label: set.numeric[i]!.label };
    let k = i - set.numeric.length;
    for (const c of set.categories) {
      const known = categories[c.key];
      if (k < known.length) return { name: `${c.key}:${known[k]!}`, label: `${c.word}: ${names(c.key, known[k]!)}` };
      k -= known.length;
    }
    return { name: `f${i}`, label: `feature ${i}` };
  };
  const features: FeatureSpec[] = [];
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
    train.map((r) => vectorWith(set, spec, r)),
    train.map((r) => label(r)!),
    2,
  );
  const platt = fitPlatt(
    calib.map((r) => predictRaw(fitted.weights, vectorWith(set, spec, r))),
    calib.map((r) => label(r)!),
  );
  const probs = test.map((r) => calibrated(platt, predictRaw(fitted.weights, vectorWith(set, spec, r))));
  const labels = test.map((r) => label(r)!);
  // The rule's 0…100 score read as a chance, calibrated the same way on the same fold: fair to the rule.
  const rulePlatt = fitPlatt(
    calib.map((r) => rule(r) / 25 - 2),
    calib.map((r) => label(r)!),
  );
  const ruleProbs = test.map((r) => calibrated(rulePlatt, rule(r) / 25 - 2));
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  const model: BinaryModel<K, C> = {
    version: 1,
    kind: input.kind,
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

export interface BinaryScore {
  /** Calibrated chance of the outcome, 0…1. */
  probability: number;
  /** The biggest contributions (coefficient × standardised value), in plain words, largest first. */
  factors: Array<{ label: string; effect: number; text: string }>;
}

export function scoreWith<F, C extends string>(
  set: FeatureSet<F, C>,
  model: BinaryModel<string, C>,
  f: F,
  top = 3,
): BinaryScore {
  const x = vectorWith(set, model, f);
  const probability = calibrated(model.platt, predictRaw(model.weights, x));
  const parts: Array<{ label: string; effect: number }> = [];
  for (let i = 0; i < x.length; i++) {
    const effect = model.weights[i + 1]! * x[i]! * model.platt.a;
    // A one-hot category only explains a row that has it.
    if (model.features[i]!.name.includes(':') && x[i]! <= 0) continue;
    parts.push({ label: model.features[i]!.label, effect });
  }
  parts.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  const factors = parts.slice(0, top).map((p) => ({
    ...p,
    effect: Math.round(p.effect * 100) / 100,
    text: factorPhrase(p.label, p.effect),
  }));
  return { probability, factors };
}

const factorPhrase = (label: string, effect: number) => `${label} ${effect >= 0 ? 'raises' : 'lowers'} the chance`;

/**
 * scoreWith's first factor as a signed code, without the list: i + 1 when feature i raises the
 * chance, -(i + 1) when it lowers it, 0 when no feature explains the row. The first of the largest
 * effects, as scoreWith's stable sort keeps it. A number, so it can be kept beside a stored chance
 * (today_ranks.chance_factor, SQLite migration 0029) and read with it; factorText gives the words.
 */
export function mainFactorOf<C extends string>(model: BinaryModel<string, C>, x: Float64Array): number {
  let code = 0;
  let largest = -1;
  for (let i = 0; i < x.length; i++) {
    if (model.features[i]!.name.includes(':') && x[i]! <= 0) continue;
    const effect = model.weights[i + 1]! * x[i]! * model.platt.a;
    if (Math.abs(effect) > largest) {
      largest = Math.abs(effect);
      code = effect >= 0 ? i + 1 : -(i + 1);
    }
  }
  return code;
}

/** The words of a mainFactorOf code under the same model (scoreWith's factor text); null for 0 or an unknown code. */
export function factorText<C extends string>(model: BinaryModel<string, C>, code: number): string | null {
  const feature = model.features[Math.abs(code) - 1];
  return code === 0 || !feature ? null : factorPhrase(feature.label, code > 0 ? 1 : -1);
}

/** One row's probability the plain way (a vector per row): the reference the scorer below must equal. */
export function probabilityWith<F, C extends string>(
  set: FeatureSet<F, C>,
  model: BinaryModel<string, C>,
  f: F,
): number {
  return calibrated(model.platt, predictRaw(model.weights, vectorWith(set, model, f)));
}

/**
 * Fast path for ranking every row: probability only, no explanation, and no array per row. The
 * one-hot columns' standardised 0 and 1 are worked out once, and the weighted sum is added up in
 * the same order as predictRaw over vectorWith, so each result is the same double, bit for bit.
 */
export function probabilityScorer<F, C extends string>(
  set: FeatureSet<F, C>,
  model: BinaryModel<string, C>,
): (f: F) => number {
  const { weights: w, features, platt } = model;
  const numeric = set.numeric.map((n, i) => ({ value: n.value, mean: features[i]!.mean, sd: features[i]!.sd }));
  let at = numeric.length;
  const categories = set.categories.map((c) => {
    const known = model.categories[c.key];
    const columns = known.map((_, k) => {
      const s = features[at + k]!;
      return { off: (0 - s.mean) / s.sd, on: (1 - s.mean) / s.sd, weight: w[at + k + 1]! };
    });
    at += known.length;
    return { value: c.value, columns, index: new Map(known.map((v, k) => [v, k])) };
  });
  return (f) => {
    let z = w[0]!;
    for (let i = 0; i < numeric.length; i++) {
      const n = numeric[i]!;
      z += w[i + 1]! * ((n.value(f) - n.mean) / n.sd);
    }
    for (const c of categories) {
      const v = c.value(f);
      const hit = v === null ? -1 : (c.index.get(v) ?? -1);
      for (let k = 0; k < c.columns.length; k++) {
        const col = c.columns[k]!;
        z += col.weight * (k === hit ? col.on : col.off);
      }
    }
    return calibrated(platt, z);
  };
}
