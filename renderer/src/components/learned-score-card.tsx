/** What both learned scores (lead and policy) return for one record, as the card reads it. */
export interface LearnedScoreView {
  score: { probability: number; factors: Array<{ label: string; effect: number; text: string }> } | null;
  model: { n_outcomes: number; trained_at: string } | null;
}

/**
 * A learned score's chance and "Why this score": the model's largest factors for this record in
 * plain words. Shown only once a model has been learned from the agency's history.
 */
export function LearnedScoreCard(p: { title: string; testId: string; outcomes: string; view?: LearnedScoreView }) {
  const { score, model } = p.view ?? { score: null, model: null };
  if (!score || !model) return null;
  return (
    <section className="card" aria-label={p.title}>
      <div className="card-head">
        <h3>{p.title}</h3>
        <strong data-testid={p.testId}>{Math.round(score.probability * 100)}%</strong>
      </div>
      <h4>Why this score</h4>
      <ul className="score-factors">
        {score.factors.map((f) => (
          <li key={f.label}>
            <span aria-hidden="true">{f.effect >= 0 ? '▲' : '▼'}</span> {f.text}
          </li>
        ))}
      </ul>
      <p className="muted small">
        Learned from {model.n_outcomes.toLocaleString()} {p.outcomes} on{' '}
        {new Date(model.trained_at).toLocaleDateString()}.
      </p>
    </section>
  );
}
