import type { TimelineItem } from '../../../shared/api/types';
import { humanize, money } from '../lib/format';
import { useAi, type AiRunInput } from '../lib/use-ai';
import { useLookups } from '../stores/lookups';
import { AiAnswerCard, AiErrorBox, AiProgress } from './ai-panel';
import { Icon } from './icon';
import { StatusPill } from './pills';
import { ClampedText, EmptyState, RelTime } from './values';

const SENTIMENT_COLOR: Record<string, string> = {
  positive: '#16a34a',
  neutral: '#64748b',
  negative: '#dc2626',
  mixed: '#d97706',
};

/** What the entry's AI button asks for: a call or email is analyzed, a ticket triaged. */
function aiInputOf(item: TimelineItem): AiRunInput | null {
  if (item.kind === 'communication') return { task: 'sentiment', communication_id: item.id };
  if (item.kind === 'ticket') return { task: 'triage', ticket_id: item.id };
  return null;
}

const KIND_ICON: Record<TimelineItem['kind'], string> = {
  note: 'note',
  communication: 'phone',
  event: 'event',
  opportunity: 'opportunity',
  ticket: 'ticket',
  ai: 'ai',
};

const EVENT_TITLES: Record<string, string> = {
  created: 'Created',
  status_changed: 'Status changed',
  assigned: 'Reassigned',
  follow_up_scheduled: 'Follow-up scheduled',
  follow_up_completed: 'Follow-up done',
  converted: 'Converted to client',
  deleted: 'Deleted',
  restored: 'Restored',
  campaign_enrolled: 'Enrolled in a campaign',
  merged: 'Merged a duplicate',
};

/** Task events reuse the follow-up kinds (a task is a follow-up generalised) with the task in the payload. */
function taskTitle(item: TimelineItem): string | null {
  const m = item.meta;
  if (item.kind !== 'event' || typeof m.task_id !== 'string') return null;
  const name = typeof m.title === 'string' ? m.title : 'task';
  if (item.title === 'assigned') return `Task reassigned: ${name}`;
  if (item.title === 'follow_up_completed') return `Task done: ${name}`;
  return m.reopened ? `Task reopened: ${name}` : `Task: ${name}`;
}

/** A merge: which fields came from the merged record and what moved with it. */
function MergedDetail({ meta }: { meta: Record<string, unknown> }) {
  const moved = meta.moved && typeof meta.moved === 'object' ? (meta.moved as Record<string, number>) : {};
  const fields = Array.isArray(meta.fields) ? (meta.fields as string[]) : [];
  const parts = [
    ...Object.entries(moved).map(([table, n]) => `${n} ${humanize(table.replace(/^lead_/, ''))}`),
    ...(fields.length ? [`kept its ${fields.map((f) => humanize(f).toLowerCase()).join(', ')}`] : []),
  ];
  return parts.length ? <span className="muted small">{parts.join(' · ')}</span> : null;
}

function EventDetail({ item }: { item: TimelineItem }) {
  const m = item.meta;
  if (item.title === 'follow_up_scheduled' && typeof m.at === 'string') {
    return (
      <span className="muted small">
        Due <RelTime at={m.at} />
        {typeof m.note === 'string' && m.note ? ` · ${m.note}` : ''}
      </span>
    );
  }
  if (item.title === 'campaign_enrolled' && typeof m.name === 'string')
    return <span className="muted small">{m.name}</span>;
  if (item.title === 'merged') return <MergedDetail meta={m} />;
  if (typeof m.to === 'string' && typeof m.from === 'string' && item.title === 'status_changed') {
    return (
      <span className="row small">
        <StatusPill id={m.from} /> → <StatusPill id={m.to} />
        {typeof m.reason === 'string' && m.reason && <span className="muted">{m.reason}</span>}
      </span>
    );
  }
  if (typeof m.premium === 'number') return <span className="muted small">Premium {money(m.premium)}</span>;
  return null;
}

function Entry({ item }: { item: TimelineItem }) {
  const commType = useLookups((s) =>
    item.kind === 'communication' && typeof item.meta.type === 'string'
      ? s.lookups.communication_types.find((t) => t.code === item.meta.type)
      : undefined,
  );
  const title =
    taskTitle(item) ?? (item.kind === 'event' ? (EVENT_TITLES[item.title] ?? humanize(item.title)) : item.title);
  const icon = commType?.icon ?? KIND_ICON[item.kind];
  const color = commType?.color ?? undefined;
  const direction = typeof item.meta.direction === 'string' ? item.meta.direction : null;
  const outcome = typeof item.meta.outcome === 'string' ? item.meta.outcome : null;
  const sentiment = typeof item.meta.sentiment === 'string' ? item.meta.sentiment : null;
  const ai = useAi();
  const aiInput = aiInputOf(item);
  const aiLabel = item.kind === 'ticket' ? 'Triage' : 'Analyze';
  return (
    <li className={`tl-item kind-${item.kind}`} data-kind={item.kind}>
      <span className="tl-icon" style={color ? { color } : undefined}>
        <Icon name={icon} size={14} />
      </span>
      <div className="tl-main">
        <div className="tl-head">
          <span className="tl-title">{title}</span>
          {direction && item.kind === 'communication' && <span className="muted small">{humanize(direction)}</span>}
          {sentiment && (
            <span
              className="pill"
              style={{ '--c': SENTIMENT_COLOR[sentiment] ?? '#64748b' } as React.CSSProperties}
              title="Sentiment, from the AI analysis"
            >
              {humanize(sentiment)}
            </span>
          )}
          <span className="spacer" />
          <span className="muted small tl-actor">
            by{' '}
            <span data-testid="tl-actor">
              {item.actor_name ?? (item.actor_id ? 'a user not on this device' : 'an unrecorded user')}
            </span>
          </span>
          <span className="muted small tl-time">
            <RelTime at={item.at} />
          </span>
        </div>
        {item.body && <ClampedText className="tl-body" text={item.body} />}
        {(outcome || aiInput) && (
          <div className="tl-foot">
            {outcome && <span className="muted small">Outcome: {outcome}</span>}
            <span className="spacer" />
            {aiInput && (
              <button
                type="button"
                className="btn ghost small tl-ai"
                disabled={ai.running !== null}
                onClick={() => void ai.run(aiInput)}
                aria-label={`${aiLabel} with AI: ${title}`}
              >
                <Icon name="sparkles" size={12} />
                {aiLabel}
              </button>
            )}
          </div>
        )}
        {item.kind === 'event' && <EventDetail item={item} />}
        <AiProgress request={ai} />
        {ai.error && <AiErrorBox error={ai.error} />}
        {ai.answer && (
          <AiAnswerCard answer={ai.answer} title={item.kind === 'ticket' ? 'Triage' : 'Analysis'} onClose={ai.clear} />
        )}
      </div>
    </li>
  );
}

/** Notes, calls, emails, status changes, opportunities and tickets, newest first, in one list. */
export function Timeline({ items }: { items: TimelineItem[] }) {
  if (items.length === 0)
    return (
      <EmptyState title="Nothing here yet">Log the first call or write a note above; it will show here.</EmptyState>
    );
  return (
    <ol className="timeline" data-testid="timeline">
      {items.map((i) => (
        <Entry key={`${i.kind}:${i.id}`} item={i} />
      ))}
    </ol>
  );
}
