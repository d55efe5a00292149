import { useState } from 'react';
import type {
  ContactLikelihoodResult,
  CrossSellResult,
  DraftResult,
  NextActionResult,
  RiskResult,
  SentimentResult,
  SummaryResult,
  TriageResult,
} from '../../../shared/ai/schemas';
import { humanize } from '../lib/format';
import type { AiAnswer } from '../lib/use-ai';
import { useLookups } from '../stores/lookups';
import { useUi } from '../stores/ui';
import { Icon } from './icon';

const PRIORITY_WORD: Record<number, string> = { 1: 'most urgent', 2: 'high', 3: 'normal', 4: 'low', 5: 'whenever' };
const LEVEL_COLOR: Record<string, string> = {
  high: '#dc2626',
  urgent: '#dc2626',
  medium: '#d97706',
  normal: '#64748b',
  low: '#64748b',
};
const SENTIMENT_COLOR: Record<string, string> = {
  positive: '#16a34a',
  neutral: '#64748b',
  negative: '#dc2626',
  mixed: '#d97706',
};
const pct = (x: number) => `${Math.round(x * 100)}%`;

function Pill({ text, color }: { text: string; color: string }) {
  return (
    <span className="pill" style={{ '--c': color } as React.CSSProperties}>
      {text}
    </span>
  );
}

export function Bullets({ title, items }: { title?: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <div className="ai-block">
      {title && <div className="ai-label">{title}</div>}
      <ul className="ai-bullets">
        {items.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
    </div>
  );
}

/** A 0…1 (or 0…100) value as a labelled bar. */
export function Meter({
  label,
  value,
  max,
  tone,
}: {
  label: string;
  value: number;
  max: number;
  tone: 'risk' | 'good';
}) {
  const share = Math.max(0, Math.min(1, value / max));
  return (
    <div className="ai-meter">
      <span className="ai-meter-label">{label}</span>
      <span className="ai-meter-track">
        <span className={`ai-meter-fill ${tone}`} style={{ width: `${share * 100}%` }} />
      </span>
      <span className="num">{max === 1 ? pct(value) : `${Math.round(value)}/${max}`}</span>
    </div>
  );
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      useUi.getState().toast('error', 'Could not copy: select the text and copy it by hand');
    }
  };
  return (
    <button type="button" className="btn small" onClick={() => void copy()}>
      <Icon name={copied ? 'check' : 'copy'} size={12} />
      {copied ? 'Copied' : label}
    </button>
  );
}

function Summary({ r }: { r: SummaryResult }) {
  return (
    <>
      <p className="ai-text">{r.summary}</p>
      <Bullets title="Highlights" items={r.highlights} />
      <Bullets title="Open questions" items={r.open_questions} />
    </>
  );
}

function NextAction({ r }: { r: NextActionResult }) {
  return (
    <>
      <p className="ai-text strong">{r.next_action}</p>
      <div className="row wrap">
        <span className={`prio p${r.follow_up_priority}`}>
          P{r.follow_up_priority} · {PRIORITY_WORD[r.follow_up_priority]}
        </span>
        {r.channel && <span className="muted">by {humanize(r.channel)}</span>}
        {r.due_within_days !== null && (
          <span className="muted">
            {r.due_within_days === 0 ? 'today' : `within ${r.due_within_days} day${r.due_within_days === 1 ? '' : 's'}`}
          </span>
        )}
      </div>
      <Bullets title="Why" items={r.reasons} />
    </>
  );
}

function Risk({ r }: { r: RiskResult }) {
  return (
    <>
      <Meter label="Risk" value={r.risk_score} max={100} tone="risk" />
      <Meter label="Opportunity" value={r.opportunity_score} max={100} tone="good" />
      <Bullets title="Risk factors" items={r.risk_factors} />
      <Bullets title="Opportunity factors" items={r.opportunity_factors} />
      <Bullets title="Why" items={r.reasons} />
    </>
  );
}

