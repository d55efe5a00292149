import { useState } from 'react';
import type { DemoStatus } from '../../../shared/api/types';
import { call } from '../api/client';
import { messageOf } from '../api/mutate';
import { useQuery } from '../api/use-query';
import { useUi } from '../stores/ui';

/** Loads or clears the demo agency; the change feed then has every screen re-read. */
function useDemoAction(command: 'demo.load' | 'demo.clear', done: string) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    const res = await call(command, {});
    setBusy(false);
    if (!res.ok) return useUi.getState().toast('error', messageOf(res.error));
    useUi.getState().toast('ok', done);
  };
  return { busy, run };
}

/** The first-run button: on the empty Today screen. Hidden when this replica cannot take the demo. */
export function LoadDemoButton() {
  const { data } = useQuery('demo.status', {});
  const { busy, run } = useDemoAction('demo.load', 'Demo agency loaded: you are one of its agents');
  if (!data?.can_load) return null;
  return (
    <button type="button" className="btn primary" onClick={() => void run()} disabled={busy} aria-busy={busy}>
      {busy ? 'Loading the demo agency…' : 'Load a demo agency'}
    </button>
  );
}

function demoText(status: DemoStatus): string {
  if (status.loaded)
    return `This replica holds the demo agency (${status.leads ?? 0} leads), which never syncs. Clear it before you sign in to your agency's server.`;
  if (status.can_load)
    return 'Try Fieldline on a small made-up agency: leads, clients, follow-ups and a history to look through. It stays on this device and is cleared in one click.';
  return `The demo agency loads only into an empty replica: ${status.reason ?? 'this one is in use'}.`;
}

/** Settings: load or clear the demo agency. */
export function DemoAgencySettings() {
  const { data } = useQuery('demo.status', {});
  const load = useDemoAction('demo.load', 'Demo agency loaded: you are one of its agents');
  const clear = useDemoAction('demo.clear', 'Demo agency cleared');
  if (!data) return null;
  const busy = load.busy || clear.busy;
  return (
    <section className="card settings-card" aria-labelledby="demo-agency-title">
      <h2 id="demo-agency-title">Demo agency</h2>
      <p>{demoText(data)}</p>
      {data.loaded ? (
        <button type="button" className="btn" onClick={() => void clear.run()} disabled={busy} aria-busy={busy}>
          {clear.busy ? 'Clearing…' : 'Clear the demo agency'}
        </button>
      ) : (
        data.can_load && (
          <button type="button" className="btn" onClick={() => void load.run()} disabled={busy} aria-busy={busy}>
            {load.busy ? 'Loading the demo agency…' : 'Load a demo agency'}
          </button>
        )
      )}
    </section>
  );
}
