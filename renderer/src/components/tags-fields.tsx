import { useState } from 'react';
import { messageOf, mutate } from '../api/mutate';
import { humanize } from '../lib/format';
import { useUi } from '../stores/ui';
import { Icon } from './icon';
import { Tag } from './pills';

/** Tags as adds and removes (editLeadTags), so edits from two devices merge. */
export function TagsEditor({ leadId, tags }: { leadId: string; tags: string[] }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    const tag = text.trim();
    if (!tag) return;
    const res = await mutate('editLeadTags', { lead_id: leadId, add: [tag] });
    if (res.ok) {
      setText('');
      setError(null);
    } else setError(messageOf(res.error));
  };
  const remove = async (tag: string) => {
    const res = await mutate('editLeadTags', { lead_id: leadId, remove: [tag] });
    if (!res.ok) useUi.getState().toast('error', messageOf(res.error));
    else
      useUi.getState().toast('ok', `Removed tag ${tag}`, {
        label: 'Undo',
        run: () => void mutate('editLeadTags', { lead_id: leadId, add: [tag] }),
      });
  };
  return (
    <div>
      <div className="tag-row">
        {tags.length === 0 && <span className="muted small">No tags. Tags group leads for filters and campaigns.</span>}
        {tags.map((t) => (
          <Tag key={t} text={t} onRemove={() => void remove(t)} />
        ))}
      </div>
      <form className="row inline-form" onSubmit={add}>
        <input
          className="input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Add a tag"
          aria-label="New tag"
          aria-invalid={error ? true : undefined}
        />
        <button type="submit" className="btn small" disabled={!text.trim()}>
          Add
        </button>
      </form>
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}

/** Custom fields set and unset key by key (editCustomFields). */
export function CustomFieldsEditor({ leadId, fields }: { leadId: string; fields: Record<string, unknown> }) {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const entries = Object.entries(fields);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const parsed =
      value.trim() === 'true'
        ? true
        : value.trim() === 'false'
          ? false
          : value.trim() !== '' && !Number.isNaN(Number(value))
            ? Number(value)
            : value;
    const res = await mutate('editCustomFields', { lead_id: leadId, set: { [name.trim()]: parsed } });
    if (res.ok) {
      setName('');
      setValue('');
      setError(null);
    } else setError(messageOf(res.error));
  };
  const unset = async (key: string) => {
    const old = fields[key] as string | number | boolean | null;
    const res = await mutate('editCustomFields', { lead_id: leadId, unset: [key] });
    if (res.ok)
      useUi.getState().toast('ok', `Removed ${humanize(key)}`, {
        label: 'Undo',
        run: () => void mutate('editCustomFields', { lead_id: leadId, set: { [key]: old } }),
      });
  };
  return (
    <div>
      {entries.length === 0 ? (
        <div className="muted small">No custom fields. Add agency-specific facts such as “Referred by”.</div>
      ) : (
        <dl className="kv custom">
          {entries.map(([k, v]) => (
            <div key={k} className="kv-row">
              <dt title={k}>{humanize(k)}</dt>
              <dd>{String(v)}</dd>
              <button
                type="button"
                className="icon-btn"
                aria-label={`Remove ${humanize(k)}`}
                onClick={() => void unset(k)}
              >
                <Icon name="x" size={12} />
              </button>
            </div>
          ))}
        </dl>
      )}
      <form className="row inline-form" onSubmit={save}>
        <input
          className="input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Field"
          aria-label="Custom field name"
        />
        <input
          className="input"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="Value"
          aria-label="Custom field value"
        />
        <button type="submit" className="btn small" disabled={!name.trim()}>
          Set
        </button>
      </form>
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}