function CrossSell({ r }: { r: CrossSellResult }) {
  const types = useLookups((s) => s.lookups.insurance_types);
  if (r.ideas.length === 0) return <p className="muted">No cross-sell ideas for this record right now.</p>;
  return (
    <>
      <ul className="plain-list">
        {r.ideas.map((idea, i) => (
          <li key={i}>
            <div className="row wrap">
              <strong>{idea.title}</strong>
              <span className="muted small">
                {types.find((t) => t.code === idea.product)?.name ?? humanize(idea.product)}
              </span>
              <span className="spacer" />
              <Pill text={humanize(idea.priority)} color={LEVEL_COLOR[idea.priority] ?? '#64748b'} />
            </div>
            <div>{idea.rationale}</div>
            {idea.talking_point && <div className="muted small">Say: “{idea.talking_point}”</div>}
          </li>
        ))}
      </ul>
      <Bullets title="Why" items={r.reasons} />
    </>
  );
}

function Likelihood({ r }: { r: ContactLikelihoodResult }) {
  return (
    <>
      <p className="ai-text">
        Best: <strong>{humanize(r.best_channel)}</strong>, {r.best_time}
      </p>
      <Meter label="Answers now" value={r.likelihood_now} max={1} tone="good" />
      {r.by_channel.map((c) => (
        <div key={c.channel} className="ai-channel">
          <Meter label={humanize(c.channel)} value={c.likelihood} max={1} tone="good" />
          <div className="muted small">{c.reason}</div>
        </div>
      ))}
      <Bullets title="Why" items={r.reasons} />
    </>
  );
}

function Draft({ r }: { r: DraftResult }) {
  const text = r.subject ? `Subject: ${r.subject}\n\n${r.body}` : r.body;
  return (
    <>
      {r.subject && (
        <div className="ai-block">
          <div className="ai-label">Subject</div>
          <div>{r.subject}</div>
        </div>
      )}
      <div className="ai-draft" data-testid="ai-draft">
        {r.body}
      </div>
      <div className="row">
        {r.tone && <span className="muted small">Tone: {r.tone}</span>}
        <span className="spacer" />
        <CopyButton text={text} label="Copy draft" />
      </div>
    </>
  );
}

export function Sentiment({ r }: { r: SentimentResult }) {
  return (
    <>
      <div className="row wrap">
        <Pill text={humanize(r.sentiment)} color={SENTIMENT_COLOR[r.sentiment] ?? '#64748b'} />
        <span className="muted small">
          score {r.sentiment_score > 0 ? '+' : ''}
          {r.sentiment_score.toFixed(2)}
        </span>
      </div>
      <p className="ai-text">{r.summary}</p>
      <Bullets
        title="Action items"
        items={r.action_items.map(
          (a) => `${a.text}${a.owner === 'customer' ? ' (customer)' : ''}${a.due ? ` · ${a.due}` : ''}`,
        )}
      />
      {r.entities.length > 0 && <div className="muted small">Mentions: {r.entities.map((e) => e.text).join(', ')}</div>}
    </>
  );
}

export function Triage({ r }: { r: TriageResult }) {
  return (
    <>
      <div className="row wrap">
        <Pill text={humanize(r.urgency)} color={LEVEL_COLOR[r.urgency] ?? '#64748b'} />
        <span className="muted">{humanize(r.category)}</span>
      </div>
      <p className="ai-text">{r.summary}</p>
      <div className="ai-label">Suggested reply</div>
      <div className="ai-draft">{r.suggested_reply}</div>
      <div className="row">
        <span className="spacer" />
        <CopyButton text={r.suggested_reply} label="Copy reply" />
      </div>
      <Bullets title="Why" items={r.reasons} />
    </>
  );
}

/** Any task's answer, laid out for that task. */
export function AiResultView({ answer }: { answer: AiAnswer }) {
  switch (answer.task) {
    case 'summary':
      return <Summary r={answer.result} />;
    case 'next-action':
      return <NextAction r={answer.result} />;
    case 'risk':
      return <Risk r={answer.result} />;
    case 'retention':
      return (
        <>
          <Meter label="Retention risk" value={answer.result.retention_risk} max={100} tone="risk" />
          <Bullets title="Why" items={answer.result.reasons} />
        </>
      );
    case 'cross-sell':
      return <CrossSell r={answer.result} />;
    case 'contact-likelihood':
      return <Likelihood r={answer.result} />;
    case 'draft':
      return <Draft r={answer.result} />;
    case 'sentiment':
      return <Sentiment r={answer.result} />;
    case 'triage':
      return <Triage r={answer.result} />;
  }
}
