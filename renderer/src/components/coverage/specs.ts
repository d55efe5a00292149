import { COMMERCIAL_COVERAGES, COMMERCIAL_LOSS_KINDS, HOME_CLAIM_KINDS, ROOF_TYPES, type CoverageColumn } from '../../../../shared/coverage';
import { opts, type FormNode, type Spec } from './spec';

const address = (optional = false): Spec => ({
  kind: 'object',
  key: 'address',
  label: 'Address',
  optional,
  fields: [
    { kind: 'text', key: 'line1', label: 'Street', span: 2 },
    { kind: 'text', key: 'line2', label: 'Unit', optional: true },
    { kind: 'text', key: 'city', label: 'City' },
    { kind: 'text', key: 'state', label: 'State', placeholder: 'TX' },
    { kind: 'text', key: 'postalCode', label: 'ZIP' },
  ],
});

const driverOptions = (root: FormNode) => [
  { value: '', label: '—' },
  ...((root.drivers as FormNode[] | undefined) ?? []).map((d, i) => ({ value: String(i), label: `${d.firstName || 'Driver'} ${d.lastName || i + 1}`.trim() })),
];

export const AUTO: Spec[] = [
  {
    kind: 'list',
    key: 'vehicles',
    label: 'Vehicles',
    item: 'vehicle',
    fields: [
      { kind: 'int', key: 'year', label: 'Year' },
      { kind: 'text', key: 'make', label: 'Make' },
      { kind: 'text', key: 'model', label: 'Model' },
      { kind: 'select', key: 'usage', label: 'Use', options: [{ value: '', label: '—' }, ...opts(['commute', 'personal', 'business', 'farm'])] },
      { kind: 'text', key: 'vin', label: 'VIN', placeholder: '17 characters', span: 2 },
      { kind: 'select', key: 'ownership', label: 'Ownership', optional: true, options: [{ value: '', label: '—' }, ...opts(['owned', 'financed', 'leased'])] },
      { kind: 'number', key: 'annualMileage', label: 'Miles / year', optional: true },
      { kind: 'select', key: 'primaryDriverIndex', label: 'Main driver', optional: true, numeric: true, options: driverOptions },
    ],
  },
  {
    kind: 'list',
    key: 'drivers',
    label: 'Drivers',
    item: 'driver',
    fields: [
      { kind: 'text', key: 'firstName', label: 'First name' },
      { kind: 'text', key: 'lastName', label: 'Last name' },
      { kind: 'date', key: 'dateOfBirth', label: 'Date of birth' },
      { kind: 'text', key: 'licenseState', label: 'License state', placeholder: 'TX' },
      { kind: 'text', key: 'licenseNumber', label: 'License number' },
      { kind: 'select', key: 'relationship', label: 'Relationship', optional: true, options: [{ value: '', label: '—' }, ...opts(['self', 'spouse', 'child', 'other'])] },
    ],
  },
];

export const HOME: Spec[] = [
  { kind: 'int', key: 'yearBuilt', label: 'Year built' },
  { kind: 'int', key: 'squareFeet', label: 'Square feet' },
  { kind: 'select', key: 'construction', label: 'Construction', options: [{ value: '', label: '—' }, ...opts(['frame', 'masonry', 'superior'])] },
  { kind: 'select', key: 'roofType', label: 'Roof', options: [{ value: '', label: '—' }, ...opts(ROOF_TYPES)] },
  { kind: 'int', key: 'roofYear', label: 'Roof year', optional: true },
  { kind: 'number', key: 'stories', label: 'Stories' },
  { kind: 'select', key: 'occupancy', label: 'Occupancy', options: [{ value: '', label: '—' }, ...opts(['owner', 'tenant', 'seasonal', 'vacant'])] },
  { kind: 'text', key: 'protectionClass', label: 'Protection class', optional: true, placeholder: '3, 8B, 10W' },
  { kind: 'number', key: 'distanceToHydrantFt', label: 'Hydrant (ft)', optional: true },
  { kind: 'number', key: 'coverageA', label: 'Dwelling limit ($)', optional: true },
  { kind: 'number', key: 'deductible', label: 'Deductible ($)', optional: true },
  {
    kind: 'object',
    key: 'features',
    label: 'Features',
    fields: [
      { kind: 'bool', key: 'pool', label: 'Pool' },
      { kind: 'bool', key: 'trampoline', label: 'Trampoline' },
      { kind: 'bool', key: 'securitySystem', label: 'Security system' },
      { kind: 'bool', key: 'sprinklers', label: 'Sprinklers' },
    ],
  },
  {
    kind: 'list',
    key: 'priorClaims',
    label: 'Prior claims',
    item: 'claim',
    fields: [
      { kind: 'date', key: 'date', label: 'Date' },
      { kind: 'select', key: 'kind', label: 'Kind', options: [{ value: '', label: '—' }, ...opts(HOME_CLAIM_KINDS)] },
      { kind: 'number', key: 'amount', label: 'Amount ($)' },
    ],
  },
];

