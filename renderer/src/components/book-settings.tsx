import { useEffect } from 'react';
import { call } from '../api/client';
import { useForm } from '../lib/use-form';
import { useUi } from '../stores/ui';
import { Field } from './field';

/** A typed number of days as the API takes it (blank or not a number is refused there, by field). */
const days = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** When renewal work is made and when a lost prospect's X-date follow-up falls (this device's settings). */
export function BookSettings() {
  const form = useForm({ renewal_lead_days: '', xdate_window_days: '' });
  const v = form.values;
  useEffect(() => {
    void call('book.settings.get', {}).then((res) => {
      if (res.ok)
        form.reset({
          renewal_lead_days: String(res.value.renewal_lead_days),
          xdate_window_days: String(res.value.xdate_window_days),
        });
    });
    // Loads once; the form owns the values after that.
  }, []);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const saved = await form.submit(() =>
      call('book.settings.save', {
        renewal_lead_days: days(v.renewal_lead_days),
        xdate_window_days: days(v.xdate_window_days),
      }),
    );
    if (saved) useUi.getState().toast('ok', 'Renewal settings saved');
  };
  return (
    <form className="card settings-card" onSubmit={save} noValidate aria-label="Renewals and X-dates">
      <h2>Renewals and X-dates</h2>
      <div className="form-grid">
        <Field
          name="renewal_lead_days"
          label="Create renewal opportunity and follow-up, days before expiration"
          kind="number"
          value={v.renewal_lead_days}
          onChange={(x) => form.set('renewal_lead_days', x)}
          error={form.errors.renewal_lead_days}
          hint="0 turns it off. Made once per term, for your own policies."
        />
        <Field
          name="xdate_window_days"
          label="X-date follow-up: days before the X-date"
          kind="number"
          value={v.xdate_window_days}
          onChange={(x) => form.set('xdate_window_days', x)}
          error={form.errors.xdate_window_days}
          hint="When a lost prospect's current policy expiration is known."
        />
      </div>
      {form.formError && <div className="form-error">{form.formError}</div>}
      <button type="submit" className="btn primary" disabled={form.busy}>
        Save
      </button>
    </form>
  );
}
