import { useMemo, useState } from 'react';
import type { TodayItem } from '../../../shared/api/types';
import { messageOf, mutate } from '../api/mutate';
import { TodayTasks } from '../components/work/today-tasks';
import { TodayBook } from '../components/work/today-book';
import { useQuery } from '../api/use-query';
import { LoadDemoButton } from '../components/demo-agency';
import { LogForm } from '../components/composer';
import { Dropdown } from '../components/dropdown';
import { Icon } from '../components/icon';
import { Modal } from '../components/modal';
import { StatusPill, TypeLabel } from '../components/pills';
import { EmptyState, ErrorBanner, Money, RelTime } from '../components/values';
import { navigate } from '../stores/router';
import { useUi } from '../stores/ui';

function snoozeTimes(now = new Date()): Array<{ label: string; at: Date }> {
  const at = (days: number, hour: number) => {
    const d = new Date(now);
    d.setDate(d.getDate() + days);
    d.setHours(hour, 0, 0, 0);
    return d;
  };
  const monday = (8 - now.getDay()) % 7 || 7;
  return [
    { label: 'In 1 hour', at: new Date(now.getTime() + 3_600_000) },
    { label: 'In 3 hours', at: new Date(now.getTime() + 3 * 3_600_000) },
    { label: 'Tomorrow 9:00', at: at(1, 9) },
    { label: 'Next Monday 9:00', at: at(monday, 9) },
    { label: 'In 2 weeks', at: at(14, 9) },
  ];
}

function Row({ item, onLog }: { item: TodayItem; onLog(item: TodayItem): void }) {
  const snooze = async (at: Date, label: string) => {
    const res = await mutate('scheduleFollowUp', {
      lead_id: item.lead_id,
      at: at.toISOString(),
      ...(item.note ? { note: item.note } : {}),
    });
    if (!res.ok) useUi.getState().toast('error', messageOf(res.error));
    else
      useUi.getState().toast('ok', `${item.name} snoozed: ${label.toLowerCase()}`, {
        label: 'Undo',
        run: () => void mutate('scheduleFollowUp', { lead_id: item.lead_id, at: item.due_at }),
      });
  };
  return (
    <li className={`today-row${item.overdue ? ' overdue' : ''}`} data-lead-id={item.lead_id}>
      <div
        className="today-main"
        onClick={() => navigate({ name: 'lead', id: item.lead_id })}
        role="link"
        tabIndex={0}
        onKeyDown={(e) => e.key === 'Enter' && navigate({ name: 'lead', id: item.lead_id })}
      >
        <div className="row">
          <strong className="today-name">{item.name}</strong>
          <StatusPill id={item.status_id} />
          <TypeLabel id={item.insurance_type_id} />
        </div>
        <div className="muted small today-why">
          <span className="today-owner" data-testid="today-owner">
            <Icon name="clients" size={11} /> {item.owner_name ?? 'Unassigned'}
          </span>
          {item.note ? <span className="today-note">{item.note}</span> : null}
          {item.reasons.slice(0, 3).map((r) => (
            <span key={r} className="reason">
              {r}
            </span>
          ))}
        </div>
      </div>
      <div className="today-due">
        <span className={item.overdue ? 'error-text' : undefined}>
          <RelTime at={item.due_at} />
        </span>
        <Money value={item.quoted_premium} />
      </div>
      <div className="today-actions">
        {item.phone ? (
          <a className="btn small" href={`tel:${item.phone}`} title={`Call ${item.phone}`}>
            <Icon name="phone" size={12} /> Call
          </a>
        ) : (
          <span className="btn small" aria-disabled="true" title="No phone number">
            <Icon name="phone-off" size={12} /> No phone
          </span>
        )}
        <button type="button" className="btn small" onClick={() => onLog(item)}>
          <Icon name="note" size={12} /> Log
        </button>
        <Dropdown
          small
          align="right"
          label={
            <>
              <Icon name="clock" size={12} /> Snooze
            </>
          }
        >
          {(close) => (
            <div className="menu-list">
              {snoozeTimes().map((s) => (
                <button
                  key={s.label}
                  type="button"
                  className="menu-item"
                  onClick={() => {
                    close();
                    void snooze(s.at, s.label);
                  }}
                >
                  {s.label}
                </button>
              ))}
            </div>
          )}
        </Dropdown>
      </div>
    </li>
  );
}

