import { useQuery } from '../api/use-query';

/**
 * The lead's learned chance of winning and "Why this score": the model's largest factors for
 * this lead in plain words. Shown only once a model has been learned from the agency's history.
 */
export function LeadScoreCard({ leadId }: { leadId: string }) {
  const { data } = useQuery('score.lead', { lead_id: leadId });
  if (!data?.score || !data.model) return null;
  const pct = Math.round(data.score.probability * 100);
  return (
    <section className="card" aria-label="Likelihood to win">
      <div className="card-head">
        <h3>Likelihood to win</h3>
        <strong data-testid="lead-score">{pct}%</strong>
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
        Learned from {data.model.n_outcomes.toLocaleString()} closed leads on{' '}
        {new Date(data.model.trained_at).toLocaleDateString()}.
      </p>
    </section>
  );
}
