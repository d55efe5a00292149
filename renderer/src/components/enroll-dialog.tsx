import type { TimelineItem } from '../../../shared/api/types';
import { mutate } from '../api/mutate';
import { humanize } from '../lib/format';
import { useForm } from '../lib/use-form';
import { useLookups } from '../stores/lookups';
import { navigate } from '../stores/router';
import { useUi } from '../stores/ui';
import { Field } from './field';
import { Modal } from './modal';

type Subject = { lead_id: string } | { client_id: string };

/**
 * The campaigns a timeline says this subject was enrolled in. A client's timeline also shows
 * the history of the lead it came from, whose enrollments are the lead's, not the client's.
 */
export function enrolledCampaignIds(timeline: TimelineItem[], subject: Subject): Set<string> {
  const mine = (i: TimelineItem) =>
    'lead_id' in subject ? i.lead_id === subject.lead_id : i.client_id === subject.client_id && i.lead_id === null;
  const ids = timeline
    .filter((i) => i.kind === 'event' && i.title === 'campaign_enrolled' && mine(i))
    .map((i) => i.meta.campaign_id);
  return new Set(ids.filter((id): id is string => typeof id === 'string'));
}

/** "Enroll in a campaign": pick one from the lookups; the enrollment lands on the timeline. */
export function EnrollDialog({
  subject,
  name,
  enrolled,
  onClose,
}: {
  subject: Subject;
  name: string;
  enrolled: Set<string>;
  onClose(): void;
}) {
  const campaigns = useLookups((s) => s.lookups.campaigns).filter((c) => c.status !== 'completed');
  const form = useForm({ campaign_id: '' });
  const chosen = campaigns.find((c) => c.id === form.values.campaign_id);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!form.values.campaign_id) return form.setErrors({ campaign_id: 'Choose a campaign' });
    const ok = await form.submit(() =>
      mutate('enrollInCampaign', { ...subject, campaign_id: form.values.campaign_id }),
    );
    if (ok) {
      useUi.getState().toast('ok', `${name} enrolled in ${chosen?.name ?? 'the campaign'}`);
      onClose();
    }
  };

  const footer = (
    <>
      <button type="button" className="btn" onClick={onClose}>
        Cancel
      </button>
      {campaigns.length > 0 && (
        <button type="submit" form="enroll-form" className="btn primary" disabled={form.busy}>
          Enroll
        </button>
      )}
    </>
  );
  return (
    <Modal
      title={`Enroll ${name} in a campaign`}
      label="Enroll in a campaign"
      onClose={onClose}
      footer={footer}
      width={480}
    >
      {campaigns.length === 0 ? (
        <div className="row">
          <span className="muted">No open campaigns yet.</span>
          <button type="button" className="btn small" onClick={() => (onClose(), navigate({ name: 'campaigns' }))}>
            Create one on Campaigns
          </button>
        </div>
      ) : (
        <form id="enroll-form" onSubmit={save} noValidate>
          <Field
            name="campaign_id"
            label="Campaign"
            kind="select"
            value={form.values.campaign_id}
            onChange={(x) => form.set('campaign_id', x)}
            error={form.errors.campaign_id}
            options={[
              { value: '', label: 'Choose a campaign…' },
              ...campaigns.map((c) => ({
                value: c.id,
                label: `${c.name}${c.channel ? ` · ${humanize(c.channel)}` : ''}${c.status !== 'active' ? ` (${c.status})` : ''}${enrolled.has(c.id) ? ' — already enrolled' : ''}`,
              })),
            ]}
            autoFocus
          />
          {chosen?.description && <p className="muted small">{chosen.description}</p>}
          {form.formError && (
            <div className="form-error" style={{ marginTop: 10 }}>
              {form.formError}
            </div>
          )}
        </form>
      )}
    </Modal>
  );
}
