import { useState } from 'react';
import type { Row } from '../../../shared/model/catalogue';
import { TICKET_STATUSES } from '../../../shared/model/tables/service';
import { ExportMenu } from '../components/export-menu';
import { ListScreen } from '../components/list-screen';
import { TicketDialog } from '../components/ticket-dialog';
import { UserName } from '../components/pills';
import { RelTime } from '../components/values';
import type { Column } from '../components/virtual-table';
import { humanize } from '../lib/format';
import { useDebounced, useList } from '../lib/use-list';

type Ticket = Row<'support_tickets'>;
const PRIORITY_COLOR: Record<string, string> = {
  urgent: '#dc2626',
  high: '#ea580c',
  normal: '#64748b',
  low: '#94a3b8',
};
const STATUS_COLOR: Record<string, string> = {
  open: '#2563eb',
  pending: '#d97706',
  resolved: '#16a34a',
  closed: '#6b7280',
};
const pill = (text: string, color: string) => (
  <span className="pill" style={{ '--c': color } as React.CSSProperties}>
    {humanize(text)}
  </span>
);

const COLUMNS: Column<Ticket>[] = [
  { key: 'subject', label: 'Subject', width: 300, render: (r) => <span className="name-cell">{r.subject}</span> },
  { key: 'status', label: 'Status', width: 100, render: (r) => pill(r.status, STATUS_COLOR[r.status] ?? '#64748b') },
  {
    key: 'priority',
    label: 'Priority',
    width: 90,
    render: (r) => pill(r.priority, PRIORITY_COLOR[r.priority] ?? '#64748b'),
  },
  { key: 'type', label: 'Issue', width: 130, render: (r) => <span>{humanize(r.issue_type)}</span> },
  { key: 'assigned', label: 'Assigned', width: 140, render: (r) => <UserName id={r.assigned_to} /> },
  { key: 'due', label: 'Due', width: 110, render: (r) => <RelTime at={r.due_at} /> },
  { key: 'updated', label: 'Updated', width: 110, render: (r) => <RelTime at={r.updated_at} /> },
];

export function TicketsScreen() {
  const [text, setText] = useState('');
  const [status, setStatus] = useState<string>('open');
  const [open, setOpen] = useState<Ticket | null>(null);
  const q = useDebounced(text);
  const list = useList('tickets.list', { ...(q ? { text: q } : {}), ...(status !== 'all' ? { status } : {}) });
  return (
    <>
      <ListScreen
        name="tickets"
        title="Tickets"
        one="ticket"
        sub="Service requests from clients"
        {...list}
        rows={list.items}
        columns={COLUMNS}
        onOpen={(r) => setOpen(r)}
        onEnd={list.loadMore}
        filter={text}
        onFilter={setText}
        tools={
          <>
            <div className="segmented" role="group" aria-label="Ticket status">
              {['all', ...TICKET_STATUSES].map((s) => (
                <button key={s} type="button" aria-pressed={status === s} onClick={() => setStatus(s)}>
                  {humanize(s)}
                </button>
              ))}
            </div>
            <span className="spacer" />
            <ExportMenu kind="tickets" />
          </>
        }
        empty={{
          title: status === 'all' ? 'No tickets yet' : `No ${status} tickets`,
          body: 'Open a ticket from a client’s page when they ask for a change, a certificate or a claim.',
        }}
      />
      {open && <TicketDialog ticketId={open.id} onClose={() => setOpen(null)} />}
    </>
  );
}
