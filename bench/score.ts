/**
 * The learned lead score: held-out AUC and Brier of the model and of the fixed rule on the same
 * leads, how long training takes, and how long scoring every open lead takes (the facts query
 * included, as Today pays it). The model is not stored: the cached bench replica stays as built.
 */
import type { ReplicaDb } from '../db/sqlite/open';
import { scoreOpenLeads, trainLeadScore } from '../electron/main/score/lead-score';
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
