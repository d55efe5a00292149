import { useState } from 'react';
import { mutate } from '../api/mutate';
import { useQuery } from '../api/use-query';
import { textOrNull, useForm } from '../lib/use-form';
import { useUi } from '../stores/ui';
import { Field } from './field';
import { Modal } from './modal';

/** The reasons agents give most; "Other" asks for the details. */
const REASONS = [
  'Price too high',
  'Chose another agency',
  'Stayed with current carrier',
  'No response',
  'Not eligible',
  'Other',
];

/**
 * Setting a lead to a lost status asks why, so the reason lands in the lead's lost_reason (and on
 * the status change in the timeline) instead of being lost with the lead.
 */
export function LostReasonDialog({
  lead,
  status,
  onClose,
  onDone,
}: {
  lead: { id: string; name: string; status_id: string };
  status: { id: string; name: string };
  onClose(): void;
  onDone?(): void;
}) {
  const form = useForm({ reason: '', details: '' });
  // The X-date follow-up falls this many days before the prospect's policy expires (Settings).
  const xdateWindow = useQuery('book.settings.get', {}).data?.xdate_window_days;
  const [from] = useState(lead.status_id);
  const v = form.values;
  const save = async (e?: React.FormEvent) => {
    e?.preventDefault();
    const details = textOrNull(v.details);
    if (!v.reason) return form.setErrors({ reason: 'Choose why the lead was lost' });
    if (v.reason === 'Other' && !details) return form.setErrors({ details: 'Say why the lead was lost' });
    const reason = details ? (v.reason === 'Other' ? details : `${v.reason}: ${details}`) : v.reason;
    const ok = await form.submit(() =>
      mutate('changeLeadStatus', {
        lead_id: lead.id,
        status_id: status.id,
        reason,
        ...(xdateWindow === undefined ? {} : { xdate_window_days: xdateWindow }),
      }),
    );
    if (!ok) return;
    onClose();
    onDone?.();
    useUi.getState().toast('ok', `${lead.name} marked ${status.name}: ${reason}`, {
      label: 'Undo',
      run: () => void mutate('changeLeadStatus', { lead_id: lead.id, status_id: from }),
    });
  };
  return (
    <Modal
      title={`Why was ${lead.name} lost?`}
      onClose={onClose}
      width={460}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="lost-reason-form" className="btn primary" disabled={form.busy}>
            Mark as {status.name}
          </button>
        </>
      }
    >
      <form id="lost-reason-form" className="form-grid" onSubmit={save} noValidate>
        <Field
          name="reason"
          label="Reason"
          kind="select"
          required
          value={v.reason}
          onChange={(x) => form.set('reason', x)}
          error={form.errors.reason}
          options={[{ value: '', label: 'Choose a reason…' }, ...REASONS.map((r) => ({ value: r, label: r }))]}
          wide
        />
        <Field
          name="details"
          label={v.reason === 'Other' ? 'Details' : 'Details (optional)'}
          value={v.details}
          onChange={(x) => form.set('details', x)}
          error={form.errors.details}
          placeholder="Quoted $300 less at another agency…"
          wide
        />
        {form.formError && <div className="form-error wide">{form.formError}</div>}
      </form>
    </Modal>
  );
}
