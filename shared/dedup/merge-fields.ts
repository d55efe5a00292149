import type { DedupKind, MergePreview } from '../api/dedup';

/** A field the merge screen offers a choice for; `only` names the record type that has it. */
export interface MergeField {
  key: string;
  label: string;
  show?: 'date' | 'money' | 'address';
  only?: 'individual' | 'business';
}

/**
 * The fields a merge can take from the other record: those mergeClients / mergeLeads /
 * mergeContacts accept, in the order the record's page shows them. The other client type's
 * identifiers are left out (a person has no FEIN), as the edit form does.
 */
export const MERGE_FIELDS: Record<DedupKind, MergeField[]> = {
  clients: [
    { key: 'first_name', label: 'First name', only: 'individual' },
    { key: 'middle_name', label: 'Middle name', only: 'individual' },
    { key: 'last_name', label: 'Last name', only: 'individual' },
    { key: 'date_of_birth', label: 'Date of birth', show: 'date', only: 'individual' },
    { key: 'occupation', label: 'Occupation', only: 'individual' },
    { key: 'marital_status', label: 'Marital status', only: 'individual' },
    { key: 'business_name', label: 'Business name', only: 'business' },
    { key: 'dba_name', label: 'Doing business as', only: 'business' },
    { key: 'fein', label: 'FEIN', only: 'business' },
    { key: 'business_structure', label: 'Structure', only: 'business' },
    { key: 'industry', label: 'Industry', only: 'business' },
    { key: 'naics_code', label: 'NAICS code', only: 'business' },
    { key: 'year_established', label: 'Year established', only: 'business' },
    { key: 'annual_revenue', label: 'Annual revenue', show: 'money', only: 'business' },
    { key: 'employee_count', label: 'Employees', only: 'business' },
    { key: 'email', label: 'Email' },
    { key: 'phone', label: 'Phone' },
    { key: 'website', label: 'Website' },
    { key: 'preferred_contact_method', label: 'Preferred contact' },
    { key: 'source', label: 'Source' },
    { key: 'status', label: 'Status' },
    { key: 'address_id', label: 'Address', show: 'address' },
    { key: 'mailing_address_id', label: 'Mailing address', show: 'address' },
  ],
  leads: [
    { key: 'first_name', label: 'First name', only: 'individual' },
    { key: 'last_name', label: 'Last name', only: 'individual' },
    { key: 'date_of_birth', label: 'Date of birth', show: 'date', only: 'individual' },
    { key: 'business_name', label: 'Business name', only: 'business' },
    { key: 'email', label: 'Email' },
    { key: 'phone', label: 'Phone' },
    { key: 'preferred_contact_method', label: 'Preferred contact' },
    { key: 'source', label: 'Source' },
    { key: 'priority', label: 'Priority' },
    { key: 'current_carrier', label: 'Current carrier' },
    { key: 'current_premium', label: 'Current premium', show: 'money' },
    { key: 'quoted_premium', label: 'Quoted premium', show: 'money' },
    { key: 'umbrella_limit', label: 'Umbrella limit', show: 'money' },
    { key: 'umbrella_premium', label: 'Umbrella premium', show: 'money' },
    { key: 'policy_expiration_date', label: 'Policy expires', show: 'date' },
    { key: 'address_id', label: 'Address', show: 'address' },
  ],
  contacts: [
    { key: 'first_name', label: 'First name' },
    { key: 'last_name', label: 'Last name' },
    { key: 'email', label: 'Email' },
    { key: 'phone', label: 'Phone' },
    { key: 'mobile_phone', label: 'Mobile phone' },
    { key: 'job_title', label: 'Job title' },
    { key: 'department', label: 'Department' },
    { key: 'company', label: 'Company' },
    { key: 'preferred_contact_method', label: 'Preferred contact' },
    { key: 'preferred_contact_time', label: 'Preferred time' },
    { key: 'linkedin_url', label: 'LinkedIn' },
  ],
};

export const isEmpty = (v: unknown) => v === null || v === undefined || v === '';

/** The survivor's record type: the fields of the other type are not offered. */
export function fieldsFor(preview: MergePreview): MergeField[] {
  const row = preview.survivor.row;
  const type = (row.client_type ?? row.lead_type) as string | undefined;
  return MERGE_FIELDS[preview.kind].filter((f) => !f.only || f.only === type);
}

/** Which side each field's value comes from by default: the survivor's, unless it is empty. */
export function defaultChoices(preview: MergePreview): Record<string, 'survivor' | 'merged'> {
  const out: Record<string, 'survivor' | 'merged'> = {};
  for (const f of fieldsFor(preview)) {
    const mine = preview.survivor.row[f.key];
    const theirs = preview.merged.row[f.key];
    out[f.key] = isEmpty(mine) && !isEmpty(theirs) ? 'merged' : 'survivor';
  }
  return out;
}

/** The `fields` argument of the merge mutation: only the values taken from the merged record. */
export function chosenFields(
  preview: MergePreview,
  choices: Record<string, 'survivor' | 'merged'>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fieldsFor(preview))
    if (choices[f.key] === 'merged' && !sameValue(preview, f.key)) out[f.key] = preview.merged.row[f.key] ?? null;
  return out;
}

export const sameValue = (preview: MergePreview, key: string) =>
  JSON.stringify(preview.survivor.row[key] ?? null) === JSON.stringify(preview.merged.row[key] ?? null);
