import { useId } from 'react';
import type { BookSlice } from '../../../shared/api/book-work';
import { useQuery } from '../api/use-query';
import { count, money } from '../lib/format';

const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

function SliceTable({
  caption,
  who,
  rows,
  testId,
}: {
  caption: string;
  who: string;
  rows: BookSlice[];
  testId: string;
}) {
  const id = useId();
  return (
    <section className="card dash-book-table" aria-labelledby={id}>
      <div className="card-head">
        <h3 id={id}>{caption}</h3>
      </div>
      <table className="mini-table dash-table" data-testid={testId} aria-labelledby={id}>
        <thead>
          <tr>
            <th scope="col">{who}</th>
            <th scope="col" className="num">
              Policies in force
            </th>
            <th scope="col" className="num">
              Premium in force
            </th>
            <th scope="col" className="num">
              New business
            </th>
            <th scope="col" className="num">
              Renewal premium
            </th>
            <th scope="col" className="num">
              Retention
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.name}</th>
              <td className="num">{count(r.policies_in_force)}</td>
              <td className="num">{money(r.premium_in_force)}</td>
              <td className="num">{money(r.new_business_premium)}</td>
              <td className="num">{money(r.renewal_premium)}</td>
              <td className="num" title={`${r.renewed} renewed of ${r.renewed + r.lost} up for renewal`}>
                {pct(r.retention_rate)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * The book of business on the dashboard: premium in force, retention over the last 12 months
 * (renewed ÷ terms that came up for renewal), new business against renewal premium, and the same
 * by carrier and by producer.
 */
export function BookFigures() {
  const { data } = useQuery('dashboard.book', { months: 12 });
  if (!data) return null;
  const t = data.totals;
  if (t.policies_in_force === 0 && t.renewed + t.lost === 0 && t.new_business_premium + t.renewal_premium === 0)
    return null;
  return (
    <section className="dash-book" aria-label="Book of business">
      <div className="kpis">
        <div className="kpi card" data-testid="kpi-premium-in-force">
          <div className="stat-label">Premium in force</div>
          <div className="kpi-value">{money(t.premium_in_force)}</div>
          <div className="muted small">
            {count(t.policies_in_force)} active {t.policies_in_force === 1 ? 'policy' : 'policies'}
          </div>
        </div>
        <div className="kpi card" data-testid="kpi-retention">
          <div className="stat-label">Retention, 12 months</div>
          <div className="kpi-value">{pct(t.retention_rate)}</div>
          <div className="muted small">
            {count(t.renewed)} renewed of {count(t.renewed + t.lost)} that expired
          </div>
        </div>
        <div className="kpi card" data-testid="kpi-new-business">
          <div className="stat-label">New business, 12 months</div>
          <div className="kpi-value">{money(t.new_business_premium)}</div>
          <div className="muted small">{money(t.renewal_premium)} renewal premium</div>
        </div>
      </div>
      <div className="dash-book-tables">
        <SliceTable caption="Book by carrier" who="Carrier" rows={data.by_carrier} testId="book-by-carrier" />
        <SliceTable caption="Book by producer" who="Producer" rows={data.by_producer} testId="book-by-producer" />
      </div>
    </section>
  );
}
