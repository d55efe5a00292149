import { useState } from 'react';
import type { DedupKind, MergePreview } from '../../../shared/api/dedup';
import { mutate } from '../api/mutate';
import { useQuery } from '../api/use-query';
import { chosenFields, defaultChoices, fieldsFor, sameValue, shownValue } from '../components/merge/fields';
import { Modal } from '../components/modal';
import { EmptyState, ErrorBanner } from '../components/values';
import { navigate, type Route } from '../stores/router';
import { useUi } from '../stores/ui';

type Side = 'survivor' | 'merged';
const NOUN: Record<DedupKind, string> = { leads: 'lead', clients: 'client', contacts: 'contact' };
const MUTATION = { leads: 'mergeLeads', clients: 'mergeClients', contacts: 'mergeContacts' } as const;

/** Where the survivor lives: its own page, or for a contact the lead or client it belongs to. */
function survivorRoute(kind: DedupKind, row: Record<string, unknown>): Route {
  const id = String(row.id);
  if (kind === 'leads') return { name: 'lead', id };
  if (kind === 'clients') return { name: 'client', id };
  if (typeof row.client_id === 'string') return { name: 'client', id: row.client_id };
  if (typeof row.lead_id === 'string') return { name: 'lead', id: row.lead_id };
  return { name: 'contacts' };
}

/** What moves, as a sentence's list: "2 notes, 1 contact". */
const movingText = (moving: MergePreview['moving']) => moving.map((m) => `${m.count} ${m.label}`).join(', ');

/**
 * Two records side by side: for each field that differs, which value survives (the survivor's
 * unless it is empty), what moves from the merged record, and Merge after a confirmation.
 * Native radio groups: arrow keys move between the two values, Tab to the next field.
 */
export function MergeScreen({ kind, survivor, merged }: { kind: DedupKind; survivor: string; merged: string }) {
  const { data, error, reload } = useQuery('merge.preview', { kind, survivor_id: survivor, merged_id: merged });
  if (error && !data) {
    if (error.code === 'not_found')
      return (
        <div className="screen" data-screen="merge">
          <EmptyState title={`One of these ${kind} no longer exists`}>
            It may have been merged or removed already. <a href={`#/duplicates/${kind}`}>Back to possible duplicates</a>
          </EmptyState>
        </div>
      );
    return <ErrorBanner message={`Could not load the two records: ${error.message}`} onRetry={reload} />;
  }
  if (!data) return null;
  // A fresh form per pair (and per side swap): the defaults come from the records shown.
  return <MergeForm key={`${survivor}|${merged}`} preview={data} />;
}

function MergeForm({ preview }: { preview: MergePreview }) {
  const { kind } = preview;
  const noun = NOUN[kind];
  const [choices, setChoices] = useState(() => defaultChoices(preview));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const fields = fieldsFor(preview);
  const differing = fields.filter((f) => !sameValue(preview, f.key));
  const same = fields.filter((f) => sameValue(preview, f.key) && shownValue(f, preview.survivor) !== '—');
  const survivorId = String(preview.survivor.row.id);
  const mergedId = String(preview.merged.row.id);

  const merge = async () => {
    setBusy(true);
    const res = await mutate(MUTATION[kind], {
      survivor_id: survivorId,
      merged_id: mergedId,
      fields: chosenFields(preview, choices),
    } as never);
    setBusy(false);
    if (!res.ok) {
      setConfirming(false);
      setFailed(res.error.message);
      return;
    }
    useUi.getState().toast('ok', `Merged into ${preview.survivor.name}`);
    navigate(survivorRoute(kind, preview.survivor.row));
  };

  return (
    <div className="screen merge-screen" data-screen="merge">
      <div className="crumbs">
        <a href={`#/duplicates/${kind}`}>Possible duplicates</a> / <span>Merge</span>
      </div>
      <div className="screen-head">
        <h1>Merge two {kind}</h1>
        <span className="spacer" />
        <button
          type="button"
          className="btn"
          onClick={() => navigate({ name: 'merge', kind, survivor: mergedId, merged: survivorId })}
        >
          Keep the other one instead
        </button>
      </div>
      <div className="screen-body">
        {failed && <ErrorBanner message={`The merge did not happen: ${failed}`} />}
        <div className="merge-grid" role="group" aria-label="Which value survives">
          <div className="merge-head">
            <span />
            <span>
              <span className="muted small">Keeps ({noun} that stays)</span>
              <strong data-testid="merge-survivor">{preview.survivor.name}</strong>
            </span>
            <span>
              <span className="muted small">Merged away</span>
              <strong data-testid="merge-merged">{preview.merged.name}</strong>
            </span>
          </div>
          {differing.length === 0 && <p className="muted">Every field is the same in both.</p>}
          {differing.map((f) => (
            <fieldset key={f.key} className="merge-row">
              <legend>{f.label}</legend>
              {(['survivor', 'merged'] as Side[]).map((side) => (
                <label key={side} className="merge-choice">
                  <input
                    type="radio"
                    name={`merge-${f.key}`}
                    value={side}
                    checked={choices[f.key] === side}
                    onChange={() => setChoices((c) => ({ ...c, [f.key]: side }))}
                  />
                  <span>{shownValue(f, preview[side])}</span>
                  <span className="sr-only">{side === 'survivor' ? ' (kept record)' : ' (merged record)'}</span>
                </label>
              ))}
            </fieldset>
          ))}
        </div>
        {same.length > 0 && (
          <p className="muted small">
            The same in both:{' '}
            {same.map((f) => `${f.label.toLowerCase()} ${shownValue(f, preview.survivor)}`).join('; ')}
          </p>
        )}
        <section className="card" aria-label="What moves">
          <h2>What moves to {preview.survivor.name}</h2>
          {preview.moving.length === 0 ? (
            <p className="muted">Nothing else is attached to the merged {noun}.</p>
          ) : (
            <ul className="plain-list" data-testid="merge-moving">
              {preview.moving.map((m) => (
                <li key={m.table}>
                  {m.count} {m.label}
                </li>
              ))}
            </ul>
          )}
          <p className="muted small">
            The merged {noun} leaves the lists; a change made to it on another device lands on the one kept.
          </p>
        </section>
        <div className="row">
          <button type="button" className="btn primary" onClick={() => setConfirming(true)}>
            Merge
          </button>
          <a className="btn" href={`#/duplicates/${kind}`}>
            Cancel
          </a>
        </div>
      </div>
      {confirming && (
        <Modal
          title={`Merge ${noun}s?`}
          onClose={() => setConfirming(false)}
          footer={
            <>
              <button type="button" className="btn" onClick={() => setConfirming(false)}>
                Cancel
              </button>
              <button type="button" className="btn primary" disabled={busy} onClick={() => void merge()}>
                Merge {noun}s
              </button>
            </>
          }
        >
          <p>
            {preview.merged.name} will be merged into {preview.survivor.name}
            {preview.moving.length ? `, with ${movingText(preview.moving)}` : ''}. This cannot be undone.
          </p>
        </Modal>
      )}
    </div>
  );
}
