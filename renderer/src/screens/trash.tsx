import type { TrashItem } from '../../../shared/api/types';
import { useQuery } from '../api/use-query';
import { restoreRecord } from '../components/delete-record';
import { EmptyState, ErrorBanner, RelTime } from '../components/values';

const KIND: Record<TrashItem['table'], string> = {
  leads: 'Lead',
  clients: 'Client',
  contacts: 'Contact',
  support_tickets: 'Ticket',
};

/** Deleted leads, clients, contacts and tickets (soft-deleted, so kept), each with Restore. */
export function TrashScreen() {
  const { data, error, reload } = useQuery('trash.list', {});
  return (
    <div className="screen" data-screen="trash">
      <div className="screen-head">
        <h1>Trash</h1>
        <span className="muted">Deleted records stay here until restored</span>
      </div>
      <div className="screen-body">
        {error && !data && <ErrorBanner message={`Could not load the Trash: ${error.message}`} onRetry={reload} />}
        {data && data.length === 0 && (
          <EmptyState title="The Trash is empty">Deleted leads, clients, contacts and tickets appear here.</EmptyState>
        )}
        {data && data.length > 0 && (
          <ul className="plain-list card" aria-label="Deleted records" data-testid="trash-list">
            {data.map((item) => (
              <li key={`${item.table}:${item.id}`} className="row">
                <span className="muted small">{KIND[item.table]}</span>
                <strong>{item.name || 'Unnamed'}</strong>
                <span className="spacer" />
                <span className="small">
                  deleted <RelTime at={item.deleted_at} />
                </span>
                <button
                  type="button"
                  className="btn small"
                  aria-label={`Restore ${KIND[item.table].toLowerCase()} ${item.name}`}
                  onClick={() =>
                    void restoreRecord(
                      { table: item.table, id: item.id },
                      `${KIND[item.table].toLowerCase()} ${item.name}`,
                    )
                  }
                >
                  Restore
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
