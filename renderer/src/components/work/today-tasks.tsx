import { useState } from 'react';
import { useQuery } from '../../api/use-query';
import { ScopeSwitch, TaskList } from './task-list';

function endOfToday(): string {
  const d = new Date();
  d.setHours(23, 59, 59, 999);
  return d.toISOString();
}

/** Today's tasks, in their own section: overdue, due today and the week ahead, mine by default or the team's. */
export function TodayTasks() {
  const [scope, setScope] = useState<'mine' | 'team'>('mine');
  const { data } = useQuery('tasks.today', { scope, until: endOfToday() });
  if (!data) return null;
  const { counts } = data;
  const groups = [
    { key: 'overdue', title: 'Overdue tasks', items: data.overdue, cls: 'error-text' },
    { key: 'today', title: 'Tasks due today', items: data.today, cls: '' },
    { key: 'upcoming', title: 'Upcoming tasks', items: data.upcoming, cls: '' },
  ] as const;
  return (
    <section className="today-group today-tasks" aria-label="Tasks" data-testid="today-tasks">
      <div className="row">
        <h2 className="section-title">
          Tasks · {counts.overdue} overdue · {counts.today} due today · {counts.upcoming} upcoming
        </h2>
        <span className="spacer" />
        <ScopeSwitch scope={scope} onChange={setScope} label="Whose tasks" />
      </div>
      {groups.map(
        (g) =>
          g.items.length > 0 && (
            <div key={g.key}>
              <h3 className={`small ${g.cls}`}>
                {g.title} · {g.items.length}
              </h3>
              <TaskList tasks={g.items} showAssignee={scope === 'team'} />
            </div>
          ),
      )}
    </section>
  );
}
