import { useState } from 'react';
import type { AppErrorShape } from '../../../shared/errors';
import type { SyncStatusView } from '../../../shared/api/types';
import { call } from '../api/client';
import { fieldOf, messageOf } from '../api/mutate';
import { humanize } from '../lib/format';
import { useSync } from '../stores/sync';
import { useUi } from '../stores/ui';
import { Field } from './field';
import { RelTime } from './values';

const SIGN_IN_FIELDS = ['server', 'email', 'password'] as const;
type SignInField = (typeof SIGN_IN_FIELDS)[number];

/** "crm.agency.com" means https://crm.agency.com; anything with a scheme is sent as typed. */
export function serverAddress(typed: string): string {
  const t = typed.trim();
  return t && !/^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? `https://${t}` : t;
}

/**
 * A sentence for a sign-in that failed for a reason other than one field. An unreachable server's
 * message already says what to check (the main process words it), so it is not said twice.
 */
function bannerText(server: string, error: AppErrorShape): string {
  const text = `Could not sign in to ${server}: ${messageOf(error)}`;
  if (error.code === 'internal') return `${text}. Check the address and that this computer is online, then try again.`;
  if (error.code === 'unavailable') return `${text}, then try again.`;
  return text;
}

function SignInForm() {
  // Component state only: the password never reaches a store, a draft or localStorage.
  const [values, setValues] = useState({ server: '', email: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<SignInField, string>>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: SignInField, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setBanner(null);
    setErrors({});
    const server = serverAddress(values.server);
    const res = await call('sync.signIn', { server, email: values.email, password: values.password });
    setBusy(false);
    if (res.ok) {
      setValues((v) => ({ ...v, password: '' }));
      useSync.setState({ status: res.value, statusError: null });
      useUi.getState().toast('ok', `Signed in as ${res.value.user?.full_name ?? values.email}`);
      return;
    }
    const field = fieldOf(res.error);
    if (field && (SIGN_IN_FIELDS as readonly string[]).includes(field)) setErrors({ [field]: messageOf(res.error) });
    else setBanner(bannerText(server || 'the server', res.error));
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Sign in to the agency server">
      <div className="form-grid">
        <Field
          name="server"
          label="Server address"
          kind="url"
          value={values.server}
          onChange={(x) => set('server', x)}
          error={errors.server}
          placeholder="https://crm.your-agency.com"
          autoComplete="url"
          wide
          required
        />
        <Field
          name="email"
          label="Email"
          kind="email"
          value={values.email}
          onChange={(x) => set('email', x)}
          error={errors.email}
          placeholder="you@your-agency.com"
          autoComplete="username"
          required
        />
        <Field
          name="password"
          label="Password"
          kind="password"
          value={values.password}
          onChange={(x) => set('password', x)}
          error={errors.password}
          autoComplete="current-password"
          required
        />
      </div>
      {banner && (
        <div className="form-error" role="alert" data-testid="sign-in-error" style={{ marginTop: 10 }}>
          {banner}
        </div>
      )}
      <div className="form-actions">
        {busy && <span className="status">Signing in…</span>}
        <button type="submit" className="btn primary" disabled={busy}>
          Sign in
        </button>
      </div>
    </form>
  );
}

function SignedIn({ status }: { status: SyncStatusView }) {
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    setBusy(true);
    const res = await call('sync.signOut', {});
    setBusy(false);
    if (!res.ok) return useUi.getState().toast('error', `Could not sign out: ${messageOf(res.error)}`);
    useSync.setState({ status: res.value, statusError: null });
    useUi.getState().toast('ok', 'Signed out. The data on this device stays.');
  };
  const state = status.error
    ? status.error
    : !status.running
      ? 'Paused'
      : status.online
        ? 'Connected'
        : 'Offline: changes wait on this device';
  return (
    <>
      <dl className="kv" data-testid="sync-session">
        <dt>Server</dt>
        <dd>{status.server ?? '—'}</dd>
        <dt>Signed in as</dt>
        <dd>{status.user ? `${status.user.full_name} (${status.user.email})` : '—'}</dd>
        <dt>Role</dt>
        <dd>{status.user ? humanize(status.user.role) : '—'}</dd>
        <dt>Sync</dt>
        <dd className={status.error ? 'error-text' : undefined}>{state}</dd>
        <dt>Last synced</dt>
        <dd>
          <RelTime at={status.lastSyncedAt} empty="Not yet" />
        </dd>
        <dt>Waiting to sync</dt>
        <dd>{`${status.pending} change${status.pending === 1 ? '' : 's'}`}</dd>
        <dt>Rejected</dt>
        <dd>
          {status.rejected === 0 ? (
            'None'
          ) : (
            <span className="badge error">{status.rejected} rejected by the server: see the sync menu</span>
          )}
        </dd>
      </dl>
      <div className="form-actions">
        <span className="status">
          Signing out keeps everything on this device; changes made later wait until you sign in again.
        </span>
        <button type="button" className="btn" onClick={() => void signOut()} disabled={busy}>
          Sign out
        </button>
      </div>
    </>
  );
}

/** Settings → Sync: sign in to the agency's server, or see the session and sign out. */
export function SyncSettings() {
  const status = useSync((s) => s.status);
  return (
    <section className="card settings-card" aria-label="Sync server" data-testid="sync-settings">
      <h2>Sync server</h2>
      {status?.configured ? (
        <SignedIn status={status} />
      ) : (
        <>
          <p className="muted">
            Fieldline works fully offline. Sign in to your agency’s server to share leads with your team.
          </p>
          {status && status.pending > 0 && (
            <p className="muted small">{`${status.pending} change${status.pending === 1 ? '' : 's'} waiting to sync.`}</p>
          )}
          <SignInForm />
        </>
      )}
    </section>
  );
}
