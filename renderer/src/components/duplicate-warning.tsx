import { useEffect, useState } from 'react';
import type { CommandOutput } from '../../../shared/api/contract';
import { call } from '../api/client';

type Draft = {
  first_name?: string | null;
  last_name?: string | null;
  business_name?: string | null;
  email?: string | null;
  phone?: string | null;
  date_of_birth?: string | null;
};

/**
 * "Possible duplicate" before saving: asks the replica, a moment after typing stops, for live
 * records like the draft, and names them with the reasons, so the agent can open the existing
 * record instead of making a second one. It never blocks saving.
 */
export function DuplicateWarning({ kind, draft }: { kind: 'leads' | 'clients'; draft: Draft }) {
  const [found, setFound] = useState<CommandOutput<'duplicates.check'>>([]);
  const key = JSON.stringify(draft);
  useEffect(() => {
    const d = JSON.parse(key) as Draft;
    if (!d.email && !d.phone && !d.last_name && !d.business_name) {
      setFound([]);
      return;
    }
    let live = true;
    const timer = setTimeout(async () => {
      const res = await call('duplicates.check', { kind, ...d });
      if (live) setFound(res.ok ? res.value : []);
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [kind, key]);
  if (found.length === 0) return null;
  const path = kind === 'leads' ? '#/leads/' : '#/clients/';
  return (
    <div className="banner warning wide" role="status" data-testid="duplicate-warning">
      <span>Possible duplicate:</span>
      {found.map((f) => (
        <span key={f.id}>
          <a href={`${path}${f.id}`}>{f.name || 'unnamed'}</a>{' '}
          <span className="muted small">({f.reasons.join(', ')})</span>
        </span>
      ))}
    </div>
  );
}
