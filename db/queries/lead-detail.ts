import type { LeadDetail } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import type { ReplicaDb } from '../sqlite/open';
import { rowById, rowsWhere } from './rows';
import { inSnapshot } from './statements';
import { timeline } from './timeline';

/** Everything the lead page shows, from the replica in one go. */
export function leadDetail(db: ReplicaDb, id: string): LeadDetail {
  return inSnapshot(db, () => readLeadDetail(db, id));
}

function readLeadDetail(db: ReplicaDb, id: string): LeadDetail {
  const lead = rowById(db, 'leads', id);
  if (!lead || lead.deleted_at) throw new AppError('not_found', `lead ${id} does not exist`, 'id');
  const owner = rowById(db, 'users', lead.owner_id);
  const client = rowById(db, 'clients', lead.converted_to_client_id);
  const [marketing] = rowsWhere(db, 'lead_marketing_settings', 'lead_id', id);
  return {
    lead,
    owner: owner ? { id: owner.id, full_name: owner.full_name, email: owner.email } : null,
    address: rowById(db, 'addresses', lead.address_id),
    // After conversion the contacts belong to the client; the lead page still shows them.
    contacts: client ? rowsWhere(db, 'contacts', 'client_id', client.id) : rowsWhere(db, 'contacts', 'lead_id', id),
    opportunities: rowsWhere(db, 'opportunities', 'lead_id', id),
    marketing: marketing ?? null,
    client: client
      ? {
          id: client.id,
          client_type: client.client_type,
          first_name: client.first_name,
          last_name: client.last_name,
          business_name: client.business_name,
        }
      : null,
    timeline: timeline(db, { lead_id: id }),
  };
}
