import type { Row } from '../../../shared/model/catalogue';
import { mutate } from '../api/mutate';
import { numOrNull, textOrNull, useForm } from '../lib/use-form';
import { useLookups } from '../stores/lookups';
import { useUi } from '../stores/ui';
import { Field } from './field';

type Lead = Row<'leads'>;
const TEXT = ['first_name', 'last_name', 'business_name', 'email', 'phone', 'source', 'current_carrier'] as const;
const MONEY = ['current_premium', 'quoted_premium', 'umbrella_limit', 'umbrella_premium'] as const;
const DATES = ['date_of_birth', 'policy_expiration_date'] as const;

function valuesOf(lead: Lead) {
  const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return {
    ...Object.fromEntries([...TEXT, ...MONEY, ...DATES].map((k) => [k, s(lead[k])])),
    insurance_type_id: lead.insurance_type_id,
    priority: String(lead.priority),
    preferred_contact_method: s(lead.preferred_contact_method),
  } as Record<string, string>;
}

/**
 * The lead's own fields. Saves only what changed (updateLead's patch) with the values the
 * agent started from (`base`), so the server can tell our edits from someone else's.
 */
export function LeadFieldsForm({ lead }: { lead: Lead }) {
  const types = useLookups((s) => s.lookups.insurance_types);
  const initial = valuesOf(lead);
  const form = useForm(initial, `lead-fields:${lead.id}`);
  const v = form.values;
  const changed = Object.keys(initial).filter((k) => v[k] !== initial[k]);
  const business = lead.lead_type === 'business';

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (changed.length === 0) return;
    const patch: Record<string, unknown> = {};
    const base: Record<string, unknown> = {};
    for (const k of changed) {
      base[k] = lead[k as keyof Lead];
      if ((MONEY as readonly string[]).includes(k)) patch[k] = numOrNull(v[k]);
      else if (k === 'priority') patch[k] = Number(v[k]);
      else if (k === 'insurance_type_id') patch[k] = v[k];
      else patch[k] = textOrNull(v[k]);
    }
    const res = await form.submit(() => mutate('updateLead', { id: lead.id, patch, base }));
    if (res) {
      if (res.stale.length)
        useUi
          .getState()
          .toast('error', `Saved, but someone else had also changed: ${res.stale.join(', ')}. Check the values.`);
      else useUi.getState().toast('ok', 'Lead saved');
    }
  };

  const f = (name: string, label: string, extra: Partial<React.ComponentProps<typeof Field>> = {}) => (
    <Field
      name={name}
      label={label}
      value={v[name] ?? ''}
      onChange={(x) => form.set(name, x)}
      error={form.errors[name]}
      {...extra}
    />
  );
  return (
    <form className="card" onSubmit={save} noValidate aria-label="Lead details">
      <div className="card-head">
        <h3>Details</h3>
      </div>
      <div className="form-grid three">
        {business ? (
          f('business_name', 'Business name', { required: true })
        ) : (
          <>
            {f('first_name', 'First name')}
            {f('last_name', 'Last name', { required: true })}
          </>
        )}
        {f('email', 'Email', { kind: 'email' })}
        {f('phone', 'Phone', { kind: 'tel' })}
        {f('preferred_contact_method', 'Prefers', {
          kind: 'select',
          options: [
            { value: '', label: '—' },
            ...['phone', 'email', 'sms', 'mail', 'in_person'].map((m) => ({
              value: m,
              label: m === 'sms' ? 'Text' : m === 'in_person' ? 'In person' : m[0]!.toUpperCase() + m.slice(1),
            })),
          ],
        })}
        {!business && f('date_of_birth', 'Date of birth', { kind: 'date' })}
        {f('insurance_type_id', 'Insurance', {
          kind: 'select',
          options: types.map((t) => ({ value: t.id, label: t.name })),
          disabled: lead.is_converted,
        })}
        {f('priority', 'Priority', {
          kind: 'select',
          options: ['1', '2', '3', '4', '5'].map((p) => ({
            value: p,
            label: `P${p}${p === '1' ? ' – most urgent' : ''}`,
          })),
        })}
        {f('source', 'Source')}
        {f('current_carrier', 'Current carrier')}
        {f('current_premium', 'Current premium ($)', { kind: 'number' })}
        {f('quoted_premium', 'Quoted premium ($)', { kind: 'number' })}
        {f('policy_expiration_date', 'Current policy expires', { kind: 'date' })}
        {f('umbrella_limit', 'Umbrella limit ($)', { kind: 'number' })}
        {f('umbrella_premium', 'Umbrella premium ($)', { kind: 'number' })}
      </div>
      {form.formError && (
        <div className="form-error" style={{ marginTop: 10 }}>
          {form.formError}
        </div>
      )}
      <div className="form-actions">
        <span className="status">
          {changed.length ? `${changed.length} unsaved change${changed.length > 1 ? 's' : ''}` : ''}
        </span>
        {changed.length > 0 && (
          <button type="button" className="btn" onClick={() => form.reset(initial)}>
            Discard
          </button>
        )}
        <button type="submit" className="btn primary" disabled={form.busy || changed.length === 0}>
          Save details
        </button>
      </div>
    </form>
  );
}
