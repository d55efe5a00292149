import { useQuery } from '../api/use-query';

/**
 * A live policy term's learned likelihood to renew and "Why this score": the retention model's
 * largest factors for this term in plain words. Shown only once a model has been learned from
 * the agency's own renewals (until then the renewal list's fixed rule is the only risk shown).
 */
export function PolicyScoreCard({ policyId }: { policyId: string }) {
  const { data } = useQuery('score.policy', { policy_id: policyId });
  if (!data?.score || !data.model) return null;
  const pct = Math.round(data.score.probability * 100);
  return (
    <section className="card" aria-label="Likelihood to renew">
      <div className="card-head">
        <h3>Likelihood to renew</h3>
        <strong data-testid="policy-score">{pct}%</strong>
      </div>
      <h4>Why this score</h4>
      <ul className="score-factors">
        {data.score.factors.map((f) => (
          <li key={f.label}>
            <span aria-hidden="true">{f.effect >= 0 ? '▲' : '▼'}</span> {f.text}
          </li>
        ))}
      </ul>
      <p className="muted small">
        Learned from {data.model.n_outcomes.toLocaleString()} renewal decisions on{' '}
        {new Date(data.model.trained_at).toLocaleDateString()}.
      </p>
    </section>
  );
}
