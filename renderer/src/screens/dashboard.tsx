import { useState } from 'react';
import { useQuery } from '../api/use-query';
import { BookFigures } from '../components/book-dashboard';
import { Columns, HBars } from '../components/charts';
import { EmptyState, ErrorBanner } from '../components/values';
import { count, lastWeeks, money } from '../lib/format';
import { useLookups } from '../stores/lookups';

const shortDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** Every week of the period (empty ones too), so the time axis is even. */
function weekPoints(weeks: number, rows: Array<{ week: string; count: number; premium: number }>) {
  const byWeek = new Map(rows.map((r) => [r.week.slice(0, 10), r]));
  return lastWeeks(weeks).map(({ week, monday }) => {
    // Weeks come as SQLite's %Y-W%W keys; a date-shaped key (the week's Monday) works too.
    const iso = monday.toISOString().slice(0, 10);
    const r = byWeek.get(week) ?? byWeek.get(iso);
    const label = shortDate.format(monday);
    return {
      label,
      value: r?.count ?? 0,
      title: `Week of ${label}: ${r?.count ?? 0} conversions, ${money(r?.premium ?? 0)}`,
    };
  });
}

function Kpi({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId?: string }) {
  return (
    <div className="kpi card" data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className="kpi-value">{value}</div>
      {sub && <div className="muted small">{sub}</div>}
    </div>
  );
}

/** The manager's end of day: the funnel, conversions over time, and who and what is converting. */
export function DashboardScreen() {
  const [weeks, setWeeks] = useState(12);
  const { data, error, reload } = useQuery('dashboard.get', { weeks });
  const { statusById, typeById } = useLookups();
  const statuses = useLookups((s) => s.lookups.statuses);
  const range = (
    <div className="segmented" role="group" aria-label="Period">
      {[4, 12, 26, 52].map((w) => (
        <button key={w} type="button" aria-pressed={weeks === w} onClick={() => setWeeks(w)}>
          {w} weeks
        </button>
      ))}
    </div>
  );
  const head = (
    <div className="screen-head">
      <h1>Dashboard</h1>
      <span className="sub">Last {weeks} weeks</span>
      <span className="spacer" />
      {range}
    </div>
  );
  if (error && !data)
    return (
      <div className="screen">
        {head}
        <ErrorBanner message={`Could not build the dashboard: ${error.message}`} onRetry={reload} />
      </div>
    );
  if (!data) return <div className="screen">{head}</div>;

  const counts = new Map(data.funnel.map((f) => [f.status_id, f.count]));
  // Every open stage in pipeline order (empty ones too), then won; lost stages are in the close rate.
  const funnel = statuses
    .filter((s) => s.category !== 'lost')
    .map((s) => ({ status_id: s.id, count: counts.get(s.id) ?? 0 }));
  const { open, total } = data.live;
  const { won, lost } = data.close;
  const closed = won + lost;

  if (total === 0) {
    return (
      <div className="screen" data-screen="dashboard">
        {head}
        <div className="screen-body dash">
          <BookFigures />
          <EmptyState title="No pipeline yet">
            Create leads and work them; the funnel, conversions and agent numbers appear here.
          </EmptyState>
        </div>
      </div>
    );
  }
  return (
    <div className="screen" data-screen="dashboard">
      {head}
      <div className="screen-body dash">
        <div className="kpis">
          <Kpi
            label="Premium won"
            value={money(data.premium_won)}
            sub={`in the last ${weeks} weeks`}
            testId="kpi-premium"
          />
          <Kpi
            label="Conversions"
            value={count(data.conversions)}
            sub={`in the last ${weeks} weeks`}
            testId="kpi-conversions"
          />
          <Kpi label="Open leads" value={count(open)} sub={`${count(total)} leads in all`} testId="kpi-open" />
          <Kpi
            label="Close rate"
            value={closed ? `${Math.round((won / closed) * 100)}%` : '—'}
            sub={`${count(won)} won · ${count(lost)} lost of leads from ${weeks} weeks`}
            testId="kpi-close-rate"
          />
        </div>
        <BookFigures />
        <div className="dash-grid">
          <section className="card">
            <div className="card-head">
              <h3>Pipeline funnel</h3>
              <span className="muted small">Leads created in the last {weeks} weeks, by status now</span>
            </div>
            <HBars
              testId="funnel"
              bars={funnel.map((f) => ({
                key: f.status_id,
                label: statusById.get(f.status_id)?.name ?? '?',
                value: f.count,
                color: statusById.get(f.status_id)?.color,
              }))}
            />
          </section>
          <section className="card">
            <div className="card-head">
              <h3>Conversions by week</h3>
              <span className="muted small">
                {money(
                  data.conversions_by_week.reduce((s, w) => s + w.premium, 0),
                  { compact: true },
                )}{' '}
                premium
              </span>
            </div>
            {data.conversions_by_week.length === 0 ? (
              <div className="chart-empty">No conversions in the last {weeks} weeks yet.</div>
            ) : (
              <Columns integer points={weekPoints(weeks, data.conversions_by_week)} />
            )}
          </section>
          <section className="card">
            <div className="card-head">
              <h3>By agent</h3>
            </div>
            <table className="mini-table dash-table">
              <thead>
                <tr>
                  <th>Agent</th>
                  <th className="num">Open</th>
                  <th className="num">Converted</th>
                  <th className="num">Premium</th>
                </tr>
              </thead>
              <tbody>
                {data.by_agent.map((a) => (
                  <tr key={a.owner_id}>
                    <td>{a.name}</td>
                    <td className="num">{count(a.open)}</td>
                    <td className="num">{count(a.converted)}</td>
                    <td className="num">{money(a.premium)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card">
            <div className="card-head">
              <h3>By insurance type</h3>
              <span className="muted small">leads · converted</span>
            </div>
            <HBars
              testId="by-type"
              bars={data.by_insurance_type.map((t) => ({
                key: t.insurance_type_id,
                label: typeById.get(t.insurance_type_id)?.name ?? '?',
                value: t.leads,
                color: typeById.get(t.insurance_type_id)?.color,
                extra: `${count(t.converted)} won · ${money(t.premium, { compact: true })}`,
              }))}
            />
          </section>
        </div>
      </div>
    </div>
  );
}
