import type { PolicyListItem, XDateItem } from '../../../../shared/api/book';
import { atRisk } from '../../../../shared/book/today-priority';
import { useQuery } from '../../api/use-query';
import { paperDate } from '../../lib/format';
import { hrefOf } from '../../stores/router';
import { Money } from '../values';

function RenewalRow({ p }: { p: PolicyListItem }) {
  const risky = atRisk(p);
  const why = [
    p.premium_change_pct != null && p.premium_change_pct >= 10 ? `premium +${p.premium_change_pct.toFixed(1)}%` : null,
    ...(p.retention?.reasons.slice(0, 2) ?? []),
  ].filter((r): r is string => !!r);
  return (
    <li className={`today-row${risky ? ' overdue' : ''}`} data-policy-id={p.id}>
      <a className="today-main" href={hrefOf({ name: 'policy', id: p.id })}>
        <div className="row">
          <strong className="today-name">{p.client_name}</strong>
          <span className="muted small">
            {p.line_name} · {p.carrier_name} · {p.policy_number}
          </span>
          {risky && <span className="reason error-text">At risk</span>}
        </div>
        <div className="muted small today-why">
          {why.map((r) => (
            <span key={r} className="reason">
              {r}
            </span>
          ))}
        </div>
      </a>
      <div className="today-due">
        <span>Expires {paperDate(p.expiration_date)}</span>
        <Money value={p.written_premium} />
      </div>
    </li>
  );
}

function XDateRow({ x }: { x: XDateItem }) {
  return (
    <li className="today-row" data-lead-id={x.lead_id}>
      <a className="today-main" href={hrefOf({ name: 'lead', id: x.lead_id })}>
        <div className="row">
          <strong className="today-name">{x.name}</strong>
          <span className="muted small">
            {x.status_name}
            {x.current_carrier ? ` · with ${x.current_carrier}` : ''}
          </span>
        </div>
        {x.follow_up_note && <div className="muted small today-why">{x.follow_up_note}</div>}
      </a>
      <div className="today-due">
        <span>X-date {paperDate(x.policy_expiration_date)}</span>
        <Money value={x.current_premium} />
      </div>
    </li>
  );
}

/**
 * Today's Renewals and X-dates: the first page of each work list, the most pressing first, with
 * how many there are in all and a link to the full list. Whose: the same switch as the follow-ups.
 */
export function TodayBook({ scope }: { scope: 'mine' | 'team' }) {
  const { data } = useQuery('today.book', { scope, limit: 10 });
  if (!data) return null;
  const { renewals, xdates } = data;
  return (
    <>
      <section className="today-group" aria-labelledby="today-renewals" data-testid="today-renewals">
        <div className="row">
          <h2 className="section-title" id="today-renewals">
            Renewals · {renewals.count.toLocaleString()} in the next {renewals.days} days
          </h2>
          <span className="spacer" />
          <a className="btn small" href={hrefOf({ name: 'renewals' })}>
            All renewals
          </a>
        </div>
        {renewals.items.length === 0 ? (
          <p className="muted small">No policy of {scope === 'mine' ? 'yours' : 'the team'} expires soon.</p>
        ) : (
          <ul className="today-list">
            {renewals.items.map((p) => (
              <RenewalRow key={p.id} p={p} />
            ))}
          </ul>
        )}
      </section>
      <section className="today-group" aria-labelledby="today-xdates" data-testid="today-xdates">
        <div className="row">
          <h2 className="section-title" id="today-xdates">
            X-dates · {xdates.count.toLocaleString()} in the next {xdates.days} days
          </h2>
          <span className="spacer" />
          <a className="btn small" href={hrefOf({ name: 'xdates' })}>
            All X-dates
          </a>
        </div>
        {xdates.items.length === 0 ? (
          <p className="muted small">No prospect’s policy comes up for re-quote soon.</p>
        ) : (
          <ul className="today-list">
            {xdates.items.map((x) => (
              <XDateRow key={x.lead_id} x={x} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
