import { useId, useState } from 'react';
import type { AskView, SemanticResult } from '../../../shared/api/semantic';
import type { AppErrorShape } from '../../../shared/errors';
import { call } from '../api/client';
import { useQuery } from '../api/use-query';
import { openResult } from '../lib/open-result';
import { AiErrorBox } from './ai-panel';

/** Lead, client or policy: what Ask and Similar records are about. */
export type SemanticSubject = { lead_id: string } | { client_id: string } | { policy_id: string };

/** One retrieved record as a button that opens it (a citation or a similar record). */
function ResultLink({ r, label }: { r: SemanticResult; label?: string }) {
  return (
    <button type="button" className="link-btn semantic-link" data-result-id={r.id} onClick={() => openResult(r)}>
      {label && <span className="citation-no">{label}</span>}
      <span className="kind">{r.kind}</span> {r.title}
      <span className="muted small semantic-snippet"> — {r.snippet.map((s) => s.text).join('')}</span>
    </button>
  );
}

/**
 * Ask a question of this record's notes, messages and tickets (on a policy: its client's, and the
 * term's own facts): the answer with numbered citations that open the cited record; without a
 * chat model, the records found are the answer.
 */
export function AskBox({ subject }: { subject: SemanticSubject }) {
  const inputId = useId();
  const [question, setQuestion] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<AskView | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!question.trim() || busy) return;
    setBusy(true);
    setError(null);
    const res = await call('ask', { question, ...subject });
    setBusy(false);
    if (res.ok) setAnswer(res.value);
    else setError(res.error);
  };

  const cited = answer ? answer.sources.filter((s) => answer.citations.includes(s.id)) : [];
  const shown = answer && answer.answer !== null ? cited : (answer?.sources ?? []);
  return (
    <section className="card ask-box" aria-label="Ask">
      <div className="card-head">
        <h3>Ask</h3>
      </div>
      <form onSubmit={(e) => void submit(e)} className="ask-form">
        <label htmlFor={inputId} className="small">
          Question about this record
        </label>
        <div className="ask-row">
          <input
            id={inputId}
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            placeholder={
              'policy_id' in subject
                ? 'e.g. When does this term renew, and why did the premium change?'
                : 'e.g. What did she worry about in the quote?'
            }
            maxLength={1000}
          />
          <button type="submit" className="btn" disabled={busy || !question.trim()}>
            {busy ? 'Asking…' : 'Ask'}
          </button>
        </div>
      </form>
      {error && <AiErrorBox error={error} />}
      {answer && (
        <div className="ask-answer" data-testid="ask-answer" role="status">
          {answer.answer !== null ? (
            <p>{answer.answer}</p>
          ) : (
            <p className="muted small">
              {answer.reason ?? (answer.sources.length ? 'No chat model: the records found are shown.' : '')}
              {answer.sources.length === 0 && ' Nothing found.'}
            </p>
          )}
          {shown.length > 0 && (
            <ol className="ask-citations" aria-label="Citations">
              {shown.map((s, i) => (
                <li key={s.id}>
                  <ResultLink r={s} label={`[${i + 1}]`} />
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}

/** Records whose notes and messages read like this one's (nearest in the semantic index; nothing is sent). */
export function SimilarRecords({ subject }: { subject: SemanticSubject }) {
  const { data, error } = useQuery('semantic.similar', { ...subject, limit: 6 });
  return (
    <section className="card similar-records" aria-label="Similar records">
      <div className="card-head">
        <h3>Similar records</h3>
      </div>
      {error && <AiErrorBox error={error} />}
      {data && !data.semantic && <p className="muted small">{data.reason ?? 'Semantic search is off.'}</p>}
      {data?.semantic && data.results.length === 0 && <p className="muted small">Nothing similar indexed yet.</p>}
      {data?.semantic && data.results.length > 0 && (
        <ul className="similar-list">
          {data.results.map((r) => (
            <li key={`${r.kind}:${r.id}`}>
              <ResultLink r={r} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
