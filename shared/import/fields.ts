/**
 * What an import can fill, per kind of record: each field names the value transform it takes and
 * the header spellings other systems use for it (AMS exports, spreadsheets, other CRMs). Adding a
 * kind (policies) is a list here plus a row-to-mutation function in rows.ts.
 */
export const IMPORT_KINDS = ['clients', 'leads', 'contacts', 'notes', 'policies'] as const;
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
  /** "15%", "15", "12.5 %": a percentage as its number. */
  | 'percent'
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

/**
 * Policy terms. The carrier is named (matched case-insensitively to the book's carriers); the
 * client is found by the key an earlier client import kept (external id), its id or email, or
 * by the client's email, or name plus date of birth, in their own columns.
 */
const policyFields = [
  fld('policy_number', 'Policy number', 'text', [
    'policy #',
    'policy no',
    'pol no',
    'pol #',
    'policy num',
    'policy',
    'pol number',
  ]),
  fld('carrier', 'Carrier', 'text', ['company', 'insurer', 'carrier name', 'writing company', 'insurance company']),
  fld('insurance_type', 'Line of business', 'text', [
    'lob',
    'line',
    'line of business',
    'policy type',
    'coverage type',
    'insurance type',
    'product',
  ]),
  fld('status', 'Status (active/pending)', 'text', ['policy status', 'pol status']),
  fld('effective_date', 'Effective date', 'date', [
    'eff date',
    'effective',
    'eff',
    'inception',
    'inception date',
    'policy effective date',
  ]),
  fld('expiration_date', 'Expiration date', 'date', [
    'exp date',
    'expiration',
    'exp',
    'x-date',
    'xdate',
    'renewal date',
    'policy expiration date',
  ]),
  fld('written_premium', 'Written premium', 'money', [
    'premium',
    'written premium',
    'annual premium',
    'total premium',
    'prem',
  ]),
  fld('billing', 'Billing (direct/agency)', 'text', ['bill type', 'billing type', 'bill method', 'billing method']),
  fld('commission_rate', 'Commission %', 'percent', [
    'commission',
    'commission %',
    'comm %',
    'commission rate',
    'comm rate',
  ]),
  fld('client_key', 'Client (external id, id or email)', 'text', [
    'client id',
    'customer id',
    'client #',
    'customer #',
    'account number',
    'acct #',
    'client',
    'insured id',
  ]),
  fld('client_email', 'Client email', 'email', ['email', 'e-mail', 'insured email', 'client e-mail']),
  fld('client_name', 'Client name', 'fullName', [
    'insured name',
    'insured',
    'named insured',
    'name',
    'client full name',
  ]),
  fld('client_date_of_birth', 'Client date of birth', 'date', ['dob', 'date of birth', 'insured dob', 'client dob']),
];

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
  policies: policyFields,
};

export function importField(kind: ImportKind, key: string): ImportField | undefined {
  return IMPORT_FIELDS[kind].find((f) => f.key === key);
}
