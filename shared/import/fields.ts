/**
 * What an import can fill, per kind of record: each field names the value transform it takes and
 * the header spellings other systems use for it (AMS exports, spreadsheets, other CRMs). Adding a
 * kind (policies) is a list here plus a row-to-mutation function in rows.ts.
 */
export const IMPORT_KINDS = ['clients', 'leads', 'contacts', 'notes'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type FieldType =
  | 'text'
  | 'longText'
  | 'name'
  /** "Last, First" or "First Last": split into first_name and last_name. */
  | 'fullName'
  | 'email'
  | 'phone'
  | 'date'
  | 'money'
  | 'int'
  | 'state'
  | 'zip'
  | 'clientType'
  | 'tags';

export interface ImportField {
  key: string;
  label: string;
  type: FieldType;
  synonyms: readonly string[];
}

const fld = (key: string, label: string, type: FieldType, synonyms: string[] = []): ImportField => ({
  key,
  label,
  type,
  synonyms,
});

const person = [
  fld('first_name', 'First name', 'name', [
    'first',
    'fname',
    'given name',
    'forename',
    'first nm',
    'insured first name',
  ]),
  fld('last_name', 'Last name', 'name', ['last', 'lname', 'surname', 'family name', 'last nm', 'insured last name']),
  fld('full_name', 'Full name (split)', 'fullName', ['name', 'insured name', 'insured', 'client name', 'full name']),
  fld('email', 'Email', 'email', ['e-mail', 'email address', 'e-mail address', 'mail', 'primary email']),
  fld('phone', 'Phone', 'phone', ['phone number', 'telephone', 'tel', 'home phone', 'primary phone', 'phone #']),
];

const address = [
  fld('address_line1', 'Street address', 'text', [
    'address',
    'street',
    'address 1',
    'address line 1',
    'addr1',
    'street address',
  ]),
  fld('address_line2', 'Address line 2', 'text', ['address 2', 'address line 2', 'addr2', 'apt', 'suite', 'unit']),
  fld('city', 'City', 'text', ['town', 'mailing city']),
  fld('state', 'State', 'state', ['st', 'province', 'state code', 'mailing state']),
  fld('postal_code', 'ZIP code', 'zip', ['zip', 'zipcode', 'zip code', 'postal', 'postcode', 'mailing zip']),
];

const external = fld('external_id', 'External id', 'text', [
  'id',
  'client id',
  'customer id',
  'account number',
  'acct #',
  'client #',
  'customer #',
  'record id',
]);

export const IMPORT_FIELDS: Record<ImportKind, readonly ImportField[]> = {
  clients: [
    external,
    fld('client_type', 'Type (individual/business)', 'clientType', [
      'type',
      'client type',
      'customer type',
      'entity type',
    ]),
    ...person,
    fld('middle_name', 'Middle name', 'name', ['middle', 'mname', 'middle initial', 'mi']),
    fld('business_name', 'Business name', 'name', [
      'company',
      'company name',
      'business',
      'organization',
      'named insured',
      'dba',
    ]),
    fld('date_of_birth', 'Date of birth', 'date', ['dob', 'birth date', 'birthdate', 'birthday', 'd.o.b.']),
    fld('occupation', 'Occupation', 'text', ['job', 'profession']),
    fld('fein', 'FEIN', 'text', ['ein', 'tax id', 'federal id']),
    fld('website', 'Website', 'text', ['web', 'url', 'web site']),
    fld('source', 'Source', 'text', ['lead source', 'referral source', 'origin']),
    fld('client_since', 'Client since', 'date', ['customer since', 'since', 'start date', 'original date']),
    ...address,
  ],
  leads: [
    external,
    fld('lead_type', 'Type (individual/business)', 'clientType', ['type', 'lead type', 'entity type']),
    ...person,
    fld('business_name', 'Business name', 'name', ['company', 'company name', 'business', 'organization']),
    fld('date_of_birth', 'Date of birth', 'date', ['dob', 'birth date', 'birthdate', 'birthday']),
    fld('insurance_type', 'Line of business', 'text', [
      'insurance type',
      'line',
      'lob',
      'product',
      'coverage type',
      'policy type',
    ]),
    fld('source', 'Source', 'text', ['lead source', 'referral source', 'origin', 'campaign source']),
    fld('current_carrier', 'Current carrier', 'text', ['carrier', 'insurer', 'company carrier', 'writing company']),
    fld('current_premium', 'Current premium', 'money', ['premium', 'annual premium', 'current prem']),
    fld('quoted_premium', 'Quoted premium', 'money', ['quote', 'quote amount', 'quoted']),
    fld('policy_expiration_date', 'X-date', 'date', [
      'x-date',
      'xdate',
      'x date',
      'exp date',
      'expiration',
      'expiration date',
      'renewal date',
      'policy expiration',
    ]),
    fld('tags', 'Tags', 'tags', ['labels', 'tag']),
    ...address,
  ],
  contacts: [
    fld('parent_key', 'Client or lead', 'text', [
      'client id',
      'client',
      'account',
      'account number',
      'customer id',
      'lead id',
      'parent',
    ]),
    ...person,
    fld('mobile_phone', 'Mobile phone', 'phone', ['mobile', 'cell', 'cell phone', 'mobile number']),
    fld('job_title', 'Job title', 'text', ['title', 'position', 'role']),
    fld('department', 'Department', 'text', ['dept']),
    fld('company', 'Company', 'text', ['organization', 'employer']),
  ],
  notes: [
    fld('parent_key', 'Client or lead', 'text', [
      'client id',
      'client',
      'account',
      'account number',
      'customer id',
      'lead id',
      'parent',
      'insured',
    ]),
    fld('body', 'Note', 'longText', ['note', 'notes', 'text', 'comment', 'comments', 'description', 'memo', 'body']),
    fld('tags', 'Tags', 'tags', ['labels', 'tag', 'category']),
  ],
};

export function importField(kind: ImportKind, key: string): ImportField | undefined {
  return IMPORT_FIELDS[kind].find((f) => f.key === key);
}
