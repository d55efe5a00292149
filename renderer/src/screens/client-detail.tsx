import { Fragment, useState } from 'react';
import type { Row } from '../../../shared/model/catalogue';
import { TICKET_PRIORITIES } from '../../../shared/model/tables/service';
import { mutate } from '../api/mutate';
import { useQuery } from '../api/use-query';
import { AddressCard } from '../components/address-card';
import { AiPanel } from '../components/ai-panel';
import { AskBox } from '../components/semantic-panels';
import { ClientEditDialog } from '../components/client-form';
import { DeleteButton } from '../components/delete-record';
import { Composer } from '../components/composer';
import { EnrollDialog, enrolledCampaignIds } from '../components/enroll-dialog';
import { Field } from '../components/field';
import { Icon } from '../components/icon';
import { MergeWithDialog } from '../components/merge/merge-with-dialog';
import { Modal } from '../components/modal';
import { ContactsCard, OpportunitiesCard } from '../components/people-cards';
import { PoliciesCard } from '../components/policies-card';
import { Tag, UserName } from '../components/pills';
import { TicketDialog } from '../components/ticket-dialog';
import { Timeline } from '../components/timeline';
import { ClientEditCard } from '../components/work/client-edit';
import { RecordHistory, RecordTasks } from '../components/work/record-work';
import { EmptyState, ErrorBanner, RelTime } from '../components/values';
import { humanize, paperDate, personName } from '../lib/format';
import { useForm } from '../lib/use-form';
import { useLookups } from '../stores/lookups';
import { navigate } from '../stores/router';
import { useUi } from '../stores/ui';

function daysText(days: number): string {
  const d = Math.round(days);
  return d < 1 ? 'converted the same day' : `${d} day${d === 1 ? '' : 's'} to convert`;
}

function NewTicket({ clientId, onClose }: { clientId: string; onClose(): void }) {
  const form = useForm({ subject: '', description: '', priority: 'normal' }, `ticket:${clientId}`);
  const v = form.values;
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const ok = await form.submit(() =>
      mutate('createTicket', {
        client_id: clientId,
        subject: v.subject,
        description: v.description || null,
        priority: v.priority as (typeof TICKET_PRIORITIES)[number],
      }),
    );
    if (ok) {
      useUi.getState().toast('ok', 'Ticket opened');
      onClose();
    }
  };
  return (
    <Modal
      title="New ticket"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="ticket-form" className="btn primary" disabled={form.busy}>
            Open ticket
          </button>
        </>
      }
    >
      <form id="ticket-form" className="form-grid" onSubmit={save} noValidate>
        <Field
          name="subject"
          label="Subject"
          value={v.subject}
          onChange={(x) => form.set('subject', x)}
          error={form.errors.subject}
          required
          wide
          autoFocus
        />
        <Field
          name="priority"
          label="Priority"
          kind="select"
          value={v.priority}
          onChange={(x) => form.set('priority', x)}
          options={TICKET_PRIORITIES.map((p) => ({ value: p, label: humanize(p) }))}
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

/** The identifiers of the client's type: a person's or a business's, never both. */
function ClientIdentifiers({ client }: { client: Row<'clients'> }) {
  const rows: Array<[string, unknown]> =
    client.client_type === 'business'
      ? [
          ['Doing business as', client.dba_name],
          ['FEIN', client.fein],
          ['Industry', client.industry],
          ['NAICS', client.naics_code],
          ['Employees', client.employee_count],
        ]
      : [
          ['Date of birth', client.date_of_birth ? paperDate(client.date_of_birth) : null],
          ['Occupation', client.occupation],
        ];
  return (
    <>
      {rows.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === '' ? '—' : String(value)}</dd>
        </Fragment>
      ))}
    </>
  );
}

