import { useState } from 'react';
import type { AiTask } from '../../../shared/ai/schemas';
import type { AppErrorShape } from '../../../shared/errors';
import { messageOf } from '../api/mutate';
import { progressText, TASK_LABEL, useAi, type AiAnswer, type AiRequest, type AiRunInput } from '../lib/use-ai';
import { navigate } from '../stores/router';
import { AiResultView } from './ai-results';
import { Icon } from './icon';

type Subject = { lead_id: string } | { client_id: string };
const PANEL_TASKS: AiTask[] = ['summary', 'next-action', 'risk', 'cross-sell', 'contact-likelihood'];

/** The AppError's message, with a way to the settings when that is where the fix is. */
export function AiErrorBox({ error }: { error: AppErrorShape }) {
  const text = messageOf(error);
  return (
    <div className="form-error ai-error" role="alert" data-testid="ai-error">
      <span>{text}</span>
      {/Settings/.test(text) && (
        <button type="button" className="btn small" onClick={() => navigate({ name: 'settings' })}>
          Open Settings
        </button>
      )}
    </div>
  );
}

export function AiProgress({ request }: { request: AiRequest }) {
  if (!request.running) return null;
  return (
    <div className="ai-progress muted small" role="status" data-testid="ai-progress">
      <span className="ai-spinner" aria-hidden="true" />
      {progressText(request.running, request.seconds)}
      <button type="button" className="btn ghost small" onClick={request.cancel}>
        Cancel
      </button>
    </div>
  );
}

export function AiAnswerCard({ answer, title, onClose }: { answer: AiAnswer; title: string; onClose(): void }) {
  return (
    <div className="ai-result" data-testid="ai-result" data-task={answer.task}>
      <div className="ai-result-head">
        <strong>{title}</strong>
        <span className="muted small">
          {answer.model} · {(answer.latency_ms / 1000).toFixed(1)} s
        </span>
        <span className="spacer" />
        <button type="button" className="icon-btn" aria-label="Close the AI answer" onClick={onClose}>
          <Icon name="x" size={12} />
        </button>
      </div>
      <AiResultView answer={answer} />
    </div>
  );
}

/**
 * The lead's (or client's) AI panel: one button per task, a draft with an email/SMS chooser,
 * an inline progress line while the model works, then the structured answer or the error.
 */
export function AiPanel({ subject }: { subject: Subject }) {
  const ai = useAi();
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  /** The channel of the draft asked for last (the chooser may change while it shows). */
  const [drafted, setDrafted] = useState<'email' | 'sms'>('email');
  const busy = ai.running !== null;
  const run = (task: AiTask) => {
    if (task === 'draft') setDrafted(channel);
    void ai.run({ task, ...subject, ...(task === 'draft' ? { channel } : {}) });
  };
  const title = ai.answer
    ? ai.answer.task === 'draft'
      ? `${drafted === 'sms' ? 'SMS' : 'Email'} draft`
      : TASK_LABEL[ai.answer.task]
    : '';

  return (
    <section className="card ai-panel" aria-label="AI assistant" data-testid="ai-panel">
      <div className="ai-actions">
        <h3
          className="ai-title"
          title="Identifiers (SSNs, phone numbers, addresses, VINs…) are replaced by placeholders before anything leaves this device"
        >
          <Icon name="sparkles" size={14} /> AI
        </h3>
        {PANEL_TASKS.map((t) => (
          <button
            key={t}
            type="button"
            className={`btn small${ai.running === t ? ' active' : ''}`}
            disabled={busy}
            onClick={() => run(t)}
          >
            {TASK_LABEL[t]}
          </button>
        ))}
        <span className="ai-draft-group">
          <span className="segmented small" role="group" aria-label="Draft channel">
            {(['email', 'sms'] as const).map((c) => (
              <button key={c} type="button" aria-pressed={channel === c} disabled={busy} onClick={() => setChannel(c)}>
                {c === 'sms' ? 'SMS' : 'Email'}
              </button>
            ))}
          </span>
          <button
            type="button"
            className={`btn small${ai.running === 'draft' ? ' active' : ''}`}
            disabled={busy}
            onClick={() => run('draft')}
          >
            Draft message
          </button>
        </span>
      </div>
      <AiProgress request={ai} />
      {ai.error && <AiErrorBox error={ai.error} />}
      {ai.answer && <AiAnswerCard answer={ai.answer} title={title} onClose={ai.clear} />}
    </section>
  );
}

/** One AI task on one record as a button, with its progress, error and answer below it. */
export function AiInlineRun({ input, label, title }: { input: AiRunInput; label: string; title: string }) {
  const ai = useAi();
  return (
    <div className="ai-inline">
      <button type="button" className="btn small" disabled={ai.running !== null} onClick={() => void ai.run(input)}>
        <Icon name="sparkles" size={12} />
        {label}
      </button>
      <AiProgress request={ai} />
      {ai.error && <AiErrorBox error={ai.error} />}
      {ai.answer && <AiAnswerCard answer={ai.answer} title={title} onClose={ai.clear} />}
    </div>
  );
}
