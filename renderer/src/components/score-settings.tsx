import { useState } from 'react';
import { call } from '../api/client';
import { useUi } from '../stores/ui';

/** Settings → Learned scores: retrain the lead and retention scores now, and see how each compares with its rule. */
export function ScoreSettings() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const retrain = async () => {
    setBusy(true);
    const res = await call('score.train', {});
    setBusy(false);
    if (!res.ok) return useUi.getState().toast('error', res.error.message);
    const m = res.value.metrics;
    const leads = m
      ? `${res.value.message} On leads held out: AUC ${m.auc} (the fixed rule ${m.rule_auc}), Brier ${m.brier} (rule ${m.rule_brier}).`
      : res.value.message;
    const k = res.value.retention;
    const terms = !k
      ? ''
      : k.metrics
        ? ` ${k.message} On terms held out: AUC ${k.metrics.auc} (the retention rule ${k.metrics.rule_auc}), Brier ${k.metrics.brier} (rule ${k.metrics.rule_brier}).`
        : ` ${k.message}`;
    setResult(leads + terms);
  };
  return (
    <section className="card settings-card" aria-label="Learned scores">
      <h2>Learned scores</h2>
      <p className="muted">
        The lead score is learned from this agency&apos;s won and lost leads, the likelihood to renew from its renewed
        and lost policy terms; both are kept on this computer and retrain by themselves when enough new outcomes arrive.
      </p>
      <button type="button" className="btn" disabled={busy} onClick={() => void retrain()}>
        {busy ? 'Retraining…' : 'Retrain now'}
      </button>
      {result && (
        <p className="small" role="status">
          {result}
        </p>
      )}
    </section>
  );
}
