import type { LeadListItem } from '../../../shared/api/types';
import { StatusPill, Tag, TypeLabel } from '../components/pills';
import type { Column } from '../components/virtual-table';
import { FollowUpDue, RelTime } from '../components/values';
import { money, paperDate } from '../lib/format';

/** Every column the Leads table can show; the column chooser picks and orders them. */
export const LEAD_COLUMNS: Column<LeadListItem>[] = [
  { key: 'name', label: 'Name', width: 190, sort: 'last_name', className: 'name-cell text', render: (r) => r.name },
  { key: 'status', label: 'Status', width: 128, className: 'fit', render: (r) => <StatusPill id={r.status_id} /> },
  { key: 'type', label: 'Insurance', width: 146, render: (r) => <TypeLabel id={r.insurance_type_id} /> },
  { key: 'owner', label: 'Owner', width: 112, className: 'text', render: (r) => r.owner_name ?? '—' },
  {
    key: 'premium',
    label: 'Premium',
    width: 104,
    align: 'right',
    sort: 'quoted_premium',
    className: 'num',
    render: (r) => money(r.quoted_premium),
  },
  {
    key: 'priority',
    label: 'Priority',
    width: 70,
    align: 'right',
    sort: 'priority',
    className: 'fit',
    render: (r) => <span className={`prio p${r.priority}`}>P{r.priority}</span>,
  },
  {
    key: 'next_follow_up_at',
    label: 'Next follow-up',
    width: 170,
    sort: 'next_follow_up_at',
    className: 'fit',
    render: (r) => <FollowUpDue at={r.next_follow_up_at} />,
  },
  {
    key: 'last_contacted_at',
    label: 'Last contact',
    width: 104,
    className: 'fit',
    render: (r) => <RelTime at={r.last_contacted_at} empty="Never" />,
  },
  {
    key: 'updated_at',
    label: 'Updated',
    width: 96,
    sort: 'updated_at',
    className: 'fit',
    render: (r) => <RelTime at={r.updated_at} />,
  },
  {
    key: 'status_changed_at',
    label: 'In status since',
    width: 120,
    sort: 'status_changed_at',
    className: 'fit',
    render: (r) => <RelTime at={r.status_changed_at} />,
  },
  {
    key: 'created_at',
    label: 'Created',
    width: 110,
    sort: 'created_at',
    className: 'fit',
    render: (r) => <RelTime at={r.created_at} />,
  },
  { key: 'email', label: 'Email', width: 200, className: 'text', render: (r) => r.email ?? '—' },
  { key: 'phone', label: 'Phone', width: 130, className: 'text', render: (r) => r.phone ?? '—' },
  {
    key: 'tags',
    label: 'Tags',
    width: 180,
    render: (r) => (
      <span className="row">
        {r.tags.slice(0, 3).map((t) => (
          <Tag key={t} text={t} />
        ))}
      </span>
    ),
  },
  {
    key: 'current_carrier',
    label: 'Current carrier',
    width: 150,
    className: 'text',
    render: (r) => r.current_carrier ?? '—',
  },
  {
    key: 'current_premium',
    label: 'Current premium',
    width: 130,
    align: 'right',
    className: 'num',
    render: (r) => money(r.current_premium),
  },
  {
    key: 'xdate',
    label: 'X-date',
    width: 110,
    sort: 'policy_expiration_date',
    className: 'fit',
    render: (r) => paperDate(r.policy_expiration_date),
  },
  {
    key: 'kind',
    label: 'Kind',
    width: 90,
    className: 'fit',
    render: (r) => <span className="muted">{r.lead_type === 'business' ? 'Business' : 'Individual'}</span>,
  },
];

export const columnByKey = new Map(LEAD_COLUMNS.map((c) => [c.key, c]));
