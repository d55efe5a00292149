import { useState } from 'react';
import { useQuery } from '../../api/use-query';
import { navigate } from '../../stores/router';
import { Field } from '../field';
import { Modal } from '../modal';

/**
 * "Merge with…" on a lead or client page: find the other record by name, email or phone and
 * open the merge screen with this record kept. The search is the app's own index (search.global).
 */
export function MergeWithDialog({
  kind,
  id,
  name,
  onClose,
}: {
  kind: 'leads' | 'clients';
  id: string;
  name: string;
  onClose(): void;
}) {
  const [text, setText] = useState('');
  const wanted = kind === 'leads' ? 'lead' : 'client';
  const { data } = useQuery('search.global', text.trim() ? { text: text.trim(), limit: 20 } : null);
  // A converted lead (it names its client) is the client's history: it is not offered.
  const found = (data ?? [])
    .filter((r) => r.kind === wanted && r.id !== id && !(wanted === 'lead' && r.client_id))
    .slice(0, 8);
  return (
    <Modal title={`Merge ${name} with…`} onClose={onClose}>
      <Field
        name="merge-search"
        label={`Find the other ${wanted}`}
        value={text}
        onChange={setText}
        placeholder="Name, email or phone"
        autoFocus
        wide
      />
      {text.trim() && data && found.length === 0 && <p className="muted">No other {wanted} matches.</p>}
      {found.length > 0 && (
        <ul className="plain-list" aria-label={`Matching ${kind}`}>
          {found.map((r) => (
            <li key={r.id} className="row">
              <span>{r.title}</span>
              <span className="spacer" />
              <button
                type="button"
                className="btn small"
                aria-label={`Merge with ${r.title}`}
                onClick={() => {
                  onClose();
                  navigate({ name: 'merge', kind, survivor: id, merged: r.id });
                }}
              >
                Merge with this
              </button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
