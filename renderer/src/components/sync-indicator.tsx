import { useEffect, useRef, useState } from 'react';
import { SYNC_STATUS_READS } from '../../../shared/api/changes';
import { useQuery } from '../api/use-query';
import { useTablesVersion } from '../stores/data';
import { exactTime, humanize, relativeTime } from '../lib/format';
import { navigate } from '../stores/router';
import { useSync } from '../stores/sync';
import { useUi } from '../stores/ui';
import { Icon } from './icon';
import { useDismiss } from '../lib/use-dismiss';

function ConflictsInbox() {
  const { conflicts, resolve } = useSync();
  if (conflicts.length === 0) return null;
  const act = async (id: string, action: 'dismiss' | 'reapply') => {
    const error = await resolve(id, action);
    if (error) useUi.getState().toast('error', error);
  };
  return (
    <div className="conflicts">
      <div className="section-title">Conflicts inbox · {conflicts.length}</div>
      {conflicts.map((c) => (
        <div key={c.id} className="conflict">
          <div>
            <strong>
              {c.mutation_name ? humanize(c.mutation_name.replace(/([A-Z])/g, ' $1').toLowerCase()) : humanize(c.kind)}
            </strong>
            {c.field && <span className="muted"> · {c.field}</span>}
          </div>
          <div className="muted small">{c.reason}</div>
          <div className="row">
            {c.kind === 'rejected' && (
              <button type="button" className="btn small" onClick={() => void act(c.id, 'reapply')}>
                Try again
              </button>
            )}
            <button type="button" className="btn small ghost" onClick={() => void act(c.id, 'dismiss')}>
              Dismiss
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}

/**
 * Always in the top bar: online or not, changes waiting to sync, when we last synced, errors,
 * and the conflicts inbox. Before sign-in it says the data is local only; with the demo agency
 * loaded it says so, and counts the outbox as demo changes (they can never reach a server: sign-in
 * is refused while the demo is there, and clearing it empties the outbox).
 */
export function SyncIndicator() {
  const { online, status, statusError, refresh } = useSync();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  // Read again whenever the outbox, the inbox, the session, the positions or the engine's state change.
  const version = useTablesVersion(SYNC_STATUS_READS);
  useEffect(() => {
    void refresh();
  }, [refresh, version]);
  // Escape closes it too (it once did not, so a keyboard user could open the status but not close
  // it). Focus inside goes back to the indicator rather than to the page's start with the removed popover.
  useDismiss(open, ref, (how) => {
    if (how === 'escape' && ref.current?.contains(document.activeElement)) button.current?.focus();
    setOpen(false);
  });

  const { data: demo } = useQuery('demo.status', {});
  const conflicts = status?.conflicts ?? 0;
  const pending = status?.pending ?? 0;
  let tone = 'idle';
  let label = demo?.loaded ? 'Demo agency' : 'Local only';
  if (!online || (status?.configured && !status.online)) [tone, label] = ['warn', 'Offline'];
  else if (status?.error || statusError) [tone, label] = ['error', 'Sync error'];
  else if (status?.configured && status.running)
    [tone, label] = ['ok', pending || status.firstSync ? 'Syncing' : 'Synced'];
  else if (status?.configured) [tone, label] = ['warn', 'Sync paused'];

  return (
    <div className="sync" ref={ref}>
      <button
        type="button"
        ref={button}
        className={`sync-btn ${tone}`}
        aria-expanded={open}
        title="Sync status"
        onClick={() => setOpen(!open)}
        data-testid="sync-indicator"
      >
        <Icon name={tone === 'warn' && label === 'Offline' ? 'cloud-off' : 'cloud'} size={14} />
        <span>{label}</span>
        {pending > 0 && !demo?.loaded && (
          <span className="badge" title="Changes saved on this device, waiting to reach the server">
            {pending} pending
          </span>
        )}
        {conflicts > 0 && <span className="badge error">{conflicts} to review</span>}
      </button>
      {open && (
        <div className="popover sync-pop" role="dialog" aria-label="Sync status">
          <dl className="kv">
            <dt>Network</dt>
            <dd>{online ? 'Online' : 'Offline: everything still saves on this device'}</dd>
            <dt>Server</dt>
            <dd>
              {status?.configured ? (status.server ?? 'Configured') : 'Not configured: data stays on this device'}
            </dd>
            {status?.user && (
              <>
                <dt>Signed in</dt>
                <dd>{status.user.full_name}</dd>
              </>
            )}
            <dt>Pending</dt>
            <dd>
              {!status
                ? 'Unknown'
                : demo?.loaded
                  ? `${pending} demo change${pending === 1 ? '' : 's'}: they stay on this device`
                  : `${pending} change${pending === 1 ? '' : 's'} waiting to sync`}
            </dd>
            {status?.firstSync && (
              <>
                <dt>First sync</dt>
                <dd>
                  {status.firstSync.indexing
                    ? 'Building the search index'
                    : `${status.firstSync.rows.toLocaleString()} records in · ${status.firstSync.shapesDone} of ${status.firstSync.shapes} tables complete`}
                </dd>
              </>
            )}
            <dt>Last synced</dt>
            <dd>
              {status?.lastSyncedAt ? (
                <span title={exactTime(status.lastSyncedAt)}>{relativeTime(status.lastSyncedAt)}</span>
              ) : (
                'Never'
              )}
            </dd>
            {(status?.error || statusError) && (
              <>
                <dt>Error</dt>
                <dd className="error-text">{status?.error ?? statusError}</dd>
              </>
            )}
          </dl>
          <ConflictsInbox />
          <button
            type="button"
            className="btn small"
            onClick={() => {
              setOpen(false);
              navigate({ name: 'settings' });
            }}
          >
            Sync settings
          </button>
        </div>
      )}
    </div>
  );
}
