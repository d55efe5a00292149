import type { TaskItem } from '../../../../shared/api/work';
import { messageOf, mutate } from '../../api/mutate';
import { humanize } from '../../lib/format';
import { useLookups } from '../../stores/lookups';
import { useUi } from '../../stores/ui';
import { EmptyState, RelTime } from '../values';

const PRIORITY_COLOR: Record<string, string> = {
  low: '#64748b',
  normal: '#2563eb',
  high: '#d97706',
  urgent: '#dc2626',
};

export function subjectHref(t: TaskItem): string {
  if (t.subject.kind === 'lead') return `#/leads/${t.subject.id}`;
  if (t.subject.kind === 'client') return `#/clients/${t.subject.id}`;
  if (t.subject.kind === 'policy') return `#/policies/${t.subject.id}`;
  return '#/tickets';
}

function TaskRow({ task, showAssignee }: { task: TaskItem; showAssignee: boolean }) {
  const assignee = useLookups((s) => s.lookups.users.find((u) => u.id === task.assigned_to)?.full_name);
  const toast = useUi((s) => s.toast);
  const done = task.status === 'done';
  async function toggle() {
    const res = done ? await mutate('reopenTask', { id: task.id }) : await mutate('completeTask', { id: task.id });
    if (!res.ok) toast('error', messageOf(res.error));
  }
  return (
    <li className="task-row" data-task-id={task.id}>
      <div className="task-main">
        <span className="task-title">{task.title}</span>
        <span className="muted small">
          {task.subject_name ? <a href={subjectHref(task)}>{task.subject_name}</a> : humanize(task.subject.kind)}
          {showAssignee && <> · for {assignee ?? 'a former user'}</>}
        </span>
        {task.notes && <span className="muted small">{task.notes}</span>}
      </div>
      <span className="pill" style={{ '--c': PRIORITY_COLOR[task.priority] } as React.CSSProperties}>
        {humanize(task.priority)}
      </span>
      <span className={`small task-due${task.overdue ? ' error-text' : ' muted'}`}>
        {done ? (
          <>
            Done <RelTime at={task.completed_at} />
          </>
        ) : (
          <>
            Due <RelTime at={task.due_at} />
          </>
        )}
      </span>
      <button
        type="button"
        className="btn small"
        onClick={() => void toggle()}
        aria-label={`${done ? 'Reopen' : 'Done'}: ${task.title}`}
      >
        {done ? 'Reopen' : 'Done'}
      </button>
    </li>
  );
}

/** Tasks, one a row: what, on which record, for whom, priority, when due, and the button that completes it. */
export function TaskList({
  tasks,
  showAssignee = false,
  empty,
}: {
  tasks: TaskItem[];
  showAssignee?: boolean;
  empty?: string;
}) {
  if (tasks.length === 0) return empty ? <EmptyState title={empty} /> : null;
  return (
    <ul className="task-list">
      {tasks.map((t) => (
        <TaskRow key={t.id} task={t} showAssignee={showAssignee} />
      ))}
    </ul>
  );
}

/** The two scopes every task view switches between. */
export function ScopeSwitch({
  scope,
  onChange,
  label,
}: {
  scope: 'mine' | 'team';
  onChange(s: 'mine' | 'team'): void;
  label: string;
}) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {(['mine', 'team'] as const).map((s) => (
        <button key={s} type="button" aria-pressed={scope === s} onClick={() => onChange(s)}>
          {s === 'mine' ? 'My work' : 'Team work'}
        </button>
      ))}
    </div>
  );
}
