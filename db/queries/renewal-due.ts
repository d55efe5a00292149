/**
 * The live terms whose renewal work is due: expiring within the window from today, and with no
 * renewal opportunity ever made for them (any stage, deleted ones too: a person who lost or
 * removed it decided, and the pass must not bring it back). Walks idx_policies_owner_expiration;
 * the opportunity check reads the client's few opportunities through idx_opportunities_client.
 */
import { addDaysToDate } from '../../shared/book/terms';
import { LIVE_POLICY_SQL } from '../../shared/model/tables/policies';
import type { ReplicaDb } from '../sqlite/open';
import { displayName } from './rows';
import { cachedStatement } from './statements';

export interface RenewalDue {
  id: string;
  client_id: string;
  client_name: string;
  owner_id: string;
  policy_number: string;
  expiration_date: string;
}

const LIVE_P = LIVE_POLICY_SQL.replace('deleted_at', 'p.deleted_at').replace('status', 'p.status');

const DUE = `SELECT p.id, p.client_id, ${displayName('c')} AS client_name, p.owner_id, p.policy_number, p.expiration_date
  FROM policies p JOIN clients c ON c.id = p.client_id
  WHERE ${LIVE_P} AND p.owner_id = ? AND p.expiration_date >= ? AND p.expiration_date <= ? AND c.deleted_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM opportunities o WHERE o.client_id = p.client_id
      AND json_extract(o.metadata, '$.renews_policy_id') = p.id)
  ORDER BY p.expiration_date, p.id LIMIT ?`;

/** One owner's terms due for renewal work (their devices make it, so no one else's races them). */
export function renewalsDue(db: ReplicaDb, ownerId: string, days: number, now: Date, limit = 200): RenewalDue[] {
  const today = now.toISOString().slice(0, 10);
  return cachedStatement(db, DUE).all(ownerId, today, addDaysToDate(today, days), limit) as RenewalDue[];
}
