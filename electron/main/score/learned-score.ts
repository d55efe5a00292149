import type { ReplicaDb } from '../../../db/sqlite/open';
import type { BinaryModel, BinaryTrainResult, Metrics } from '../../../shared/score/binary-model';
import { loadModel, saveModel, RETRAIN_GROWTH } from './model-store';

/**
 * The scaffolding every learned yes/no score shares on the replica (the lead score and the policy
 * retention score): load the stored model, train and store it, retrain once the rows with an
 * outcome grew by RETRAIN_GROWTH, and answer "retrain now". Each score gives only what differs:
 * where it is kept, how its rows are read and trained on, how outcomes are counted, its words.
 */
export interface LearnedScoreSpec<M extends BinaryModel<string, string>> {
  /** The local_settings key the model is kept under. */
  key: string;
  kind: M['kind'];
  /** Reads the replica's rows and trains on those with an outcome; null with too little history. */
  fit: (db: ReplicaDb, now: Date) => BinaryTrainResult<M> | null;
  /** How many rows have an outcome now: compared with the model's count to decide a retrain. */
  outcomes: (db: ReplicaDb) => number;
  /** "Retrain now" in words: after learning from `n` outcomes, and when `n` are too few. */
  learned: (n: number) => string;
  tooLittle: (n: number) => string;
  /** Runs in the transaction that stores a new model: derived state computed with the old one is dropped. */
  saved?: (db: ReplicaDb, model: M) => void;
}

/** What a record's page shows of the model behind its score. */
export interface ModelSummary {
  trained_at: string;
  auc: number;
  rule_auc: number;
  n_outcomes: number;
}

/** One model's answer to "retrain now": its held-out figures, or why none was made. */
export interface TrainAnswer {
  trained: boolean;
  message: string;
  metrics: Metrics | null;
  n_outcomes: number;
}

export interface LearnedScore<M> {
  load: (db: ReplicaDb) => M | null;
  /** Trains and stores the model (unless `save` is false); null, nothing stored, with too little history. */
  train: (db: ReplicaDb, now?: Date, opts?: { save?: boolean }) => BinaryTrainResult<M> | null;
  /** The stored model, first retrained when enough new outcomes arrived or none exists yet. */
  current: (db: ReplicaDb, now?: Date) => M | null;
  trainAnswer: (db: ReplicaDb, now: Date) => TrainAnswer;
}

export function learnedScore<M extends BinaryModel<string, string>>(spec: LearnedScoreSpec<M>): LearnedScore<M> {
  const load = (db: ReplicaDb) => loadModel<M>(db, spec.key, spec.kind);
  const train = (db: ReplicaDb, now = new Date(), opts: { save?: boolean } = {}) => {
    const result = spec.fit(db, now);
    if (result && opts.save !== false)
      db.transaction(() => {
        saveModel(db, spec.key, result.model, now);
        spec.saved?.(db, result.model);
      })();
    return result;
  };
  return {
    load,
    train,
    current: (db, now = new Date()) => {
      const model = load(db);
      if (model && spec.outcomes(db) < model.n_outcomes * (1 + RETRAIN_GROWTH)) return model;
      return train(db, now)?.model ?? model;
    },
    trainAnswer: (db, now) => {
      const r = train(db, now);
      if (!r) {
        const n = spec.outcomes(db);
        return { trained: false, message: spec.tooLittle(n), metrics: null, n_outcomes: n };
      }
      const m = r.model;
      return { trained: true, message: spec.learned(m.n_outcomes), metrics: m.metrics, n_outcomes: m.n_outcomes };
    },
  };
}

export function modelSummary(model: BinaryModel<string, string> | null): ModelSummary | null {
  return model
    ? {
        trained_at: model.trained_at,
        auc: model.metrics.auc,
        rule_auc: model.metrics.rule_auc,
        n_outcomes: model.n_outcomes,
      }
    : null;
}
