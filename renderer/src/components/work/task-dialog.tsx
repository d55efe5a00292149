import { useMemo, useState } from 'react';
import { TASK_PRIORITIES } from '../../../../shared/model/tables/work';
import { fieldOf, messageOf, mutate } from '../../api/mutate';
import { humanize } from '../../lib/format';
import { useLookups } from '../../stores/lookups';
import { useUi } from '../../stores/ui';
import { Field } from '../field';
import { Modal } from '../modal';

export type TaskSubject = { lead_id: string } | { client_id: string } | { ticket_id: string } | { policy_id: string };

/** Tomorrow at 9:00 local time, as a datetime-local value. */
function tomorrowMorning(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** New task on a record: title, whom it is for, when it is due, how urgent. */
export function TaskDialog({ subject, onClose }: { subject: TaskSubject; onClose(): void }) {
  const allUsers = useLookups((s) => s.lookups.users);
  const users = useMemo(() => allUsers.filter((u) => u.is_active && !u.deleted_at), [allUsers]);
  const toast = useUi((s) => s.toast);
  const [v, setV] = useState({ title: '', assigned_to: '', due_at: tomorrowMorning(), priority: 'normal', notes: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const set = (k: keyof typeof v) => (value: string) => setV((p) => ({ ...p, [k]: value }));

  async function save() {
    const due = new Date(v.due_at);
    if (!v.due_at || Number.isNaN(due.getTime())) return setErrors({ due_at: 'is not a valid date and time' });
    setSaving(true);
    const res = await mutate('createTask', {
      ...subject,
      title: v.title,
      due_at: due.toISOString(),
      priority: v.priority as (typeof TASK_PRIORITIES)[number],
      ...(v.notes.trim() ? { notes: v.notes } : {}),
      ...(v.assigned_to ? { assigned_to: v.assigned_to } : {}),
    });
    setSaving(false);
    if (!res.ok) {
      const field = fieldOf(res.error);
      if (field) return setErrors({ [field]: messageOf(res.error) });
      return toast('error', messageOf(res.error));
    }
    toast('ok', `Task added: ${res.value.title}`);
    onClose();
  }

  return (
    <Modal
      title="New task"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn primary" disabled={saving} onClick={() => void save()}>
            Add task
          </button>
        </>
      }
    >
      <div className="form-grid">
        <Field
          label="Task"
          name="title"
          value={v.title}
          onChange={set('title')}
          error={errors.title}
          required
          wide
          autoFocus
        />
        <Field
          label="Assign to"
          name="assigned_to"
          kind="select"
          value={v.assigned_to}
          onChange={set('assigned_to')}
          error={errors.assigned_to}
          options={[
            { value: '', label: 'Me' },
            ...users.map((u) => ({ value: u.id, label: `${u.full_name} (${u.role})` })),
          ]}
        />
        <Field
          label="Priority"
          name="priority"
          kind="select"
          value={v.priority}
          onChange={set('priority')}
          options={TASK_PRIORITIES.map((p) => ({ value: p, label: humanize(p) }))}
        />
        <Field
          label="Due"
          name="due_at"
          kind="datetime-local"
          value={v.due_at}
          onChange={set('due_at')}
          error={errors.due_at}
        />
        <Field
          label="Notes"
          name="notes"
          kind="textarea"
          value={v.notes}
          onChange={set('notes')}
          error={errors.notes}
          wide
        />
      </div>
    </Modal>
  );
}
