import { useState } from 'react';
import type { Row } from '../../../shared/model/catalogue';
import { ExportMenu, ImportButton } from '../components/export-menu';
import { ListScreen } from '../components/list-screen';
import { RelTime } from '../components/values';
import type { Column } from '../components/virtual-table';
import { useDebounced, useList } from '../lib/use-list';
import { navigate } from '../stores/router';

type Contact = Row<'contacts'>;
const COLUMNS: Column<Contact>[] = [
  {
    key: 'name',
    label: 'Name',
    width: 200,
    render: (r) => <span className="name-cell">{`${r.first_name} ${r.last_name}`}</span>,
  },
  { key: 'title', label: 'Role', width: 160, render: (r) => <span>{r.job_title ?? (r.roles.join(', ') || '—')}</span> },
  {
    key: 'of',
    label: 'Of a',
    width: 80,
    render: (r) => <span className="muted">{r.client_id ? 'Client' : 'Lead'}</span>,
  },
  { key: 'email', label: 'Email', width: 220, render: (r) => <span>{r.email ?? '—'}</span> },
  { key: 'phone', label: 'Phone', width: 140, render: (r) => <span>{r.phone ?? r.mobile_phone ?? '—'}</span> },
  {
    key: 'primary',
    label: 'Primary',
    width: 80,
    render: (r) => (r.is_primary_contact ? <span className="badge">Primary</span> : null),
  },
  { key: 'updated', label: 'Updated', width: 110, render: (r) => <RelTime at={r.updated_at} /> },
];

export function ContactsScreen() {
  const [text, setText] = useState('');
  const q = useDebounced(text);
  const list = useList('contacts.list', q ? { text: q } : {});
  return (
    <ListScreen
      name="contacts"
      title="Contacts"
      one="contact"
      sub="People at leads and clients"
      {...list}
      rows={list.items}
      columns={COLUMNS}
      onOpen={(r) =>
        r.client_id
          ? navigate({ name: 'client', id: r.client_id })
          : r.lead_id && navigate({ name: 'lead', id: r.lead_id })
      }
      onEnd={list.loadMore}
      filter={text}
      onFilter={setText}
      tools={
        <>
          <span className="spacer" />
          <ImportButton kind="contacts" />
          <ExportMenu kind="contacts" />
        </>
      }
      empty={{
        title: 'No contacts yet',
        body: 'Add contacts from a lead or client page: the spouse, the office manager, whoever you talk to.',
      }}
    />
  );
}
