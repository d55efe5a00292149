import { PolicyScoreCard } from '../components/policy-score-card';
import { useMemo } from 'react';
import type { PolicyListItem, PolicySort } from '../../../shared/api/book';
import { ColumnChooser } from '../components/column-chooser';
import { SavedViews } from '../components/saved-views';
import { useQuery } from '../api/use-query';
import { ExportMenu, ImportButton } from '../components/export-menu';
import { ListScreen } from '../components/list-screen';
import { UserName } from '../components/pills';
import { PremiumChange } from '../components/policies-card';
import { RetentionCard } from '../components/retention-card';
import { AskBox } from '../components/semantic-panels';
import { EmptyState, ErrorBanner } from '../components/values';
import type { Column } from '../components/virtual-table';
import { humanize, money, paperDate } from '../lib/format';
import { useDebounced, useList } from '../lib/use-list';
import { POLICY_DEFAULT_COLUMNS, usePoliciesView } from '../stores/policies-view';
import { navigate } from '../stores/router';
import { RecordHistory, RecordTasks } from '../components/work/record-work';

/** Every column the Policies table can show; `sort` is the server sort its header asks for. */
const COLUMNS: Column<PolicyListItem>[] = [
  {
    key: 'number',
    label: 'Policy',
    width: 160,
    sort: 'policy_number',
    render: (r) => <span className="name-cell">{r.policy_number}</span>,
  },
  { key: 'client', label: 'Client', width: 200, sort: 'client', render: (r) => <span>{r.client_name}</span> },
  { key: 'line', label: 'Line', width: 150, sort: 'line', render: (r) => <span>{r.line_name}</span> },
  { key: 'carrier', label: 'Carrier', width: 150, sort: 'carrier', render: (r) => <span>{r.carrier_name}</span> },
  { key: 'status', label: 'Status', width: 110, sort: 'status', render: (r) => <span>{humanize(r.status)}</span> },
  {
    key: 'effective',
    label: 'Effective',
    width: 120,
    sort: 'effective_date',
    render: (r) => <span>{paperDate(r.effective_date)}</span>,
  },
  {
    key: 'expires',
    label: 'Expires',
    width: 120,
    sort: 'expiration_date',
    render: (r) => <span>{paperDate(r.expiration_date)}</span>,
  },
  {
    key: 'premium',
    label: 'Premium',
    width: 120,
    sort: 'written_premium',
    render: (r) => <span className="num">{money(r.written_premium, { cents: true })}</span>,
  },
  { key: 'change', label: 'Change', width: 90, render: (r) => <PremiumChange item={r} /> },
  { key: 'owner', label: 'Owner', width: 150, render: (r) => <UserName id={r.owner_id} /> },
];

const columnByKey = new Map(COLUMNS.map((c) => [c.key, c]));

/**
 * Every policy term, newest expiration first unless a header says otherwise; the filter takes a
 * policy number, a VIN or a client's name. Filter, sort and columns can be saved as a view.
 */
export function PoliciesScreen() {
  const { filters, sort, dir, columns, setFilters, sortBy } = usePoliciesView();
  const text = filters.text;
  const q = useDebounced(text);
  const list = useList('policies.list', { ...(q ? { text: q } : {}), sort, dir });
  const shown = useMemo(() => columns.map((k) => columnByKey.get(k)).filter((c) => !!c), [columns]);
  return (
    <ListScreen
      name="policies"
      title="Policies"
      one="policy"
      sub="Every term of the book, renewals chained to the term they renew"
      {...list}
      rows={list.items}
      columns={shown}
      onOpen={(r) => navigate({ name: 'policy', id: r.id })}
      onEnd={list.loadMore}
      filter={text}
      onFilter={(t) => setFilters({ text: t })}
      sort={{ key: sort, dir }}
      onSort={(k) => sortBy(k as PolicySort)}
      actions={
        <>
          <SavedViews store={usePoliciesView} />
          <ColumnChooser store={usePoliciesView} all={COLUMNS} defaults={POLICY_DEFAULT_COLUMNS} fixed="number" />
        </>
      }
      tools={
        <>
          <span className="spacer" />
          <ImportButton kind="policies" />
          <ExportMenu kind="policies" />
        </>
      }
      empty={{ title: 'No policies yet', body: 'Converting a lead with its carrier writes the first policy.' }}
    />
  );
}

/** A policy: its chain of terms oldest first, commission, and the coverage on file. */
export function PolicyScreen({ id }: { id: string }) {
  const { data, error, reload } = useQuery('policies.get', { id });
  if (error && !data) {
    if (error.code === 'not_found')
      return <EmptyState title="This policy does not exist">It may have been removed.</EmptyState>;
    return <ErrorBanner message={`Could not load this policy: ${error.message}`} onRetry={reload} />;
  }
  if (!data) return null;
  const { policy, item, terms } = data;
  const coverage = policy.auto_data ?? policy.home_data ?? policy.specialty_data ?? policy.commercial_data;
  return (
    <div className="screen record" data-screen="policy" data-policy-id={policy.id}>
      <div className="crumbs">
        <a href="#/policies">Policies</a> / <span>{policy.policy_number}</span>
      </div>
      <div className="record-head">
        <div className="record-title">
          <h1 data-testid="record-name">{policy.policy_number}</h1>
          <div className="record-meta">
            <span>{humanize(policy.status)}</span>
            <span className="muted">
              {item.line_name} · {item.carrier_name}
            </span>
            <a href={`#/clients/${policy.client_id}`}>{item.client_name}</a>
          </div>
        </div>
        <div className="record-stats">
          <div className="stat">
            <span className="stat-label">Premium</span>
            <span>{money(policy.written_premium, { cents: true })}</span>
          </div>
          <div className="stat">
            <span className="stat-label">Commission</span>
            <span>
              {policy.commission_amount === null
                ? '—'
                : `${money(policy.commission_amount, { cents: true })} (${policy.commission_rate}%)`}
            </span>
          </div>
        </div>
      </div>
      <RetentionCard policy={policy} />
      <AskBox subject={{ policy_id: policy.id }} />
      <RecordTasks subject={{ policy_id: policy.id }} />
      <RecordHistory subject={{ policy_id: policy.id }} />
      <PolicyScoreCard policyId={policy.id} />
      <section className="card" aria-label="Terms">
        <div className="card-head">
          <h3>Terms</h3>
          <span className="muted small">oldest first</span>
        </div>
        <table className="mini-table" data-testid="terms">
          <tbody>
            {terms.map((t) => (
              <tr key={t.id} aria-current={t.id === policy.id ? 'true' : undefined}>
                <td>
                  {paperDate(t.effective_date)} – {paperDate(t.expiration_date)}
                </td>
                <td>{humanize(t.status)}</td>
                <td>{t.carrier_name}</td>
                <td className="num">{money(t.written_premium, { cents: true })}</td>
                <td className="num">
                  <PremiumChange item={t} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {policy.cancellation_date && (
          <p className="muted small">
            Cancelled {paperDate(policy.cancellation_date)}: {policy.cancellation_reason}
          </p>
        )}
        {policy.non_renewal_reason && <p className="muted small">Not renewed: {policy.non_renewal_reason}</p>}
      </section>
      <section className="card" aria-label="Coverage">
        <div className="card-head">
          <h3>Coverage</h3>
        </div>
        {coverage ? (
          <pre className="small">{JSON.stringify(coverage, null, 2)}</pre>
        ) : (
          <div className="muted small">No coverage details on file.</div>
        )}
      </section>
    </div>
  );
}