function endOfToday(): string {
  const d = new Date();
  d.setHours(23, 59, 59, 999);
  return d.toISOString();
}

function plural(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/**
 * Follow-ups due today and overdue, most important first; call, log or snooze in one click.
 * The signed-in user's own by default; the team switch shows everyone's, each row naming its owner.
 */
export function TodayScreen() {
  const [scope, setScope] = useState<'mine' | 'team'>('mine');
  // "Today" ends at this device's midnight (the replica's host may keep another time zone).
  const until = endOfToday();
  const { data, error, reload } = useQuery('today.list', { limit: 200, scope, until });
  const [logging, setLogging] = useState<TodayItem | null>(null);
  const [overdue, dueToday] = useMemo(() => {
    const items = [...(data?.items ?? [])].sort((a, b) => b.score - a.score);
    return [items.filter((i) => i.overdue), items.filter((i) => !i.overdue)];
  }, [data]);
  const counts = data?.counts;
  const now = new Date();
  const shownOf = (shown: number, total: number) => (shown < total ? ` (${shown} shown)` : '');
  return (
    <div className="screen" data-screen="today">
      <div className="screen-head">
        <h1>Today</h1>
        <span className="sub">
          {now.toLocaleDateString(undefined, { weekday: 'long', month: 'long', day: 'numeric' })}
        </span>
        <span className="spacer" />
        {counts && (
          <span className="muted" data-testid="today-counts">
            {`${counts.overdue.toLocaleString()} overdue · ${counts.due_today.toLocaleString()} due today · ${counts.upcoming.toLocaleString()} upcoming`}
          </span>
        )}
        <div className="segmented" role="group" aria-label="Whose follow-ups">
          <button type="button" aria-pressed={scope === 'mine'} onClick={() => setScope('mine')}>
            Mine
          </button>
          <button type="button" aria-pressed={scope === 'team'} onClick={() => setScope('team')}>
            Team
          </button>
        </div>
      </div>
      <div className="screen-body">
        <TodayTasks />
        {error && <ErrorBanner message={`Could not load today’s follow-ups: ${error.message}`} onRetry={reload} />}
        {data && data.items.length === 0 && (
          <EmptyState
            title={scope === 'mine' ? 'Nothing of yours due today' : 'Nothing due today'}
            action={
              <>
                <LoadDemoButton />
                <button type="button" className="btn" onClick={() => navigate({ name: 'leads', view: 'table' })}>
                  Open leads
                </button>
              </>
            }
          >
            Schedule follow-ups when you log a call, and they will line up here by priority.
          </EmptyState>
        )}
        {overdue.length > 0 && (
          <section className="today-group">
            <h2 className="section-title error-text">
              Overdue · {plural(counts?.overdue ?? overdue.length, 'follow-up')}
              {shownOf(overdue.length, counts?.overdue ?? 0)}
            </h2>
            <ul className="today-list">
              {overdue.map((i) => (
                <Row key={i.lead_id} item={i} onLog={setLogging} />
              ))}
            </ul>
          </section>
        )}
        {dueToday.length > 0 && (
          <section className="today-group">
            <h2 className="section-title">
              Due today · {plural(counts?.due_today ?? dueToday.length, 'follow-up')}
              {shownOf(dueToday.length, counts?.due_today ?? 0)}
            </h2>
            <ul className="today-list">
              {dueToday.map((i) => (
                <Row key={i.lead_id} item={i} onLog={setLogging} />
              ))}
            </ul>
          </section>
        )}
        <TodayBook scope={scope} />
      </div>
      {logging && (
        <Modal title={`Log activity: ${logging.name}`} onClose={() => setLogging(null)} width={640}>
          <LogForm subject={{ lead_id: logging.lead_id }} onDone={() => setLogging(null)} />
        </Modal>
      )}
    </div>
  );
}
