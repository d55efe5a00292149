import { AppError } from '../errors';
import type { Tx } from './tx';
import { assertCanWrite, mustGet, type MutationContext } from './define';

/**
 * Loads the lead or client an activity is about and checks the actor may write to it.
 * Activities inherit its ownership, so they sync (and are protected) with it.
 */
export async function loadSubject(tx: Tx, ctx: MutationContext, ref: { lead_id?: string; client_id?: string }) {
  if (ref.lead_id) {
    const lead = await mustGet(tx, 'leads', ref.lead_id, 'lead', 'lead_id');
    assertCanWrite(ctx, lead, 'lead');
    return { lead_id: lead.id, client_id: null, owner_id: lead.owner_id, team_id: lead.team_id, lead };
  }
  if (ref.client_id) {
    const client = await mustGet(tx, 'clients', ref.client_id, 'client', 'client_id');
    assertCanWrite(ctx, client, 'client');
    return { lead_id: null, client_id: client.id, owner_id: client.owner_id, team_id: client.team_id, lead: null };
  }
  throw new AppError('invalid_input', 'give either lead_id or client_id', 'lead_id');
}
