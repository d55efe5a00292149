import { useState } from 'react';
import type { Row } from '../../../shared/model/catalogue';
import { CAMPAIGN_STATUSES, COMMUNICATION_CHANNELS } from '../../../shared/model/tables/lookups';
import { mutate } from '../api/mutate';
import { Field } from '../components/field';
import { Icon } from '../components/icon';
import { ListScreen } from '../components/list-screen';
import { Modal } from '../components/modal';
import { Money, RelTime } from '../components/values';
import type { Column } from '../components/virtual-table';
import { count, humanize } from '../lib/format';
import { localToIso, numOrNull, textOrNull, useForm } from '../lib/use-form';
import { useDebounced, useList } from '../lib/use-list';
import { navigate } from '../stores/router';
import { useUi } from '../stores/ui';

type Campaign = Row<'campaigns'> & { enrolled: number };
const COLUMNS: Column<Campaign>[] = [
  {
    key: 'name',
    label: 'Name',
    width: 260,
    render: (r) => (
      <span className="row name-cell">
        <span className="dot" style={{ background: r.color ?? '#64748b' }} />
        {r.name}
      </span>
    ),
  },
  { key: 'status', label: 'Status', width: 100, render: (r) => <span>{humanize(r.status)}</span> },
  { key: 'channel', label: 'Channel', width: 100, render: (r) => <span>{r.channel ? humanize(r.channel) : '—'}</span> },
  {
    key: 'enrolled',
    label: 'Enrolled',
    width: 90,
    align: 'right',
    render: (r) => <span className="num">{count(r.enrolled)}</span>,
  },
  { key: 'budget', label: 'Budget', width: 110, align: 'right', render: (r) => <Money value={r.budget} /> },
  { key: 'starts', label: 'Starts', width: 110, render: (r) => <RelTime at={r.starts_at} /> },
  { key: 'ends', label: 'Ends', width: 110, render: (r) => <RelTime at={r.ends_at} /> },
];

function NewCampaign({ onClose }: { onClose(): void }) {
  const form = useForm(
    { name: '', channel: 'email', status: 'active', budget: '', starts_at: '', ends_at: '', description: '' },
    'new-campaign',
  );
  const v = form.values;
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const budget = numOrNull(v.budget);
    const ok = await form.submit(() =>
      mutate('createCampaign', {
        name: v.name,
        channel: v.channel as (typeof COMMUNICATION_CHANNELS)[number],
        status: v.status as (typeof CAMPAIGN_STATUSES)[number],
        ...(budget !== null ? { budget } : {}),
        ...(localToIso(v.starts_at) ? { starts_at: localToIso(v.starts_at) } : {}),
        ...(localToIso(v.ends_at) ? { ends_at: localToIso(v.ends_at) } : {}),
        ...(textOrNull(v.description) ? { description: textOrNull(v.description)! } : {}),
      }),
    );
    if (ok) {
      useUi.getState().toast('ok', `Campaign ${v.name} created`);
      onClose();
    }
  };
  return (
    <Modal
      title="New campaign"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="campaign-form" className="btn primary" disabled={form.busy}>
            Create campaign
          </button>
        </>
      }
    >
      <form id="campaign-form" className="form-grid" onSubmit={save} noValidate>
        <Field
          name="name"
          label="Name"
          value={v.name}
          onChange={(x) => form.set('name', x)}
          error={form.errors.name}
          required
          autoFocus
        />
        <Field
          name="status"
          label="Status"
          kind="select"
          value={v.status}
          onChange={(x) => form.set('status', x)}
          error={form.errors.status}
          options={CAMPAIGN_STATUSES.filter((s) => s !== 'completed').map((s) => ({ value: s, label: humanize(s) }))}
        />
        <Field
          name="channel"
          label="Channel"
          kind="select"
          value={v.channel}
          onChange={(x) => form.set('channel', x)}
          error={form.errors.channel}
          options={COMMUNICATION_CHANNELS.map((c) => ({ value: c, label: humanize(c) }))}
        />
        <Field
          name="budget"
          label="Budget ($)"
          kind="number"
          value={v.budget}
          onChange={(x) => form.set('budget', x)}
          error={form.errors.budget}
        />
        <Field
          name="starts_at"
          label="Starts"
          kind="datetime-local"
          value={v.starts_at}
          onChange={(x) => form.set('starts_at', x)}
          error={form.errors.starts_at}
        />
        <Field
          name="ends_at"
          label="Ends"
          kind="datetime-local"
          value={v.ends_at}
          onChange={(x) => form.set('ends_at', x)}
          error={form.errors.ends_at}
        />
        <Field
          name="description"
          label="Description"
          kind="textarea"
          value={v.description}
          onChange={(x) => form.set('description', x)}
          error={form.errors.description}
          wide
        />
        {form.formError && <div className="form-error wide">{form.formError}</div>}
      </form>
    </Modal>
  );
}

export function CampaignsScreen() {
  const [text, setText] = useState('');
  const [creating, setCreating] = useState(false);
  const q = useDebounced(text);
  const list = useList('campaigns.list', q ? { text: q } : {});
  const action = (
    <button type="button" className="btn primary" onClick={() => setCreating(true)}>
      <Icon name="plus" size={14} /> New campaign
    </button>
  );
  return (
    <>
      <ListScreen
        name="campaigns"
        title="Campaigns"
        one="campaign"
        sub="Outreach to groups of leads and clients"
        {...list}
        rows={list.items}
        columns={COLUMNS}
        onOpen={(r) => navigate({ name: 'campaign', id: r.id })}
        onEnd={list.loadMore}
        filter={text}
        onFilter={setText}
        tools={
          <>
            <span className="spacer" />
            {action}
          </>
        }
        empty={{
          title: 'No campaigns yet',
          body: 'Create one for a renewal push or a cross-sell, then enroll leads from their pages.',
          action,
        }}
      />
      {creating && <NewCampaign onClose={() => setCreating(false)} />}
    </>
  );
}
