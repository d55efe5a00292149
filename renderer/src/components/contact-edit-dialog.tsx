import type { Row } from '../../../shared/model/catalogue';
import { CONTACT_METHODS } from '../../../shared/model/tables/clients';
import { mutate } from '../api/mutate';
import { humanize } from '../lib/format';
import { textOrNull, useForm } from '../lib/use-form';
import { useUi } from '../stores/ui';
import { Field } from './field';
import { Modal } from './modal';

const TEXT_FIELDS = [
  ['first_name', 'First name', 'text'],
  ['last_name', 'Last name', 'text'],
  ['email', 'Email', 'email'],
  ['phone', 'Phone', 'tel'],
  ['mobile_phone', 'Mobile', 'tel'],
  ['job_title', 'Role / title', 'text'],
  ['department', 'Department', 'text'],
  ['company', 'Company', 'text'],
  ['preferred_contact_time', 'Best time to reach', 'text'],
] as const;
type Key = (typeof TEXT_FIELDS)[number][0] | 'preferred_contact_method';

/** Edits a contact; only the fields that changed are sent (names may not be blank). */
export function ContactEditDialog({ contact, onClose }: { contact: Row<'contacts'>; onClose(): void }) {
  const initial = Object.fromEntries(
    [...TEXT_FIELDS.map(([k]) => k), 'preferred_contact_method'].map((k) => [k, contact[k as Key] ?? '']),
  ) as Record<Key, string>;
  const form = useForm<Record<Key, string>>(initial);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const patch: Record<string, string | null> = {};
    for (const k of Object.keys(initial) as Key[]) {
      if (form.values[k] === initial[k]) continue;
      patch[k] = k === 'first_name' || k === 'last_name' ? form.values[k] : textOrNull(form.values[k]);
    }
    if (Object.keys(patch).length === 0) return onClose();
    const ok = await form.submit(() => mutate('updateContact', { id: contact.id, patch }));
    if (ok) {
      useUi.getState().toast('ok', 'Contact saved');
      onClose();
    }
  };
  return (
    <Modal
      title="Edit contact"
      onClose={onClose}
      width={600}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="contact-form" className="btn primary" disabled={form.busy}>
            Save contact
          </button>
        </>
      }
    >
      <form id="contact-form" className="form-grid" onSubmit={save} noValidate>
        {TEXT_FIELDS.map(([k, label, kind], i) => (
          <Field
            key={k}
            name={k}
            label={label}
            kind={kind}
            value={form.values[k]}
            onChange={(x) => form.set(k, x)}
            error={form.errors[k]}
            required={k === 'first_name' || k === 'last_name'}
            autoFocus={i === 0}
          />
        ))}
        <Field
          name="preferred_contact_method"
          label="Preferred contact"
          kind="select"
          value={form.values.preferred_contact_method}
          onChange={(x) => form.set('preferred_contact_method', x)}
          options={[{ value: '', label: '—' }, ...CONTACT_METHODS.map((m) => ({ value: m, label: humanize(m) }))]}
        />
        {form.formError && <div className="form-error wide">{form.formError}</div>}
      </form>
    </Modal>
  );
}
