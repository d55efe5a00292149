import { useState } from 'react';
import { call } from '../api/client';
import { useUi } from '../stores/ui';

/** Settings → Learned scores: retrain the lead score now, and see how it compares with the rule. */
export function ScoreSettings() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const retrain = async () => {
    setBusy(true);
    const res = await call('score.train', {});
    setBusy(false);
    if (!res.ok) return useUi.getState().toast('error', res.error.message);
    const m = res.value.metrics;
    setResult(
      m
        ? `${res.value.message} On leads held out: AUC ${m.auc} (the fixed rule ${m.rule_auc}), Brier ${m.brier} (rule ${m.rule_brier}).`
        : res.value.message,
    );
  };
  return (
    <section className="card settings-card" aria-label="Learned scores">
      <h2>Learned scores</h2>
      <p className="muted">
        The lead score is learned from this agency&apos;s won and lost leads and kept on this computer. It retrains by
        itself when enough new outcomes arrive.
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
