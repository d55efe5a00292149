import { useEffect, useState } from 'react';
import { DEDUP_KINDS, type DedupKind, type DuplicatePairView, type DuplicateSide } from '../../../shared/api/dedup';
import { call } from '../api/client';
import { useQuery } from '../api/use-query';
import { EmptyState, ErrorBanner } from '../components/values';
import { navigate } from '../stores/router';
import { useUi } from '../stores/ui';

const KIND_LABEL: Record<DedupKind, string> = { leads: 'Leads', clients: 'Clients', contacts: 'Contacts' };

function SideName({ kind, side }: { kind: DedupKind; side: DuplicateSide }) {
  const name = side.name || 'Unnamed';
  const href = kind === 'leads' ? `#/leads/${side.id}` : kind === 'clients' ? `#/clients/${side.id}` : null;
  return (
    <span className="dup-side">
      {href ? <a href={href}>{name}</a> : <strong>{name}</strong>}
      <span className="muted small">{[side.email, side.phone].filter(Boolean).join(' · ') || 'no email or phone'}</span>
    </span>
  );
}

/** The older record is kept by default: it is the one colleagues have been working on longest. */
const survivorFirst = (p: DuplicatePairView) => (p.a.created_at <= p.b.created_at ? [p.a, p.b] : [p.b, p.a]);

/**
 * Probable duplicate pairs of leads, clients or contacts from the scan, best first, with the
 * reasons. Opening the screen scans what changed since the last scan (the first scan scores the
 * whole book); "Scan again" does it on demand. The list itself follows the change feed.
 */
export function DuplicatesScreen({ kind }: { kind: DedupKind }) {
  const { data, error, reload } = useQuery('duplicates.list', { kind });
  const [scanning, setScanning] = useState(false);
  const scan = async () => {
    setScanning(true);
    const res = await call('duplicates.scan', { kind });
    setScanning(false);
    if (!res.ok) useUi.getState().toast('error', `The scan failed: ${res.error.message}`);
  };
  useEffect(() => {
    void scan();
  }, [kind]);
  const dismiss = async (p: DuplicatePairView) => {
    const res = await call('duplicates.dismiss', { kind, a: p.a.id, b: p.b.id });
    if (!res.ok) useUi.getState().toast('error', `Could not dismiss: ${res.error.message}`);
  };
  const noun = KIND_LABEL[kind].toLowerCase();
  return (
    <div className="screen" data-screen="duplicates">
      <div className="screen-head">
        <h1>Possible duplicates</h1>
        <div className="segmented" role="group" aria-label="Kind of record">
          {DEDUP_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              aria-pressed={k === kind}
              onClick={() => navigate({ name: 'duplicates', kind: k })}
            >
              {KIND_LABEL[k]}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => void scan()} disabled={scanning}>
          {scanning ? 'Scanning…' : 'Scan again'}
        </button>
      </div>
      <div className="screen-body">
        {error && !data && <ErrorBanner message={`Could not load the duplicates: ${error.message}`} onRetry={reload} />}
        {data && data.scanned && data.pairs.length === 0 && (
          <EmptyState title={`No possible duplicates among ${noun}`}>
            Pairs with the same email or phone, or a name that sounds alike with the same birth date or address, appear
            here.
          </EmptyState>
        )}
        {data && data.pairs.length > 0 && (
          <ul className="plain-list card" aria-label={`Possible duplicate ${noun}`} data-testid="duplicate-pairs">
            {data.pairs.map((p) => {
              const [keep, other] = survivorFirst(p);
              const names = `${keep!.name} and ${other!.name}`;
              return (
                <li key={`${p.a.id}|${p.b.id}`} className="dup-pair">
                  <SideName kind={kind} side={keep!} />
                  <SideName kind={kind} side={other!} />
                  <span className="dup-why">
                    <strong>{Math.round(p.score * 100)}%</strong>{' '}
                    <span className="muted small">{p.reasons.join(', ')}</span>
                  </span>
                  <span className="row">
                    <button
                      type="button"
                      className="btn small"
                      aria-label={`Not a duplicate: ${names}`}
                      onClick={() => void dismiss(p)}
                    >
                      Not a duplicate
                    </button>
                    <button
                      type="button"
                      className="btn small primary"
                      aria-label={`Review & merge ${names}`}
                      onClick={() => navigate({ name: 'merge', kind, survivor: keep!.id, merged: other!.id })}
                    >
                      Review &amp; merge
                    </button>
                  </span>
                </li>
              );
            })}
          </ul>
        )}
        {data && data.more > 0 && <p className="muted small">{data.more} more pairs; merge or dismiss these first.</p>}
      </div>
    </div>
  );
}
