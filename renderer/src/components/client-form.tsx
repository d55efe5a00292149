import { useState } from 'react';
import type { Row } from '../../../shared/model/catalogue';
import { CLIENT_STATUSES, CONTACT_METHODS, type ClientType } from '../../../shared/model/tables/clients';
import { mutate } from '../api/mutate';
import { humanize } from '../lib/format';
import { numOrNull, textOrNull, useForm } from '../lib/use-form';
import { navigate } from '../stores/router';
import { useUi } from '../stores/ui';
import { DuplicateWarning } from './duplicate-warning';
import { Field } from './field';
import { Modal } from './modal';

type Kind = 'text' | 'email' | 'tel' | 'url' | 'date' | 'number' | 'select';
interface Spec {
  key: string;
  label: string;
  kind?: Kind;
  /** Which client type shows it; the other type's identifiers are never shown (nor stored). */
  only?: ClientType;
  required?: ClientType;
  options?: readonly string[];
  hint?: string;
}

/** The client's editable fields, in the order a form shows them. */
const SPECS: Spec[] = [
  { key: 'first_name', label: 'First name', only: 'individual', required: 'individual' },
  { key: 'middle_name', label: 'Middle name', only: 'individual' },
  { key: 'last_name', label: 'Last name', only: 'individual', required: 'individual' },
  { key: 'date_of_birth', label: 'Date of birth', kind: 'date', only: 'individual' },
  { key: 'occupation', label: 'Occupation', only: 'individual' },
  { key: 'marital_status', label: 'Marital status', only: 'individual' },
  { key: 'business_name', label: 'Business name', only: 'business', required: 'business' },
  { key: 'dba_name', label: 'Doing business as', only: 'business' },
  { key: 'fein', label: 'FEIN', only: 'business', hint: 'Nine digits, 12-3456789' },
  { key: 'business_structure', label: 'Structure', only: 'business', hint: 'LLC, S-corp, sole proprietor…' },
  { key: 'industry', label: 'Industry', only: 'business' },
  { key: 'naics_code', label: 'NAICS code', only: 'business' },
  { key: 'year_established', label: 'Year established', kind: 'number', only: 'business' },
  { key: 'annual_revenue', label: 'Annual revenue', kind: 'number', only: 'business' },
  { key: 'employee_count', label: 'Employees', kind: 'number', only: 'business' },
  { key: 'email', label: 'Email', kind: 'email' },
  { key: 'phone', label: 'Phone', kind: 'tel' },
  { key: 'website', label: 'Website', kind: 'url' },
  { key: 'preferred_contact_method', label: 'Preferred contact', kind: 'select', options: CONTACT_METHODS },
  { key: 'source', label: 'Source' },
];
const STATUS_SPEC: Spec = { key: 'status', label: 'Status', kind: 'select', options: CLIENT_STATUSES };

const specsFor = (type: ClientType, withStatus: boolean) => [
  ...SPECS.filter((s) => !s.only || s.only === type),
  ...(withStatus ? [STATUS_SPEC] : []),
];

const shown = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** A form value as the mutation wants it: numbers parsed, blanks null. */
function valueOf(spec: Spec, raw: string): unknown {
  if (spec.kind === 'number') return numOrNull(raw);
  if (spec.key === 'status') return raw;
  return textOrNull(raw);
}

function ClientFields({
  type,
  specs,
  form,
  autoFocusFirst,
}: {
  type: ClientType;
  specs: Spec[];
  form: ReturnType<typeof useForm<Record<string, string>>>;
  autoFocusFirst?: boolean;
}) {
  return (
    <>
      {specs.map((s, i) => (
        <Field
          key={s.key}
          name={s.key}
          label={s.label}
          kind={s.kind}
          hint={s.hint}
          value={form.values[s.key] ?? ''}
          onChange={(x) => form.set(s.key, x)}
          error={form.errors[s.key]}
          required={s.required === type}
          autoFocus={autoFocusFirst && i === 0}
          options={
            s.options
              ? [
                  ...(s.key === 'status' ? [] : [{ value: '', label: '—' }]),
                  ...s.options.map((o) => ({ value: o, label: humanize(o) })),
                ]
              : undefined
          }
        />
      ))}
    </>
  );
}

