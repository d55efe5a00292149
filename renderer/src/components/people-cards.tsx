import { useState } from 'react';
import { OPEN_OPPORTUNITY_STAGES } from '../../../shared/model/tables/opportunities';
import type { Row } from '../../../shared/model/catalogue';
import { mutate } from '../api/mutate';
import { humanize } from '../lib/format';
import { numOrNull, textOrNull, useForm } from '../lib/use-form';
import { ContactEditDialog } from './contact-edit-dialog';
import { DeleteButton } from './delete-record';
import { Field } from './field';
import { Icon } from './icon';
import { Money, RelTime } from './values';

type Subject = { lead_id: string } | { client_id: string };

export function ContactsCard({
  subject,
  contacts,
  readOnly,
}: {
  subject: Subject;
  contacts: Row<'contacts'>[];
  readOnly?: boolean;
}) {
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Row<'contacts'> | null>(null);
  const form = useForm({
    first_name: '',
    last_name: '',
    email: '',
    phone: '',
    job_title: '',
    is_primary_contact: false as boolean,
  });
  const v = form.values;
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const ok = await form.submit(() =>
      mutate('addContact', {
        ...subject,
        first_name: v.first_name,
        last_name: v.last_name,
        email: textOrNull(v.email),
        phone: textOrNull(v.phone),
        job_title: textOrNull(v.job_title),
        is_primary_contact: v.is_primary_contact,
      }),
    );
    if (ok) {
      form.reset({
        first_name: '',
        last_name: '',
        email: '',
        phone: '',
        job_title: '',
        is_primary_contact: false as boolean,
      });
      setAdding(false);
    }
  };
  return (
    <section className="card" aria-label="Contacts">
      <CardHead title="Contacts" addLabel="Add contact" canAdd={!readOnly && !adding} onAdd={() => setAdding(true)} />
      {contacts.length === 0 && !adding && (
        <div className="muted small">No contacts. Add the spouse, the office manager or whoever you talk to.</div>
      )}
      <ul className="plain-list">
        {contacts.map((c) => (
          <li key={c.id}>
            <div className="row">
              <strong>
                {c.first_name} {c.last_name}
              </strong>
              {c.is_primary_contact && <span className="badge">Primary</span>}
              {c.job_title && <span className="muted">{c.job_title}</span>}
              <span className="spacer" />
              {!c.is_primary_contact && !readOnly && (
                <button
                  type="button"
                  className="btn ghost small"
                  onClick={() => void mutate('setPrimaryContact', { contact_id: c.id })}
                >
                  Make primary
                </button>
              )}
              {!readOnly && (
                <>
                  <button
                    type="button"
                    className="btn ghost small"
                    onClick={() => setEditing(c)}
                    aria-label={`Edit ${c.first_name} ${c.last_name}`}
                  >
                    Edit
                  </button>
                  <DeleteButton
                    target={{ table: 'contacts', id: c.id }}
                    what={`the contact ${c.first_name} ${c.last_name}`}
                    label="Remove"
                  />
                </>
              )}
            </div>
            <div className="muted small">
              {[c.email, c.phone ?? c.mobile_phone].filter(Boolean).join(' · ') || 'No email or phone'}
            </div>
          </li>
        ))}
      </ul>
      {editing && <ContactEditDialog contact={editing} onClose={() => setEditing(null)} />}
      {adding && (
        <form className="form-grid" onSubmit={save} noValidate>
          <Field
            name="first_name"
            label="First name"
            value={v.first_name}
            onChange={(x) => form.set('first_name', x)}
            error={form.errors.first_name}
            required
            autoFocus
          />
          <Field
            name="last_name"
            label="Last name"
            value={v.last_name}
            onChange={(x) => form.set('last_name', x)}
            error={form.errors.last_name}
            required
          />
          <Field
            name="email"
            label="Email"
            kind="email"
            value={v.email}
            onChange={(x) => form.set('email', x)}
            error={form.errors.email}
          />
          <Field
            name="phone"
            label="Phone"
            kind="tel"
            value={v.phone}
            onChange={(x) => form.set('phone', x)}
            error={form.errors.phone}
          />
          <Field
            name="job_title"
            label="Role / title"
            value={v.job_title}
            onChange={(x) => form.set('job_title', x)}
            error={form.errors.job_title}
          />
          <label className="check">
            <input
              type="checkbox"
              checked={v.is_primary_contact}
              onChange={(e) => form.set('is_primary_contact', e.target.checked)}
            />{' '}
            Primary contact
          </label>
          <FormFooter
            error={form.formError}
            busy={form.busy}
            submitLabel="Add contact"
            onCancel={() => setAdding(false)}
          />
        </form>
      )}
    </section>
  );
}

