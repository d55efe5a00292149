/**
 * The learned policy retention score on the synthetic agency, whose renewals follow a hidden
 * model with noise (shared/synthetic/outcome.ts): it must beat the fixed retention rule on
 * held-out terms by at least 0.05 AUC, be calibrated, give the same model for the same data,
 * explain a live term by its largest factors, and leave the rule in charge without history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplicaDb } from '../../../db/sqlite/open';
import {
  currentRetentionModel,
  learnedRenewals,
  loadRetentionModel,
  policyScoreView,
  readTermFacts,
  ruleRenewal,
  scoreOpenTerms,
} from '../../../electron/main/score/retention-score';
import { renewalProbability, trainRetentionModel } from '../../../shared/score/retention-model';
import { renewals } from '../../../db/queries/policies';
import { renewalsQuery } from '../../../shared/api/book';
import { seedAgencyInto } from './seed-agency';

let db: ReplicaDb;
const NOW = new Date('2026-06-01T12:00:00Z');

beforeAll(async () => {
  db = await seedAgencyInto(1200, 11);
}, 240_000);
afterAll(() => db?.close());

const ruleOf = (rows: ReturnType<typeof readTermFacts>) => {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return (f: { id: string }) => ruleRenewal(byId.get(f.id)!, NOW);
};

describe('policy retention model on the synthetic agency', () => {
  it('beats the fixed retention rule on held-out terms by at least 0.05 AUC, and is calibrated', () => {
    const rows = readTermFacts(db);
    const r = trainRetentionModel(rows, ruleOf(rows), NOW)!;
    expect(r).not.toBeNull();
    const m = r.model.metrics;
    expect(r.model.n_test).toBeGreaterThan(50);
    expect(m.auc).toBeGreaterThanOrEqual(m.rule_auc + 0.05);
    const base = r.test.labels.reduce((a, b) => a + b, 0) / r.test.labels.length;
    expect(m.brier).toBeLessThan(base * (1 - base));
    expect(m.brier).toBeLessThanOrEqual(m.rule_brier);
  });

  it('gives the same model for the same data, whatever the row order', () => {
    const rows = readTermFacts(db);
    const a = trainRetentionModel(rows, ruleOf(rows), NOW)!.model;
    const b = trainRetentionModel([...rows].reverse(), ruleOf(rows), NOW)!.model;
    expect(b).toEqual(a);
  });

  it('falls back to the rule with too little history: nothing is trained', () => {
    const rows = readTermFacts(db)
      .filter((r) => r.renewed !== null)
      .slice(0, 40);
    expect(trainRetentionModel(rows, () => 50, NOW)).toBeNull();
  });

  it('the renewal list shows the rule without a model and the learned chance once one is trained', () => {
    const q = renewalsQuery.parse({ days: 120, limit: 40 });
    expect(loadRetentionModel(db)).toBeNull();
    expect(learnedRenewals(db)).toBeUndefined();
    const rule = renewals(db, q, NOW, learnedRenewals(db));
    expect(rule.length).toBeGreaterThan(3);
    expect(rule.some((p) => p.retention?.learned)).toBe(false);
    expect(policyScoreView(db, rule[0]!.id)).toEqual({ score: null, model: null });

    const model = currentRetentionModel(db, NOW)!;
    expect(loadRetentionModel(db)).toEqual(model);
    // Not enough new outcomes: the stored model comes back as it was.
    expect(currentRetentionModel(db, new Date(NOW.getTime() + 1000))!.trained_at).toBe(model.trained_at);
    const learned = renewals(db, q, NOW, learnedRenewals(db));
    expect(learned.map((p) => p.id)).toEqual(rule.map((p) => p.id));
    for (const p of learned) {
      expect(p.retention?.learned).toBe(true);
      expect(p.retention?.reasons[0]).toMatch(/ (raises|lowers) the chance$/);
    }
    const view = policyScoreView(db, rule[0]!.id);
    expect(view.model?.auc).toBe(model.metrics.auc);
    expect(view.score!.probability).toBeGreaterThan(0);
    expect(view.score!.probability).toBeLessThan(1);
    expect(view.score!.factors).toHaveLength(3);
    const sizes = view.score!.factors.map((f) => Math.abs(f.effect));
    expect([...sizes].sort((x, y) => y - x)).toEqual(sizes);
    const all = readTermFacts(db);
    const decided = all.find((r) => r.renewed !== null)!;
    expect(policyScoreView(db, decided.id).score).toBeNull();
    // Scoring every live term reads only those terms, with the same facts as the full read.
    const open = scoreOpenTerms(db, model);
    const byId = new Map(all.map((r) => [r.id, r]));
    expect(open.size).toBeGreaterThan(100);
    for (const [id, p] of open) {
      expect(byId.get(id)!.renewed).toBeNull();
      expect(p).toBe(renewalProbability(model, byId.get(id)!));
    }
  });
});