function Footer({ formId, busy, label, onClose }: { formId: string; busy: boolean; label: string; onClose(): void }) {
  return (
    <>
      <button type="button" className="btn" onClick={onClose}>
        Cancel
      </button>
      <button type="submit" form={formId} className="btn primary" disabled={busy}>
        {label}
      </button>
    </>
  );
}

/** Edits a client's details: only the identifiers of its type, and only what changed is sent. */
export function ClientEditDialog({ client, onClose }: { client: Row<'clients'>; onClose(): void }) {
  const specs = specsFor(client.client_type, true);
  const initial = Object.fromEntries(specs.map((s) => [s.key, shown((client as Record<string, unknown>)[s.key])]));
  const form = useForm<Record<string, string>>(initial);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const patch: Record<string, unknown> = {};
    for (const s of specs)
      if (form.values[s.key] !== initial[s.key]) patch[s.key] = valueOf(s, form.values[s.key] ?? '');
    if (Object.keys(patch).length === 0) return onClose();
    const ok = await form.submit(() => mutate('updateClient', { id: client.id, patch }));
    if (ok) {
      useUi.getState().toast('ok', 'Client saved');
      onClose();
    }
  };
  return (
    <Modal
      title="Edit client"
      onClose={onClose}
      width={640}
      footer={<Footer formId="client-form" busy={form.busy} label="Save client" onClose={onClose} />}
    >
      <form id="client-form" className="form-grid" onSubmit={save} noValidate>
        <ClientFields type={client.client_type} specs={specs} form={form} autoFocusFirst />
        {form.formError && <div className="form-error wide">{form.formError}</div>}
      </form>
    </Modal>
  );
}

/** What the "possible duplicate" check compares: the identifiers of the type being entered. */
function draftOf(type: ClientType, v: Record<string, string>) {
  const text = (k: string) => textOrNull(v[k] ?? '');
  const person = type === 'individual';
  return {
    first_name: person ? text('first_name') : null,
    last_name: person ? text('last_name') : null,
    business_name: person ? null : text('business_name'),
    date_of_birth: person ? text('date_of_birth') : null,
    email: text('email'),
    phone: text('phone'),
  };
}

/** "New client": a customer the agency already has, entered directly (no lead on record). */
export function NewClientDialog({ onClose }: { onClose(): void }) {
  const [type, setType] = useState<ClientType>('individual');
  const form = useForm<Record<string, string>>({}, 'new-client');
  const specs = specsFor(type, false);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const fields: Record<string, unknown> = {};
    for (const s of specs) {
      const v = valueOf(s, form.values[s.key] ?? '');
      if (v !== null) fields[s.key] = v;
    }
    const row = await form.submit(() => mutate('createClient', { client_type: type, ...fields }));
    if (row) {
      useUi.getState().toast('ok', 'Client added');
      onClose();
      navigate({ name: 'client', id: row.id });
    }
  };
  return (
    <Modal
      title="New client"
      onClose={onClose}
      width={640}
      footer={<Footer formId="new-client-form" busy={form.busy} label="Add client" onClose={onClose} />}
    >
      <form id="new-client-form" className="form-grid" onSubmit={save} noValidate>
        <fieldset className="wide segmented" aria-label="Client type">
          {(['individual', 'business'] as const).map((t) => (
            <label key={t} className="check">
              <input type="radio" name="client_type" checked={type === t} onChange={() => setType(t)} />{' '}
              {t === 'individual' ? 'Individual' : 'Business'}
            </label>
          ))}
        </fieldset>
        <ClientFields type={type} specs={specs} form={form} />
        <DuplicateWarning kind="clients" draft={draftOf(type, form.values)} />
        {form.formError && <div className="form-error wide">{form.formError}</div>}
      </form>
    </Modal>
  );
}