export function OpportunitiesCard({
  subject,
  opportunities,
  readOnly,
}: {
  subject: Subject;
  opportunities: Row<'opportunities'>[];
  readOnly?: boolean;
}) {
  const [adding, setAdding] = useState(false);
  const form = useForm({ name: '', amount: '', stage: 'prospecting', carrier: '' });
  const v = form.values;
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const amount = numOrNull(v.amount);
    const ok = await form.submit(() =>
      mutate('createOpportunity', {
        ...subject,
        name: v.name,
        stage: v.stage as (typeof OPEN_OPPORTUNITY_STAGES)[number],
        ...(amount !== null ? { amount } : {}),
        ...(textOrNull(v.carrier) ? { carrier: textOrNull(v.carrier)! } : {}),
      }),
    );
    if (ok) {
      form.reset({ name: '', amount: '', stage: 'prospecting', carrier: '' });
      setAdding(false);
    }
  };
  return (
    <section className="card" aria-label="Opportunities">
      <CardHead
        title="Opportunities"
        addLabel="Add opportunity"
        canAdd={!readOnly && !adding}
        onAdd={() => setAdding(true)}
      />
      {opportunities.length === 0 && !adding && (
        <div className="muted small">No opportunities. Add one per policy you are quoting (auto, home, umbrella…).</div>
      )}
      <table className="mini-table">
        <tbody>
          {opportunities.map((o) => (
            <tr key={o.id}>
              <td>
                {o.name}
                {(o.policy_number || o.carrier) && (
                  <div className="muted small" data-testid="opportunity-policy">
                    {[o.carrier, o.policy_number && `Policy ${o.policy_number}`].filter(Boolean).join(' · ')}
                  </div>
                )}
              </td>
              <td>
                <span className={`stage stage-${o.stage}`}>{humanize(o.stage)}</span>
              </td>
              <td className="num">
                <Money value={o.amount} />
              </td>
              <td className="muted small">
                <RelTime at={o.closed_at ?? o.stage_changed_at ?? o.updated_at} />
              </td>
              <td>
                {!readOnly && o.stage !== 'won' && o.stage !== 'lost' && (
                  <select
                    aria-label={`Stage of ${o.name}`}
                    className="input small-select"
                    value={o.stage}
                    onChange={(e) =>
                      void mutate('moveOpportunityStage', {
                        id: o.id,
                        stage: e.target.value as (typeof OPEN_OPPORTUNITY_STAGES)[number],
                      })
                    }
                  >
                    {OPEN_OPPORTUNITY_STAGES.map((s) => (
                      <option key={s} value={s}>
                        {humanize(s)}
                      </option>
                    ))}
                  </select>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {adding && (
        <form className="form-grid" onSubmit={save} noValidate>
          <Field
            name="name"
            label="Name"
            value={v.name}
            onChange={(x) => form.set('name', x)}
            error={form.errors.name}
            placeholder="Auto + umbrella bundle"
            required
            autoFocus
          />
          <Field
            name="amount"
            label="Premium ($)"
            kind="number"
            value={v.amount}
            onChange={(x) => form.set('amount', x)}
            error={form.errors.amount}
          />
          <Field
            name="stage"
            label="Stage"
            kind="select"
            value={v.stage}
            onChange={(x) => form.set('stage', x)}
            options={OPEN_OPPORTUNITY_STAGES.map((s) => ({ value: s, label: humanize(s) }))}
          />
          <Field
            name="carrier"
            label="Carrier"
            value={v.carrier}
            onChange={(x) => form.set('carrier', x)}
            error={form.errors.carrier}
          />
          <FormFooter
            error={form.formError}
            busy={form.busy}
            submitLabel="Add opportunity"
            onCancel={() => setAdding(false)}
          />
        </form>
      )}
    </section>
  );
}

/** A card's title row with its "Add …" button, shown while the card is editable and not already adding. */
function CardHead({
  title,
  addLabel,
  canAdd,
  onAdd,
}: {
  title: string;
  addLabel: string;
  canAdd: boolean;
  onAdd: () => void;
}) {
  return (
    <div className="card-head">
      <h3>{title}</h3>
      {canAdd && (
        <button type="button" className="btn small" onClick={onAdd}>
          <Icon name="plus" size={12} /> {addLabel}
        </button>
      )}
    </div>
  );
}

/** The form-level error, Cancel and the submit button, as every add form in these cards ends. */
function FormFooter({
  error,
  busy,
  submitLabel,
  onCancel,
}: {
  error: string | null | undefined;
  busy: boolean;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      {error && <div className="form-error wide">{error}</div>}
      <div className="form-actions wide">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
