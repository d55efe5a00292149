import type { Row } from '../../../shared/model/catalogue';
import { useAi } from '../lib/use-ai';
import { AiErrorBox, AiProgress } from './ai-panel';
import { Bullets, Meter } from './ai-results';
import { Icon } from './icon';
import { relativeTime } from '../lib/format';

/**
 * A term's AI retention risk: the stored assessment (it reaches this card through the change feed,
 * like any write) and the button that asks the model again.
 */
export function RetentionCard({ policy }: { policy: Row<'policies'> }) {
  const ai = useAi();
  const risk = policy.ai_retention_risk;
  return (
    <section className="card" aria-label="Retention risk" data-testid="retention-card">
      <div className="card-head">
        <h3>Retention risk</h3>
        <span className="spacer" />
        <button
          type="button"
          className="btn small"
          disabled={ai.running !== null}
          onClick={() => void ai.run({ task: 'retention', policy_id: policy.id })}
        >
          <Icon name="sparkles" size={12} />
          {risk === null ? 'Assess retention risk' : 'Assess again'}
        </button>
      </div>
      <AiProgress request={ai} />
      {ai.error && <AiErrorBox error={ai.error} />}
      {risk === null ? (
        <p className="muted small">
          Not assessed yet. The model weighs the premium change, tenure, service tickets, contact recency and the
          household&apos;s other policies.
        </p>
      ) : (
        <>
          <Meter label="Retention risk" value={risk} max={100} tone="risk" />
          <Bullets title="Why" items={policy.ai_retention_reasons ?? []} />
          {policy.ai_updated_at && <p className="muted small">Assessed {relativeTime(policy.ai_updated_at)}</p>}
        </>
      )}
    </section>
  );
}