/** A client: who they are, the lead(s) they came from, their policies, tickets and the whole history. */
export function ClientDetailScreen({ id }: { id: string }) {
  const { data, error, reload } = useQuery('clients.get', { id });
  const types = useLookups((s) => s.lookups.insurance_types);
  const [ticket, setTicket] = useState(false);
  const [enrolling, setEnrolling] = useState(false);
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [openTicket, setOpenTicket] = useState<string | null>(null);
  if (error && !data) {
    if (error.code === 'not_found')
      return <EmptyState title="This client does not exist">It may have been removed on another device.</EmptyState>;
    return <ErrorBanner message={`Could not load this client: ${error.message}`} onRetry={reload} />;
  }
  if (!data) return null;
  const { client } = data;
  const name = personName(client);
  const typeName = (code: string) => types.find((t) => t.code === code)?.name ?? humanize(code);
  return (
    <div className="screen record" data-screen="client" data-client-id={client.id}>
      <div className="crumbs">
        <a href="#/clients">Clients</a> / <span>{name}</span>
      </div>
      <div className="record-head">
        <div className="record-title">
          <h1 data-testid="record-name">{name}</h1>
          <div className="record-meta">
            <span className="pill" style={{ '--c': '#16a34a' } as React.CSSProperties}>
              {humanize(client.status)}
            </span>
            <span className="muted">{client.client_type === 'business' ? 'Business' : 'Individual'}</span>
            <span className="muted">
              Client since <RelTime at={client.client_since} />
            </span>
            {client.phone && <a href={`tel:${client.phone}`}>{client.phone}</a>}
            {client.email && <a href={`mailto:${client.email}`}>{client.email}</a>}
          </div>
        </div>
        <div className="record-stats">
          <div className="stat">
            <span className="stat-label">Owner</span>
            <UserName id={client.owner_id} />
          </div>
          <button
            type="button"
            className="btn"
            onClick={() => setEnrolling(true)}
            data-testid="enroll"
            title="Enroll in a campaign (renewal reviews, cross-sell)"
          >
            <Icon name="campaigns" size={14} /> Enroll
          </button>
          <button type="button" className="btn" onClick={() => setTicket(true)}>
            <Icon name="ticket" size={14} /> New ticket
          </button>
          <button type="button" className="btn" onClick={() => setMerging(true)}>
            Merge with…
          </button>
          <DeleteButton
            target={{ table: 'clients', id: client.id }}
            what={`the client ${name}`}
            className="btn ghost"
            onDeleted={() => navigate({ name: 'clients' })}
          />
        </div>
      </div>
      {merging && <MergeWithDialog kind="clients" id={client.id} name={name} onClose={() => setMerging(false)} />}
      {enrolling && (
        <EnrollDialog
          subject={{ client_id: client.id }}
          name={name}
          enrolled={enrolledCampaignIds(data.timeline, { client_id: client.id })}
          onClose={() => setEnrolling(false)}
        />
      )}
      <div className="record-body">
        <div className="record-left">
          <ClientEditCard key={client.updated_at} client={client} />
          <section className="card" aria-label="Came from">
            <div className="card-head">
              <h3>Came from</h3>
            </div>
            {data.leads.length === 0 ? (
              <div className="muted small">Entered directly as a client (no lead on record).</div>
            ) : (
              <ul className="plain-list" data-testid="source-leads">
                {data.leads.map((l) => (
                  <li key={l.lead_id} className="row">
                    <a
                      href={`#/leads/${l.lead_id}`}
                      onClick={(e) => (e.preventDefault(), navigate({ name: 'lead', id: l.lead_id }))}
                    >
                      {typeName(l.insurance_type_code)} lead
                    </a>
                    <span className="muted small">
                      created {paperDate(l.lead_created_at)}, converted {paperDate(l.conversion_date)} ·{' '}
                      {daysText(l.days_to_convert)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-label="Client details">
            <div className="card-head">
              <h3>Details</h3>
              <button type="button" className="btn ghost small" onClick={() => setEditing(true)}>
                Edit details
              </button>
            </div>
            <dl className="kv" data-testid="client-details">
              <dt>Email</dt>
              <dd>{client.email ?? '—'}</dd>
              <dt>Phone</dt>
              <dd>{client.phone ?? '—'}</dd>
              <ClientIdentifiers client={client} />
              <dt>Source</dt>
              <dd>{client.source ?? '—'}</dd>
              <dt>Tags</dt>
              <dd className="row">{client.tags.length ? client.tags.map((t) => <Tag key={t} text={t} />) : '—'}</dd>
            </dl>
          </section>
          <AddressCard subject={{ client_id: client.id }} address={data.address} mailing={data.mailing_address} />
          <PoliciesCard clientId={client.id} />
          <OpportunitiesCard subject={{ client_id: client.id }} opportunities={data.opportunities} />
          <ContactsCard subject={{ client_id: client.id }} contacts={data.contacts} />
          <section className="card" aria-label="Tickets">
            <div className="card-head">
              <h3>Tickets</h3>
            </div>
            {data.tickets.length === 0 ? (
              <div className="muted small">
                No tickets. Open one when the client asks for a change, a certificate or help with a claim.
              </div>
            ) : (
              <ul className="plain-list">
                {data.tickets.map((t) => (
                  <li key={t.id} className="row">
                    <button type="button" className="link-btn" onClick={() => setOpenTicket(t.id)}>
                      <strong>{t.subject}</strong>
                    </button>
                    <span className="muted">{humanize(t.status)}</span>
                    <span className="spacer" />
                    <RelTime at={t.updated_at} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <div className="record-right">
          <AiPanel subject={{ client_id: client.id }} />
          <AskBox subject={{ client_id: client.id }} />
          <RecordTasks subject={{ client_id: client.id }} />
          <Composer subject={{ client_id: client.id }} />
          <section className="card" aria-label="Timeline">
            <div className="card-head">
              <h3>History</h3>
              <span className="muted small">including the lead’s</span>
            </div>
            <Timeline items={data.timeline} />
          </section>
          <RecordHistory subject={{ client_id: client.id }} />
        </div>
      </div>
      {ticket && <NewTicket clientId={client.id} onClose={() => setTicket(false)} />}
      {editing && <ClientEditDialog client={client} onClose={() => setEditing(false)} />}
      {openTicket && <TicketDialog ticketId={openTicket} onClose={() => setOpenTicket(null)} />}
    </div>
  );
}
