import type { Row } from '../../../shared/model/catalogue';
import { TICKET_PRIORITIES } from '../../../shared/model/tables/service';
import { mutate } from '../api/mutate';
import { useQuery } from '../api/use-query';
import { humanize } from '../lib/format';
import { useForm } from '../lib/use-form';
import { useLookups } from '../stores/lookups';
import { navigate } from '../stores/router';
import { useUi } from '../stores/ui';
import { AiInlineRun } from './ai-panel';
import { DeleteButton } from './delete-record';
import { Field } from './field';
import { Modal } from './modal';
import { UserName } from './pills';
import { RelTime } from './values';

type Ticket = Row<'support_tickets'>;

/** The due date as the date input shows it (local day), and back: due at 5 pm that day. */
function dayOf(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
function dueAt(day: string): string | null {
  if (!day) return null;
  const d = new Date(`${day}T17:00:00`);
  return Number.isNaN(d.getTime()) ? day : d.toISOString();
}

/**
 * Assignee, due date, status and priority: one Save sends what differs from the stored ticket.
 * Kept mounted across saves (keyed by ticket id) so the focus stays where the person left it.
 */
function TicketFields({ ticket }: { ticket: Ticket }) {
  const users = useLookups((s) => s.lookups.users);
  const done = ticket.status === 'resolved' || ticket.status === 'closed';
  const initial = {
    assigned_to: ticket.assigned_to ?? '',
    due: dayOf(ticket.due_at),
    status: (done ? 'open' : ticket.status) as string,
    priority: ticket.priority as string,
  };
  const form = useForm(initial);
  const v = form.values;
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const patch: Record<string, string | null> = {};
    if (v.assigned_to !== initial.assigned_to) patch.assigned_to = v.assigned_to || null;
    if (v.due !== initial.due) patch.due_at = dueAt(v.due);
    if (v.priority !== initial.priority) patch.priority = v.priority;
    if (v.status !== initial.status || (done && v.status !== 'open')) patch.status = v.status;
    if (Object.keys(patch).length === 0) return;
    const ok = await form.submit(() => mutate('updateTicket', { id: ticket.id, patch }));
    if (ok) useUi.getState().toast('ok', 'Ticket saved');
  };
  return (
    <form className="form-grid" onSubmit={save} noValidate aria-label="Ticket fields">
      <Field
        name="assigned_to"
        label="Assigned to"
        kind="select"
        value={v.assigned_to}
        onChange={(x) => form.set('assigned_to', x)}
        error={form.errors.assigned_to}
        options={[
          { value: '', label: 'Nobody' },
          ...users.filter((u) => u.is_active !== false).map((u) => ({ value: u.id, label: u.full_name })),
        ]}
      />
      <Field
        name="due"
        label="Due date"
        kind="date"
        value={v.due}
        onChange={(x) => form.set('due', x)}
        error={form.errors.due_at}
      />
      <Field
        name="status"
        label={done ? 'Reopen as' : 'Status'}
        kind="select"
        value={v.status}
        onChange={(x) => form.set('status', x)}
        error={form.errors.status}
        options={['open', 'pending'].map((s) => ({ value: s, label: humanize(s) }))}
      />
      <Field
        name="priority"
        label="Priority"
        kind="select"
        value={v.priority}
        onChange={(x) => form.set('priority', x)}
        options={TICKET_PRIORITIES.map((p) => ({ value: p, label: humanize(p) }))}
      />
      {form.formError && <div className="form-error wide">{form.formError}</div>}
      <div className="wide row">
        <span className="spacer" />
        <button type="submit" className="btn" disabled={form.busy}>
          {done ? 'Save and reopen' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}

function Comments({ ticketId, comments }: { ticketId: string; comments: Row<'lead_notes'>[] }) {
  const form = useForm({ body: '' }, `ticket-comment:${ticketId}`);
  const send = async (e: React.FormEvent) => {
    e.preventDefault();
    const ok = await form.submit(() => mutate('addTicketComment', { ticket_id: ticketId, body: form.values.body }));
    if (ok) form.reset({ body: '' });
  };
  return (
    <section aria-label="Comments">
      <h3>Comments</h3>
      {comments.length === 0 ? (
        <div className="muted small">No comments yet.</div>
      ) : (
        <ol className="plain-list" data-testid="ticket-comments">
          {comments.map((c) => (
            <li key={c.id}>
              <div className="row small">
                <UserName id={c.created_by} />
                <RelTime at={c.created_at} />
              </div>
              <div className="tl-body">{c.body}</div>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={send} noValidate>
        <Field
          name="body"
          label="Add a comment"
          kind="textarea"
          value={form.values.body}
          onChange={(x) => form.set('body', x)}
          error={form.errors.body}
        />
        <button type="submit" className="btn small" disabled={form.busy}>
          Add comment
        </button>
      </form>
    </section>
  );
}

function Resolve({ ticket, onDone }: { ticket: Ticket; onDone(): void }) {
  const form = useForm({ resolution: '' }, `resolve:${ticket.id}`);
  const resolve = async (close: boolean) => {
    const ok = await form.submit(() =>
      mutate('resolveTicket', { id: ticket.id, resolution: form.values.resolution, close }),
    );
    if (ok) {
      useUi.getState().toast('ok', close ? 'Ticket closed' : 'Ticket resolved');
      onDone();
    }
  };
  return (
    <section aria-label="Resolution">
      <Field
        name="resolution"
        label="Resolution"
        kind="textarea"
        value={form.values.resolution}
        onChange={(x) => form.set('resolution', x)}
        error={form.errors.resolution}
        placeholder="What was done for the client"
      />
      {form.formError && <div className="form-error">{form.formError}</div>}
      <div className="row">
        <button type="button" className="btn" onClick={() => void resolve(false)} disabled={form.busy}>
          Resolve
        </button>
        <button type="button" className="btn primary" onClick={() => void resolve(true)} disabled={form.busy}>
          Resolve and close
        </button>
      </div>
    </section>
  );
}

/** A ticket: who has it and by when, its status, its comment thread and its resolution. */
export function TicketDialog({ ticketId, onClose }: { ticketId: string; onClose(): void }) {
  const { data, error } = useQuery('tickets.get', { id: ticketId });
  const ticket = data?.ticket;
  const done = ticket ? ticket.status === 'resolved' || ticket.status === 'closed' : false;
  const open = () => {
    if (!ticket) return;
    onClose();
    if (ticket.client_id) navigate({ name: 'client', id: ticket.client_id });
    else if (ticket.lead_id) navigate({ name: 'lead', id: ticket.lead_id });
  };
  // The dialog opens with its answer (a frame later), so focus lands on its first field.
  if (!data && !error) return null;
  return (
    <Modal
      title={ticket?.subject ?? 'Ticket'}
      onClose={onClose}
      width={640}
      footer={
        ticket && (
          <>
            <DeleteButton
              target={{ table: 'support_tickets', id: ticket.id }}
              what={`the ticket “${ticket.subject}”`}
              className="btn ghost danger"
              onDeleted={onClose}
            />
            <span className="spacer" />
            <button type="button" className="btn ghost" onClick={open}>
              Open {ticket.client_id ? 'client' : 'lead'}
              {data.subject_name ? ` ${data.subject_name}` : ''}
            </button>
          </>
        )
      }
    >
      {error && !data && <div className="form-error">{error.message}</div>}
      {ticket && (
        <>
          <div className="row" style={{ marginBottom: 10 }}>
            <strong data-testid="ticket-status">{humanize(ticket.status)}</strong>
            <span className="muted">{humanize(ticket.priority)} priority</span>
            <span className="muted">{humanize(ticket.issue_type)}</span>
            <span className="muted">
              opened <RelTime at={ticket.created_at} />
            </span>
          </div>
          <p className="tl-body">{ticket.description ?? <span className="muted">No description.</span>}</p>
          {done && (
            <p>
              <strong>Resolution:</strong> {ticket.resolution}
            </p>
          )}
          <TicketFields key={ticket.id} ticket={ticket} />
          <Comments ticketId={ticket.id} comments={data.comments} />
          {!done && <Resolve ticket={ticket} onDone={onClose} />}
          {!done && (
            <AiInlineRun input={{ task: 'triage', ticket_id: ticket.id }} label="Triage with AI" title="Triage" />
          )}
        </>
      )}
    </Modal>
  );
}