export const SPECIALTY: Spec[] = [
  {
    kind: 'list',
    key: 'items',
    label: 'Items',
    item: 'item',
    fields: [
      { kind: 'select', key: 'kind', label: 'Kind', options: [{ value: '', label: '—' }, ...opts(['boat', 'motorcycle', 'rv', 'jewelry', 'art', 'collectible', 'other'])] },
      { kind: 'text', key: 'description', label: 'Description', span: 3 },
      { kind: 'number', key: 'value', label: 'Value ($)' },
      { kind: 'int', key: 'year', label: 'Year', optional: true },
      { kind: 'text', key: 'make', label: 'Make', optional: true },
      { kind: 'text', key: 'model', label: 'Model', optional: true },
      { kind: 'text', key: 'hin', label: 'Hull ID (HIN)', optional: true },
      { kind: 'text', key: 'vin', label: 'VIN', optional: true },
    ],
  },
];

export const COMMERCIAL: Spec[] = [
  { kind: 'text', key: 'businessType', label: 'Business type', span: 2 },
  { kind: 'text', key: 'naicsCode', label: 'NAICS code', optional: true },
  { kind: 'number', key: 'yearsInBusiness', label: 'Years in business', optional: true },
  { kind: 'number', key: 'annualRevenue', label: 'Annual revenue ($)', optional: true },
  { kind: 'number', key: 'payroll', label: 'Payroll ($)', optional: true },
  {
    kind: 'object',
    key: 'employees',
    label: 'Employees',
    optional: true,
    fields: [
      { kind: 'int', key: 'fullTime', label: 'Full-time' },
      { kind: 'int', key: 'partTime', label: 'Part-time' },
    ],
  },
  { kind: 'multi', key: 'coveragesRequested', label: 'Coverages requested', options: opts(COMMERCIAL_COVERAGES) },
  {
    kind: 'list',
    key: 'locations',
    label: 'Locations',
    item: 'location',
    fields: [
      address(),
      { kind: 'text', key: 'occupancy', label: 'Used as', optional: true, placeholder: 'office, retail…' },
      { kind: 'int', key: 'squareFeet', label: 'Square feet', optional: true },
      { kind: 'number', key: 'buildingValue', label: 'Building ($)', optional: true },
      { kind: 'number', key: 'contentsValue', label: 'Contents ($)', optional: true },
      { kind: 'bool', key: 'isPrimary', label: 'Primary location' },
    ],
  },
  {
    kind: 'list',
    key: 'priorLosses',
    label: 'Prior losses',
    item: 'loss',
    fields: [
      { kind: 'date', key: 'date', label: 'Date' },
      { kind: 'select', key: 'kind', label: 'Kind', options: [{ value: '', label: '—' }, ...opts(COMMERCIAL_LOSS_KINDS)] },
      { kind: 'number', key: 'amount', label: 'Amount ($)' },
    ],
  },
];

export const SPECS: Record<CoverageColumn, { label: string; fields: Spec[] }> = {
  auto_data: { label: 'Auto', fields: AUTO },
  home_data: { label: 'Home', fields: HOME },
  specialty_data: { label: 'Specialty', fields: SPECIALTY },
  commercial_data: { label: 'Commercial', fields: COMMERCIAL },
};
