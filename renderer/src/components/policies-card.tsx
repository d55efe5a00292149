import type { PolicyListItem } from '../../../shared/api/book';
import { useQuery } from '../api/use-query';
import { humanize, money, paperDate } from '../lib/format';

/** A premium change in percent, flagged when it makes the renewal a retention risk. */
export function PremiumChange({ item }: { item: Pick<PolicyListItem, 'premium_change_pct' | 'retention_risk'> }) {
  if (item.premium_change_pct === null) return <span className="muted">—</span>;
  const pct = item.premium_change_pct;
  return (
    <span
      className={item.retention_risk ? 'pill' : 'muted'}
      style={item.retention_risk ? ({ '--c': '#dc2626' } as React.CSSProperties) : undefined}
      title={item.retention_risk ? 'Priced 10% or more above the last term: a retention risk' : undefined}
      data-testid="premium-change"
    >
      {pct > 0 ? '+' : ''}
      {pct.toFixed(1)}%
    </span>
  );
}

function PolicyRows({ items, testId }: { items: PolicyListItem[]; testId: string }) {
  return (
    <table className="mini-table" data-testid={testId}>
      <thead>
        <tr>
          <th>Policy</th>
          <th>Line</th>
          <th>Carrier</th>
          <th>Status</th>
          <th>Expires</th>
          <th className="num">Premium</th>
          <th className="num">Change</th>
        </tr>
      </thead>
      <tbody>
        {items.map((p) => (
          <tr key={p.id} data-policy-id={p.id}>
            <td>
              <a href={`#/policies/${p.id}`}>{p.policy_number}</a>
            </td>
            <td>{p.line_name}</td>
            <td>{p.carrier_name}</td>
            <td>{humanize(p.status)}</td>
            <td>{paperDate(p.expiration_date)}</td>
            <td className="num">{money(p.written_premium, { cents: true })}</td>
            <td className="num">
              <PremiumChange item={p} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The client page's book: premium in force, every term, and the household's members and policies. */
export function PoliciesCard({ clientId }: { clientId: string }) {
  const { data } = useQuery('clients.book', { id: clientId });
  if (!data) return null;
  const { in_force: f, household } = data;
  return (
    <section className="card" aria-label="Policies">
      <div className="card-head">
        <h3>Policies</h3>
        <span className="muted small" data-testid="in-force">
          {f.policies_in_force} in force · {money(f.premium_in_force, { cents: true })} premium in force
        </span>
      </div>
      {data.policies.length === 0 ? (
        <div className="muted small">No policies yet. Converting a lead with its carrier writes the first one.</div>
      ) : (
        <PolicyRows items={data.policies} testId="client-policies" />
      )}
      {household && (
        <div className="household" data-testid="household">
          <h4>
            {household.household.name}{' '}
            <span className="muted small">
              {household.members.length} member{household.members.length === 1 ? '' : 's'} ·{' '}
              {money(household.premium_in_force, { cents: true })} in force
            </span>
          </h4>
          <ul className="plain-list">
            {household.members.map((m) => (
              <li key={m.client_id} className="row">
                <a href={`#/clients/${m.client_id}`}>{m.name}</a>
                <span className="muted small">
                  {m.policies_in_force} in force · {money(m.premium_in_force, { cents: true })}
                </span>
              </li>
            ))}
          </ul>
          <PolicyRows items={household.policies} testId="household-policies" />
        </div>
      )}
    </section>
  );
}
