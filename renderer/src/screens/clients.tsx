import { useState } from 'react';
import type { ClientListItem } from '../../../shared/api/types';
import { NewClientDialog } from '../components/client-form';
import { ExportMenu, ImportButton } from '../components/export-menu';
import { Icon } from '../components/icon';
import { ListScreen } from '../components/list-screen';
import { UserName } from '../components/pills';
import { RelTime } from '../components/values';
import type { Column } from '../components/virtual-table';
import { useDebounced, useList } from '../lib/use-list';
import { navigate } from '../stores/router';

const COLUMNS: Column<ClientListItem>[] = [
  { key: 'name', label: 'Name', width: 240, render: (r) => <span className="name-cell">{r.name}</span> },
  {
    key: 'type',
    label: 'Type',
    width: 100,
    render: (r) => <span className="muted">{r.client_type === 'business' ? 'Business' : 'Individual'}</span>,
  },
  { key: 'email', label: 'Email', width: 220, render: (r) => <span>{r.email ?? '—'}</span> },
  { key: 'phone', label: 'Phone', width: 140, render: (r) => <span>{r.phone ?? '—'}</span> },
  { key: 'owner', label: 'Owner', width: 150, render: (r) => <UserName id={r.owner_id} /> },
  { key: 'since', label: 'Client since', width: 120, render: (r) => <RelTime at={r.client_since} /> },
  { key: 'updated', label: 'Updated', width: 110, render: (r) => <RelTime at={r.updated_at} /> },
];

export function ClientsScreen() {
  const [text, setText] = useState('');
  const q = useDebounced(text);
  const list = useList('clients.list', q ? { text: q } : {});
  const [creating, setCreating] = useState(false);
  const action = (
    <button type="button" className="btn primary" onClick={() => setCreating(true)}>
      <Icon name="plus" size={14} /> New client
    </button>
  );
  return (
    <>
      <ListScreen
        name="clients"
        title="Clients"
        one="client"
        sub="Policyholders, converted from leads"
        {...list}
        rows={list.items}
        columns={COLUMNS}
        onOpen={(r) => navigate({ name: 'client', id: r.id })}
        onEnd={list.loadMore}
        filter={text}
        onFilter={setText}
        tools={
          <>
            <span className="spacer" />
            <ImportButton kind="clients" />
            <ExportMenu kind="clients" />
            {action}
          </>
        }
        empty={{
          title: 'No clients yet',
          body: 'A lead becomes a client when you convert it from its page (“Convert to client”), or add a customer you already have.',
          action,
        }}
      />
      {creating && <NewClientDialog onClose={() => setCreating(false)} />}
    </>
  );
}
