import type { ReplicaDb } from '../../../db/sqlite/open';
import { DuplicateIndex, matchKeys } from '../../../shared/import/duplicates';
import type { ImportKind } from '../../../shared/import/fields';
import type { ParentRef } from '../../../shared/import/rows';

interface PersonRow {
  id: string;
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  business_name: string | null;
  date_of_birth: string | null;
  postal_code: string | null;
  line1: string | null;
}

/**
 * The live records of a kind, by their duplicate keys, read once when an import starts (one pass
 * over the table; 100k clients take well under a second). Rows the import creates are added as it goes.
 */
export function buildDuplicateIndex(db: ReplicaDb, kind: ImportKind): DuplicateIndex {
  const index = new DuplicateIndex();
  if (kind === 'clients' || kind === 'leads') {
    const dob = 'date_of_birth';
    const rows = db
      .prepare(
        `SELECT t.id, t.email, t.phone, t.first_name, t.last_name, t.business_name, t.${dob} AS date_of_birth,
                a.postal_code, a.line1
           FROM "${kind}" t LEFT JOIN addresses a ON a.id = t.address_id
          WHERE t.deleted_at IS NULL`,
      )
      .iterate() as IterableIterator<PersonRow>;
    for (const r of rows) index.add(matchKeys(kind, r), r.id);
  } else if (kind === 'contacts') {
    const rows = db
      .prepare(
        `SELECT id, email, phone, first_name, last_name, coalesce(lead_id, client_id) AS parent
           FROM contacts WHERE deleted_at IS NULL`,
      )
      .iterate() as IterableIterator<PersonRow & { parent: string }>;
    for (const r of rows) index.add(matchKeys('contacts', r), r.id);
  } else {
    const rows = db
      .prepare(`SELECT id, body, coalesce(lead_id, client_id) AS parent FROM lead_notes WHERE deleted_at IS NULL`)
      .iterate() as IterableIterator<{ id: string; body: string; parent: string }>;
    for (const r of rows) index.add(matchKeys('notes', r), r.id);
  }
  return index;
}

/**
 * Finds the client or lead a contact or note row names: by id, by the external id an earlier
 * import kept (custom_fields.external_id), or by email. Clients are preferred over leads.
 */
export function parentResolver(db: ReplicaDb): (key: string) => ParentRef | null {
  const byKey = new Map<string, ParentRef>();
  for (const table of ['leads', 'clients'] as const) {
    const rows = db
      .prepare(
        `SELECT id, json_extract(custom_fields, '$.external_id') AS ext, lower(email) AS email
           FROM "${table}" WHERE deleted_at IS NULL`,
      )
      .iterate() as IterableIterator<{ id: string; ext: string | number | null; email: string | null }>;
    for (const r of rows) {
      const ref: ParentRef = table === 'clients' ? { client_id: r.id } : { lead_id: r.id };
      byKey.set(`id:${r.id}`, ref);
      if (r.ext !== null) byKey.set(`ext:${String(r.ext).trim().toLowerCase()}`, ref);
      if (r.email) byKey.set(`email:${r.email}`, ref);
    }
  }
  return (key) => {
    const k = key.trim().toLowerCase();
    return byKey.get(`id:${k}`) ?? byKey.get(`ext:${k}`) ?? byKey.get(`email:${k}`) ?? null;
  };
}
