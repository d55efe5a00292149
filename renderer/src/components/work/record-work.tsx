import { useState } from 'react';
import { useQuery } from '../../api/use-query';
import { humanize } from '../../lib/format';
import { useLookups } from '../../stores/lookups';
import { RelTime } from '../values';
import { TaskDialog } from './task-dialog';
import { TaskList } from './task-list';

/** A record with tasks and field history: a lead, a client or a policy term. */
type Subject = { lead_id: string } | { client_id: string } | { policy_id: string };

/** A record's open tasks, whoever they are for, and the button that adds one. */
export function RecordTasks({ subject, readOnly }: { subject: Subject; readOnly?: boolean }) {
  const [adding, setAdding] = useState(false);
  const { data } = useQuery('tasks.list', { scope: 'team', status: 'open', ...subject });
  return (
    <section className="card" aria-label="Tasks">
      <div className="card-head">
        <h3>Tasks</h3>
        <span className="spacer" />
        {!readOnly && (
          <button type="button" className="btn small" onClick={() => setAdding(true)}>
            Add task
          </button>
        )}
      </div>
      {data && data.length === 0 && <p className="muted small">No open tasks.</p>}
      {data && <TaskList tasks={data} showAssignee />}
      {adding && <TaskDialog subject={subject} onClose={() => setAdding(false)} />}
    </section>
  );
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A value as a person reads it: ids of statuses, insurance types and users by their names. */
function useShow() {
  const { statusById, typeById, lookups } = useLookups();
  return (field: string, v: unknown): string => {
    if (typeof v === 'string') {
      if (field === 'status_id') return statusById.get(v)?.name ?? v;
      if (field === 'insurance_type_id') return typeById.get(v)?.name ?? v;
      if (field === 'owner_id') return lookups.users.find((u) => u.id === v)?.full_name ?? v;
    }
    return show(v);
  };
}

/** Field-level history: each edit's fields with their old and new values, who made it and when. */
export function RecordHistory({ subject }: { subject: Subject }) {
  const { data } = useQuery('history.list', subject);
  const users = useLookups((s) => s.lookups.users);
  const value = useShow();
  const nameOf = (id: string | null) =>
    id ? (users.find((u) => u.id === id)?.full_name ?? 'a former user') : 'unknown';
  return (
    <section className="card" aria-label="Field history">
      <div className="card-head">
        <h3>Field history</h3>
      </div>
      {data && data.length === 0 && <p className="muted small">No edits yet.</p>}
      <ol className="history-list">
        {(data ?? []).flatMap((entry) =>
          entry.changes.map((c) => (
            <li key={`${entry.id}:${c.field}`} className="history-item">
              <span className="history-field">{humanize(c.field)}</span>{' '}
              <span className="muted">{value(c.field, c.from)}</span> → <span>{value(c.field, c.to)}</span>
              <span className="muted small">
                {' '}
                by {nameOf(entry.actor_id)}, <RelTime at={entry.changed_at} />
              </span>
            </li>
          )),
        )}
      </ol>
    </section>
  );
}
