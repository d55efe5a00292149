import { z } from 'zod';
import { trainLeadScore } from '../../electron/main/score/lead-score';
import { trainRetentionScore } from '../../electron/main/score/retention-score';
import { AppError } from '../../shared/errors';
import { dbOption, parseOptions } from '../args';
import { withReplica } from './replica';

/**
 * `train --db FILE`: fits the lead conversion model on the replica's closed leads and the policy
 * retention model on its decided terms, stores both, and prints each one's held-out AUC and
 * Brier next to its fixed rule's on the same rows. The retention figures are null when the
 * replica has too little renewal history (the rule stays in charge there).
 */
export async function trainCommand(argv: string[]) {
  const o = parseOptions(argv, z.object({ db: dbOption }), []);
  return withReplica(o.db, false, async (app) => {
    const r = trainLeadScore(app.db);
    if (!r)
      throw new AppError(
        'precondition_failed',
        'not enough history to learn from: at least 60 closed leads, 15 won and 15 lost, are needed',
      );
    const m = r.model;
    const k = trainRetentionScore(app.db)?.model ?? null;
    return {
      ...m.metrics,
      n_train: m.n_train,
      n_test: m.n_test,
      n_outcomes: m.n_outcomes,
      features: m.features.length,
      trained_at: m.trained_at,
      retention_auc: k?.metrics.auc ?? null,
      retention_brier: k?.metrics.brier ?? null,
      retention_rule_auc: k?.metrics.rule_auc ?? null,
      retention_rule_brier: k?.metrics.rule_brier ?? null,
      retention_n_outcomes: k?.n_outcomes ?? null,
    };
  });
}
