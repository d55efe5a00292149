import { mutate } from '../api/mutate';
import { numOrNull, textOrNull, useForm } from '../lib/use-form';
import { useLookups } from '../stores/lookups';
import { navigate } from '../stores/router';
import { useUi } from '../stores/ui';
import { DuplicateWarning } from './duplicate-warning';
import { Field } from './field';
import { Modal } from './modal';

const INITIAL = {
  lead_type: 'individual',
  first_name: '',
  last_name: '',
  business_name: '',
  email: '',
  phone: '',
  insurance_type_id: '',
  source: '',
  quoted_premium: '',
  priority: '3',
};

/** New lead: the few fields an agent has on the phone; everything else is on the lead page. */
export function NewLeadDialog() {
  const types = useLookups((s) => s.lookups.insurance_types);
  const close = () => useUi.getState().set({ newLead: false });
  const form = useForm({ ...INITIAL, insurance_type_id: types[0]?.id ?? '' }, 'new-lead');
  const v = form.values;
  const business = v.lead_type === 'business';

  const save = async (e?: React.FormEvent) => {
    e?.preventDefault();
    const row = await form.submit(() =>
      mutate('createLead', {
        lead_type: business ? 'business' : 'individual',
        first_name: business ? null : textOrNull(v.first_name),
        last_name: business ? null : textOrNull(v.last_name),
        business_name: business ? textOrNull(v.business_name) : null,
        email: textOrNull(v.email),
        phone: textOrNull(v.phone),
        insurance_type_id: v.insurance_type_id,
        source: textOrNull(v.source),
        quoted_premium: numOrNull(v.quoted_premium),
        priority: Number(v.priority),
      }),
    );
    if (row) {
      close();
      useUi
        .getState()
        .toast('ok', `Lead ${business ? v.business_name : `${v.first_name} ${v.last_name}`.trim()} created`);
      navigate({ name: 'lead', id: row.id });
    }
  };

  const f = (name: keyof typeof INITIAL, label: string, extra: Partial<React.ComponentProps<typeof Field>> = {}) => (
    <Field
      name={name}
      label={label}
      value={v[name]}
      onChange={(x) => form.set(name, x)}
      error={form.errors[name]}
      {...extra}
    />
  );

  return (
    <Modal
      title="New lead"
      onClose={close}
      footer={
        <>
          <span className="muted small">Saved on this device; syncs when connected.</span>
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" form="new-lead-form" className="btn primary" disabled={form.busy}>
            Create lead
          </button>
        </>
      }
    >
      <form id="new-lead-form" className="form-grid" onSubmit={save} noValidate>
        {f('lead_type', 'Type', {
          kind: 'select',
          options: [
            { value: 'individual', label: 'Individual' },
            { value: 'business', label: 'Business' },
          ],
        })}
        {f('insurance_type_id', 'Insurance', {
          kind: 'select',
          options: types.map((t) => ({ value: t.id, label: t.name })),
        })}
        {business ? (
          f('business_name', 'Business name', { wide: true, required: true, autoFocus: true })
        ) : (
          <>
            {f('first_name', 'First name', { autoFocus: true })}
            {f('last_name', 'Last name', { required: true })}
          </>
        )}
        {f('email', 'Email', { kind: 'email' })}
        {f('phone', 'Phone', { kind: 'tel' })}
        {f('source', 'Source', { placeholder: 'Referral, website…' })}
        {f('quoted_premium', 'Quoted premium ($)', { kind: 'number' })}
        {f('priority', 'Priority', {
          kind: 'select',
          options: ['1', '2', '3', '4', '5'].map((p) => ({
            value: p,
            label: `${p}${p === '1' ? ' (highest)' : p === '5' ? ' (lowest)' : ''}`,
          })),
        })}
        <DuplicateWarning
          kind="leads"
          draft={{
            first_name: business ? null : textOrNull(v.first_name),
            last_name: business ? null : textOrNull(v.last_name),
            business_name: business ? textOrNull(v.business_name) : null,
            email: textOrNull(v.email),
            phone: textOrNull(v.phone),
          }}
        />
        {form.formError && <div className="form-error wide">{form.formError}</div>}
      </form>
    </Modal>
  );
}
