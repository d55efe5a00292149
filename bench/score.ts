/**
 * The learned lead and policy retention scores: held-out AUC and Brier of each model and of its
 * fixed rule on the same rows, how long training takes, and how long scoring every open lead and
 * every undecided policy term takes (the facts queries included; target ≤ 1000 ms each). The
 * models are not stored: the cached bench replica stays as built.
 */
import type { ReplicaDb } from '../db/sqlite/open';
import { scoreOpenLeads, trainLeadScore } from '../electron/main/score/lead-score';
import { scoreOpenTerms, trainRetentionScore } from '../electron/main/score/retention-score';
import { round } from './stats';

export function benchScore(db: ReplicaDb) {
  const t0 = performance.now();
  const trained = trainLeadScore(db, new Date(), { save: false });
  const trainMs = performance.now() - t0;
  if (!trained) return {};
  const times: number[] = [];
  let scored = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    scored = scoreOpenLeads(db, trained.model).size;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const m = trained.model;
  return {
    ...benchRetention(db),
    lead_score_auc: m.metrics.auc,
    lead_score_brier: m.metrics.brier,
    lead_rule_auc: m.metrics.rule_auc,
    lead_rule_brier: m.metrics.rule_brier,
    lead_score_n_train: m.n_train,
    lead_score_n_test: m.n_test,
    lead_score_train_ms: round(trainMs, 0),
    score_all_leads_ms: round(times[1]!, 0),
    score_open_leads: scored,
  };
}

/** Median of three runs of `f`, in ms, with its last result. */
function median3<T>(f: () => T): { ms: number; value: T } {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    value = f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[1]!, value };
}

function benchRetention(db: ReplicaDb) {
  const t0 = performance.now();
  const trained = trainRetentionScore(db, new Date(), { save: false });
  const trainMs = performance.now() - t0;
  if (!trained) return {};
  const m = trained.model;
  const scored = median3(() => scoreOpenTerms(db, m));
  return {
    retention_auc: m.metrics.auc,
    retention_brier: m.metrics.brier,
    retention_rule_auc: m.metrics.rule_auc,
    retention_rule_brier: m.metrics.rule_brier,
    retention_n_train: m.n_train,
    retention_n_test: m.n_test,
    retention_train_ms: round(trainMs, 0),
    score_all_policies_ms: round(scored.ms, 0),
    score_open_policies: scored.value.size,
  };
}
