import { useState } from 'react';
import { useQuery } from '../api/use-query';
import { ScopeSwitch, TaskList } from '../components/work/task-list';
import { ErrorBanner } from '../components/values';

/** "My work" and "Team work": the tasks assigned to the signed-in user, or their team's. */
export function WorkScreen() {
  const [scope, setScope] = useState<'mine' | 'team'>('mine');
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const { data, error, reload } = useQuery('tasks.list', { scope, status });
  const overdue = (data ?? []).filter((t) => t.overdue).length;
  return (
    <div className="screen" data-screen="work">
      <div className="screen-head">
        <h1>{scope === 'mine' ? 'My work' : 'Team work'}</h1>
        <ScopeSwitch scope={scope} onChange={setScope} label="Whose work" />
        <div className="segmented" role="group" aria-label="Task status">
          {(['open', 'done'] as const).map((s) => (
            <button key={s} type="button" aria-pressed={status === s} onClick={() => setStatus(s)}>
              {s === 'open' ? 'Open' : 'Done'}
            </button>
          ))}
        </div>
        <span className="spacer" />
        {data && status === 'open' && (
          <span className="muted">
            {data.length} open{overdue > 0 ? ` · ${overdue} overdue` : ''}
          </span>
        )}
      </div>
      <div className="screen-body">
        {error && <ErrorBanner message={`Could not load tasks: ${error.message}`} onRetry={reload} />}
        {data && (
          <TaskList
            tasks={data}
            showAssignee={scope === 'team'}
            empty={status === 'open' ? 'No open tasks' : 'No finished tasks yet'}
          />
        )}
      </div>
    </div>
  );
}
