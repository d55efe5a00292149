import { useEffect, useRef, useState } from 'react';
import { mutate } from '../api/mutate';
import { localToIso, textOrNull, useForm } from '../lib/use-form';
import { useLookups } from '../stores/lookups';
import { useUi } from '../stores/ui';
import { Field } from './field';

type Subject = { lead_id: string } | { client_id: string };
const keyOf = (s: Subject) => ('lead_id' in s ? `lead:${s.lead_id}` : `client:${s.client_id}`);

function NoteForm({ subject }: { subject: Subject }) {
  const form = useForm({ body: '', is_pinned: false as boolean }, `note:${keyOf(subject)}`);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const ok = await form.submit(() =>
      mutate('addNote', { ...subject, body: form.values.body, is_pinned: form.values.is_pinned }),
    );
    if (ok) {
      form.reset({ body: '', is_pinned: false });
      useUi.getState().toast('ok', 'Note saved');
    }
  };
  return (
    <form onSubmit={save} noValidate>
      <Field
        name="body"
        label="Note"
        kind="textarea"
        value={form.values.body}
        onChange={(v) => form.set('body', v)}
        error={form.errors.body}
        placeholder="What happened, what was promised, what’s next…"
      />
      {form.formError && <div className="form-error">{form.formError}</div>}
      <div className="form-actions">
        <label className="check status">
          <input
            type="checkbox"
            checked={form.values.is_pinned}
            onChange={(e) => form.set('is_pinned', e.target.checked)}
          />{' '}
          Pin
        </label>
        <button type="submit" className="btn primary" disabled={form.busy}>
          Save note
        </button>
      </div>
    </form>
  );
}

const EMPTY_LOG = {
  communication_type_id: '',
  direction: 'outbound',
  subject: '',
  body: '',
  outcome: '',
  duration_minutes: '',
  follow_up_at: '',
};

function LogForm({ subject, onDone }: { subject: Subject; onDone?(): void }) {
  const types = useLookups((s) => s.lookups.communication_types);
  const form = useForm({ ...EMPTY_LOG, communication_type_id: types[0]?.id ?? '' }, `log:${keyOf(subject)}`);
  const v = form.values;
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const minutes = v.duration_minutes.trim() ? Number(v.duration_minutes) : undefined;
    const ok = await form.submit(() =>
      mutate('logCommunication', {
        ...subject,
        communication_type_id: v.communication_type_id,
        direction: v.direction === 'inbound' ? 'inbound' : 'outbound',
        subject: textOrNull(v.subject) ?? undefined,
        body: textOrNull(v.body) ?? undefined,
        outcome: textOrNull(v.outcome) ?? undefined,
        duration_seconds: minutes === undefined ? undefined : Math.round(minutes * 60),
        follow_up_at: localToIso(v.follow_up_at),
      }),
    );
    if (ok) {
      form.reset({ ...EMPTY_LOG, communication_type_id: v.communication_type_id });
      useUi.getState().toast('ok', `${types.find((t) => t.id === v.communication_type_id)?.name ?? 'Activity'} logged`);
      onDone?.();
    }
  };
  const errs = form.errors;
  return (
    <form onSubmit={save} noValidate className="form-grid three">
      <Field
        name="communication_type_id"
        label="Type"
        kind="select"
        value={v.communication_type_id}
        onChange={(x) => form.set('communication_type_id', x)}
        error={errs.communication_type_id}
        options={types.map((t) => ({ value: t.id, label: t.name }))}
      />
      <Field
        name="direction"
        label="Direction"
        kind="select"
        value={v.direction}
        onChange={(x) => form.set('direction', x)}
        options={[
          { value: 'outbound', label: 'Outbound' },
          { value: 'inbound', label: 'Inbound' },
        ]}
      />
      <Field
        name="duration_minutes"
        label="Minutes"
        kind="number"
        value={v.duration_minutes}
        onChange={(x) => form.set('duration_minutes', x)}
        error={errs.duration_seconds}
      />
      <Field
        name="subject"
        label="Subject"
        value={v.subject}
        onChange={(x) => form.set('subject', x)}
        error={errs.subject}
        wide
      />
      <Field
        name="body"
        label="Summary"
        kind="textarea"
        value={v.body}
        onChange={(x) => form.set('body', x)}
        error={errs.body}
        wide
        placeholder="What was discussed and agreed"
      />
      <Field
        name="outcome"
        label="Outcome"
        value={v.outcome}
        onChange={(x) => form.set('outcome', x)}
        error={errs.outcome}
        placeholder="Left voicemail, wants quote…"
      />
      <Field
        name="follow_up_at"
        label="Follow up at"
        kind="datetime-local"
        value={v.follow_up_at}
        onChange={(x) => form.set('follow_up_at', x)}
        error={errs.follow_up_at}
      />
      <div className="form-actions" style={{ alignSelf: 'end', marginTop: 0 }}>
        <button type="submit" className="btn primary" disabled={form.busy}>
          Log activity
        </button>
      </div>
      {form.formError && <div className="form-error wide">{form.formError}</div>}
    </form>
  );
}

/** Write a note or log a call/email/text/meeting. Drafts survive failed saves and navigation. */
export function Composer({ subject, initial = 'log' }: { subject: Subject; initial?: 'note' | 'log' }) {
  const [tab, setTab] = useState<'note' | 'log'>(initial);
  const ref = useRef<HTMLDivElement>(null);
  // Alt+N writes a note, Alt+L logs an activity, from anywhere on the record page.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const which = e.code === 'KeyN' ? 'note' : e.code === 'KeyL' ? 'log' : null;
      if (!which) return;
      e.preventDefault();
      setTab(which);
      setTimeout(() =>
        ref.current?.querySelector<HTMLElement>(which === 'note' ? 'textarea' : 'select, input')?.focus(),
      );
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="card composer" data-testid="composer" ref={ref}>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'log'} onClick={() => setTab('log')}>
          Log activity
        </button>
        <button type="button" role="tab" aria-selected={tab === 'note'} onClick={() => setTab('note')}>
          Note
        </button>
      </div>
      {tab === 'note' ? <NoteForm subject={subject} /> : <LogForm subject={subject} />}
    </div>
  );
}

export { LogForm };
