import { lookupId } from './ids';

interface CarrierSeed {
  name: string;
  naic: string;
  /** Insurance type codes (shared/lookups/insurance-types.ts) the carrier writes. */
  lines: string[];
  color: string;
}

const PERSONAL = ['auto', 'home', 'renters', 'condo', 'umbrella', 'motorcycle', 'boat', 'rv'];
const COMMERCIAL = ['commercial_auto', 'general_liability', 'bop', 'workers_comp', 'commercial_property'];

/** Carriers an independent agency commonly appoints with, and their NAIC company codes. */
const CARRIERS: CarrierSeed[] = [
  { name: 'Progressive', naic: '24260', lines: [...PERSONAL, 'commercial_auto'], color: '#1d4ed8' },
  { name: 'Travelers', naic: '25658', lines: [...PERSONAL, ...COMMERCIAL], color: '#dc2626' },
  { name: 'Safeco', naic: '24740', lines: PERSONAL, color: '#0f766e' },
  { name: 'Liberty Mutual', naic: '23043', lines: [...PERSONAL, ...COMMERCIAL], color: '#facc15' },
  { name: 'Nationwide', naic: '23787', lines: [...PERSONAL, ...COMMERCIAL, 'life'], color: '#1e3a8a' },
  { name: 'Auto-Owners', naic: '18988', lines: [...PERSONAL, ...COMMERCIAL, 'life'], color: '#b91c1c' },
  { name: 'Erie Insurance', naic: '26271', lines: [...PERSONAL, ...COMMERCIAL], color: '#2563eb' },
  { name: 'The Hartford', naic: '19682', lines: [...COMMERCIAL, 'professional_liability', 'cyber'], color: '#7c2d12' },
  {
    name: 'Chubb',
    naic: '20281',
    lines: ['home', 'auto', 'umbrella', 'cyber', 'professional_liability'],
    color: '#0f172a',
  },
  { name: 'Hanover', naic: '22292', lines: [...PERSONAL, ...COMMERCIAL], color: '#166534' },
  { name: 'Cincinnati Insurance', naic: '10677', lines: [...COMMERCIAL, 'home', 'auto', 'umbrella'], color: '#9f1239' },
  {
    name: 'Hiscox',
    naic: '10200',
    lines: ['general_liability', 'professional_liability', 'cyber', 'bop'],
    color: '#be123c',
  },
  { name: 'Employers', naic: '10640', lines: ['workers_comp'], color: '#0369a1' },
  { name: 'National Flood Insurance Program', naic: '', lines: ['flood'], color: '#0284c7' },
  { name: 'Prudential', naic: '68241', lines: ['life'], color: '#1e40af' },
];

export const CARRIER_SEEDS = CARRIERS.map((c, i) => ({ ...c, id: lookupId(4, i + 1), sortOrder: (i + 1) * 10 }));
