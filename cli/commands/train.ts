import { z } from 'zod';
import { trainLeadScore } from '../../electron/main/score/lead-score';
import { AppError } from '../../shared/errors';
import { dbOption, parseOptions } from '../args';
import { withReplica } from './replica';

/**
 * `train --db FILE`: fits the lead conversion model on the replica's closed leads, stores it,
 * and prints its held-out AUC and Brier next to the fixed rule's on the same leads.
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
    return {
      ...m.metrics,
      n_train: m.n_train,
      n_test: m.n_test,
      n_outcomes: m.n_outcomes,
      features: m.features.length,
      trained_at: m.trained_at,
    };
  });
}
