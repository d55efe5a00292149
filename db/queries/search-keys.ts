/**
 * Exact identifiers in global search: policy numbers and VINs, typed whole or in part, with or
 * without dashes and spaces. search_keys (SQLite migration 0011, kept by triggers) holds them
 * normalized as searchKey() normalizes what is typed, so a typed prefix is one index range.
 */
import type { SearchResult } from '../../shared/api/types';
import { searchKey } from '../../shared/book/terms';
import type { ReplicaDb } from '../sqlite/open';
import { displayName } from './rows';
import { cachedStatement } from './statements';

/** Identifiers have digits; three characters is the shortest prefix worth a lookup. */
export function identifierKey(text: string): string | null {
  const key = searchKey(text.trim());
  return key.length >= 3 && /^[A-Z0-9]+$/.test(key) && /\d/.test(key) ? key : null;
}

const POLICY = `SELECT p.policy_number, t.name AS line, k.name AS carrier, p.client_id, ${displayName('c')} AS client
  FROM policies p JOIN clients c ON c.id = p.client_id JOIN carriers k ON k.id = p.carrier_id
  JOIN insurance_types t ON t.id = p.insurance_type_id WHERE p.id = ?`;
const LEAD = `SELECT ${displayName('l')} AS name, l.converted_to_client_id AS client_id FROM leads l WHERE l.id = ?`;

/** Policies and leads whose policy number or a VIN starts with what was typed. */
export function searchKeys(db: ReplicaDb, text: string, limit: number): SearchResult[] {
  const key = identifierKey(text);
  if (!key) return [];
  const hits = cachedStatement(
    db,
    'SELECT key, kind, field, ref_id FROM search_keys WHERE key >= ? AND key < ? ORDER BY key, ref_id LIMIT ?',
  ).all(key, `${key}\uffff`, limit) as Array<{ key: string; kind: 'policy' | 'lead'; field: string; ref_id: string }>;
  const seen = new Set<string>();
  return hits.flatMap((h): SearchResult[] => {
    if (seen.has(h.ref_id)) return [];
    seen.add(h.ref_id);
    const label = h.field === 'vin' ? 'VIN' : 'Policy';
    const segments = (prefix: string, rest: string) => [
      { text: `${label} `, hit: false },
      { text: h.key.slice(0, key.length), hit: true },
      { text: `${h.key.slice(key.length)} · ${prefix}${rest}`, hit: false },
    ];
    if (h.kind === 'policy') {
      const p = cachedStatement(db, POLICY).get(h.ref_id) as
        { policy_number: string; line: string; carrier: string; client_id: string; client: string } | undefined;
      if (!p) return [];
      return [
        {
          kind: 'policy',
          id: h.ref_id,
          title: `${p.policy_number} · ${p.line} · ${p.carrier}`,
          snippet: segments(p.client, ''),
          lead_id: null,
          client_id: p.client_id,
        },
      ];
    }
    const l = cachedStatement(db, LEAD).get(h.ref_id) as { name: string; client_id: string | null } | undefined;
    if (!l) return [];
    return [
      {
        kind: 'lead',
        id: h.ref_id,
        title: l.name,
        snippet: segments('', ''),
        lead_id: h.ref_id,
        client_id: l.client_id,
      },
    ];
  });
}
