import { useState } from 'react';
import type { Row } from '../../../../shared/model/catalogue';
import { fieldOf, messageOf, mutate } from '../../api/mutate';
import { useUi } from '../../stores/ui';
import { Field } from '../field';

const FIELDS = [
  ['email', 'Email', 'email'],
  ['phone', 'Phone', 'tel'],
  ['occupation', 'Occupation', 'text'],
  ['source', 'Source', 'text'],
] as const;
type Key = (typeof FIELDS)[number][0];

/** A client's contact fields, saved with updateClient (only what changed, so the field history says what moved). */
export function ClientEditCard({ client }: { client: Row<'clients'> }) {
  const initial = Object.fromEntries(FIELDS.map(([k]) => [k, client[k] ?? ''])) as Record<Key, string>;
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const toast = useUi((s) => s.toast);
  const changed = FIELDS.map(([k]) => k).filter((k) => v[k] !== initial[k]);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const patch = Object.fromEntries(changed.map((k) => [k, v[k].trim() === '' ? null : v[k].trim()]));
    const res = await mutate('updateClient', { id: client.id, patch });
    if (!res.ok) {
      const field = fieldOf(res.error);
      if (field) return setErrors({ [field]: messageOf(res.error) });
      return toast('error', messageOf(res.error));
    }
    setErrors({});
    toast('ok', 'Client saved');
  }

  return (
    <form className="card" onSubmit={(e) => void save(e)} noValidate aria-label="Client contact details">
      <div className="card-head">
        <h3>Contact details</h3>
      </div>
      <div className="form-grid">
        {FIELDS.map(([k, label, kind]) => (
          <Field
            key={k}
            label={label}
            name={k}
            kind={kind}
            value={v[k]}
            onChange={(value) => setV((p) => ({ ...p, [k]: value }))}
            error={errors[k]}
          />
        ))}
      </div>
      <div className="row" style={{ justifyContent: 'flex-end', marginTop: 10 }}>
        <button type="submit" className="btn primary" disabled={changed.length === 0}>
          Save contact details
        </button>
      </div>
    </form>
  );
}
