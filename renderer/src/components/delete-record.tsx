import { useState } from 'react';
import type { MutationInput } from '../../../shared/mutations/registry';
import { mutate, messageOf } from '../api/mutate';
import { useUi } from '../stores/ui';
import { Modal } from './modal';

type Target = MutationInput<'softDelete'>;

/** Restores a deleted record; used by the toast's Undo and by the Trash. */
export async function restoreRecord(target: Target, what: string): Promise<boolean> {
  const res = await mutate('restore', target);
  if (!res.ok) useUi.getState().toast('error', `Could not restore ${what}: ${messageOf(res.error)}`);
  else useUi.getState().toast('ok', `Restored ${what}`);
  return res.ok;
}

/**
 * A Delete button that asks first. Deleting is soft (the row is marked and kept), so the toast
 * offers Undo, and Settings → Trash can restore it later.
 */
export function DeleteButton({
  target,
  what,
  label = 'Delete',
  onDeleted,
  className = 'btn ghost small danger',
}: {
  target: Target;
  /** What is deleted, in words: "the contact Pat Ruiz". */
  what: string;
  label?: string;
  onDeleted?(): void;
  className?: string;
}) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    const res = await mutate('softDelete', target);
    setBusy(false);
    if (!res.ok) return setError(messageOf(res.error));
    setAsking(false);
    useUi.getState().toast('ok', `Deleted ${what}`, { label: 'Undo', run: () => void restoreRecord(target, what) });
    onDeleted?.();
  };
  return (
    <>
      <button type="button" className={className} onClick={() => setAsking(true)} aria-label={`${label}: ${what}`}>
        {label}
      </button>
      {asking && (
        <Modal
          title={`Delete ${what}?`}
          onClose={() => setAsking(false)}
          width={420}
          footer={
            <>
              <button type="button" className="btn" onClick={() => setAsking(false)}>
                Cancel
              </button>
              <button type="button" className="btn danger" onClick={() => void confirm()} disabled={busy}>
                Delete
              </button>
            </>
          }
        >
          <p>It moves to the Trash (Settings → Trash), where it can be restored.</p>
          {error && <div className="form-error">{error}</div>}
        </Modal>
      )}
    </>
  );
}
