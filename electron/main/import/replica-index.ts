import type { ReplicaDb } from '../../../db/sqlite/open';
import { DuplicateIndex, matchKeys, norm } from '../../../shared/import/duplicates';
import type { ImportKind } from '../../../shared/import/fields';
import type { ClientLookup, ParentRef } from '../../../shared/import/row-types';

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
  } else if (kind === 'policies') {
    const rows = db
      .prepare(`SELECT id, carrier_id, policy_number FROM policies WHERE deleted_at IS NULL`)
      .iterate() as IterableIterator<{ id: string; carrier_id: string; policy_number: string }>;
    for (const r of rows) index.add(matchKeys('policies', r), r.id);
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

const personKey = (first: string | null | undefined, last: string, dob: string) =>
  `${norm(last)}|${norm(first)}|${dob}`;

/**
 * Finds the client a policy row names, among the live clients: by the key column (id, the
 * external id a client import kept, or email), else the client email column, else name plus
 * date of birth.
 */
export function clientResolver(db: ReplicaDb): (lookup: ClientLookup) => string | null {
  const byKey = new Map<string, string>();
  const rows = db
    .prepare(
      `SELECT id, json_extract(custom_fields, '$.external_id') AS ext, lower(email) AS email,
              first_name, last_name, date_of_birth
         FROM clients WHERE deleted_at IS NULL`,
    )
    .iterate() as IterableIterator<{
    id: string;
    ext: string | number | null;
    email: string | null;
    first_name: string | null;
    last_name: string | null;
    date_of_birth: string | null;
  }>;
  for (const r of rows) {
    byKey.set(`id:${r.id}`, r.id);
    if (r.ext !== null) byKey.set(`ext:${String(r.ext).trim().toLowerCase()}`, r.id);
    if (r.email && !byKey.has(`email:${r.email}`)) byKey.set(`email:${r.email}`, r.id);
    if (r.last_name && r.date_of_birth) byKey.set(`p:${personKey(r.first_name, r.last_name, r.date_of_birth)}`, r.id);
  }
  return ({ key, email, first_name, last_name, date_of_birth }) => {
    const k = key?.trim().toLowerCase();
    const e = email?.trim().toLowerCase();
    return (
      (k ? (byKey.get(`id:${k}`) ?? byKey.get(`ext:${k}`) ?? byKey.get(`email:${k}`)) : undefined) ??
      (e ? byKey.get(`email:${e}`) : undefined) ??
      (last_name && date_of_birth ? byKey.get(`p:${personKey(first_name, last_name, date_of_birth)}`) : undefined) ??
      null
    );
  };
}

/** The book's carriers by name, case and spacing ignored ("STATE FARM " is State Farm). */
export function carrierResolver(db: ReplicaDb): (name: string) => string | null {
  const byName = new Map<string, string>();
  const rows = db.prepare(`SELECT id, name FROM carriers WHERE deleted_at IS NULL`).all() as {
    id: string;
    name: string;
  }[];
  for (const r of rows) byName.set(norm(r.name), r.id);
  return (name) => byName.get(norm(name)) ?? null;
}
