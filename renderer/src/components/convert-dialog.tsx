import { mutate } from '../api/mutate';
import { useQuery } from '../api/use-query';
import { money, personName } from '../lib/format';
import { numOrNull, textOrNull, useForm } from '../lib/use-form';
import { useLookups } from '../stores/lookups';
import { navigate } from '../stores/router';
import { useUi } from '../stores/ui';
import { Field } from './field';
import { Modal } from './modal';

/**
 * "Convert to client", with the consequences spelled out before anything happens: conversion
 * is one way (the lead's status becomes final).
 */
export function ConvertDialog({ leadId, onClose }: { leadId: string; onClose(): void }) {
  const { data } = useQuery('leads.get', { id: leadId });
  const types = useLookups((s) => s.typeById);
  const carriers = useLookups((s) => s.lookups.carriers);
  const form = useForm({ policy_number: '', premium: '', carrier_id: '', effective_date: '' }, `convert:${leadId}`);
  if (!data) return null;
  const { lead, contacts, opportunities } = data;
  const name = personName(lead);
  const open = opportunities
    .filter((o) => o.stage !== 'won' && o.stage !== 'lost')
    .sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0));
  const winning = open[0];
  const premium = numOrNull(form.values.premium) ?? lead.quoted_premium;
  const typeName = types.get(lead.insurance_type_id)?.name ?? 'policy';

  const convert = async () => {
    const result = await form.submit(() =>
      mutate('convertLead', {
        lead_id: leadId,
        ...(textOrNull(form.values.policy_number) ? { policy_number: textOrNull(form.values.policy_number)! } : {}),
        ...(numOrNull(form.values.premium) !== null ? { premium: numOrNull(form.values.premium)! } : {}),
        // With a carrier the sale is written as the client's first policy term.
        ...(form.values.carrier_id ? { carrier_id: form.values.carrier_id } : {}),
        ...(form.values.effective_date ? { effective_date: form.values.effective_date } : {}),
      }),
    );
    if (result) {
      onClose();
      useUi.getState().toast('ok', `${name} is now a client`);
      navigate({ name: 'client', id: result.client_id });
    }
  };

  return (
    <Modal
      title={`Convert ${name} to a client?`}
      onClose={onClose}
      width={560}
      footer={
        <>
          <span className="muted small">This cannot be undone.</span>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn primary"
            onClick={() => void convert()}
            disabled={form.busy || lead.is_converted}
            data-testid="confirm-convert"
          >
            Convert to client
          </button>
        </>
      }
    >
      {lead.is_converted ? (
        <p>This lead was already converted.</p>
      ) : (
        <>
          <p className="muted">Converting will:</p>
          <ul className="consequences">
            <li>
              Create the {lead.lead_type === 'business' ? 'business' : 'individual'} client <strong>{name}</strong> with
              this lead’s email, phone, address, tags and custom fields.
            </li>
            <li>
              {winning ? (
                <>
                  Mark the opportunity <strong>{winning.name}</strong> as won
                  {winning.amount !== null ? ` (${money(winning.amount)})` : ''}.
                </>
              ) : (
                <>
                  Record a won <strong>{typeName}</strong> opportunity
                  {premium !== null && Number.isFinite(premium) ? ` at ${money(premium)}` : ''}.
                </>
              )}
            </li>
            <li>
              {contacts.length === 0
                ? 'Move no contacts (this lead has none).'
                : `Move ${contacts.length} contact${contacts.length === 1 ? '' : 's'} to the client.`}
            </li>
            <li>
              Set the lead’s status to <strong>Won / Converted</strong> for good and clear its follow-up. The lead’s
              notes, calls and history stay visible on the client.
            </li>
          </ul>
          <div className="form-grid">
            <Field
              name="carrier_id"
              label="Carrier"
              kind="select"
              value={form.values.carrier_id}
              onChange={(v) => form.set('carrier_id', v)}
              error={form.errors.carrier_id}
              options={[
                { value: '', label: 'No policy yet' },
                ...carriers.filter((c) => c.is_active && !c.deleted_at).map((c) => ({ value: c.id, label: c.name })),
              ]}
              hint="With a carrier, the policy is written too"
            />
            <Field
              name="effective_date"
              label="Effective date"
              kind="date"
              value={form.values.effective_date}
              onChange={(v) => form.set('effective_date', v)}
              error={form.errors.effective_date ?? form.errors.expiration_date}
              hint="Defaults to today"
            />
            <Field
              name="policy_number"
              label="Policy number (optional)"
              value={form.values.policy_number}
              onChange={(v) => form.set('policy_number', v)}
              error={form.errors.policy_number}
            />
            <Field
              name="premium"
              label="Written premium ($)"
              kind="number"
              placeholder={lead.quoted_premium !== null ? String(lead.quoted_premium) : ''}
              value={form.values.premium}
              onChange={(v) => form.set('premium', v)}
              error={form.errors.premium}
              hint="Defaults to the quoted premium"
            />
          </div>
          {form.formError && (
            <div className="form-error" style={{ marginTop: 10 }}>
              {form.formError}
            </div>
          )}
        </>
      )}
    </Modal>
  );
}
