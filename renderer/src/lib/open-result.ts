import type { SearchResult } from '../../../shared/api/types';
import { navigate } from '../stores/router';

/** Opens the record a search result (or an Ask citation) points at: its policy, client or lead. */
export function openResult(r: SearchResult) {
  if (r.kind === 'policy') navigate({ name: 'policy', id: r.id });
  else if (r.client_id) navigate({ name: 'client', id: r.client_id });
  else if (r.lead_id) navigate({ name: 'lead', id: r.lead_id });
  else if (r.kind === 'ticket') navigate({ name: 'tickets' });
  else if (r.kind === 'contact') navigate({ name: 'contacts' });
}
