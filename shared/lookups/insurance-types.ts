import { lookupId } from './ids';

type CoverageDoc = 'auto_data' | 'home_data' | 'specialty_data' | 'commercial_data' | null;

interface InsuranceTypeSeed {
  code: string;
  name: string;
  line: 'personal' | 'commercial' | 'life';
  coverageDoc: CoverageDoc;
  color: string;
  icon: string;
  prompt: string;
}

const TYPES: InsuranceTypeSeed[] = [
  {
    code: 'auto',
    name: 'Personal Auto',
    line: 'personal',
    coverageDoc: 'auto_data',
    color: '#2563eb',
    icon: 'car',
    prompt: 'Consider vehicles, drivers, violations, garaging and current limits.',
  },
  {
    code: 'home',
    name: 'Homeowners',
    line: 'personal',
    coverageDoc: 'home_data',
    color: '#16a34a',
    icon: 'home',
    prompt: 'Consider dwelling age, roof, construction, protection class and prior claims.',
  },
  {
    code: 'renters',
    name: 'Renters',
    line: 'personal',
    coverageDoc: 'home_data',
    color: '#0d9488',
    icon: 'key',
    prompt: 'Consider contents value and liability; renters often bundle with auto.',
  },
  {
    code: 'condo',
    name: 'Condo (HO-6)',
    line: 'personal',
    coverageDoc: 'home_data',
    color: '#0891b2',
    icon: 'building',
    prompt: 'Consider walls-in coverage, loss assessment and the HOA master policy.',
  },
  {
    code: 'umbrella',
    name: 'Personal Umbrella',
    line: 'personal',
    coverageDoc: null,
    color: '#7c3aed',
    icon: 'umbrella',
    prompt: 'Check underlying auto and home liability limits required by the carrier.',
  },
  {
    code: 'life',
    name: 'Life',
    line: 'life',
    coverageDoc: null,
    color: '#db2777',
    icon: 'heart',
    prompt: 'Consider dependents, income, mortgage and existing coverage.',
  },
  {
    code: 'motorcycle',
    name: 'Motorcycle',
    line: 'personal',
    coverageDoc: 'specialty_data',
    color: '#ea580c',
    icon: 'bike',
    prompt: 'Consider riding experience, bike value and seasonal use.',
  },
  {
    code: 'boat',
    name: 'Boat / Watercraft',
    line: 'personal',
    coverageDoc: 'specialty_data',
    color: '#0284c7',
    icon: 'sailboat',
    prompt: 'Consider hull value, length, horsepower and navigation area.',
  },
  {
    code: 'rv',
    name: 'RV / Motorhome',
    line: 'personal',
    coverageDoc: 'specialty_data',
    color: '#65a30d',
    icon: 'caravan',
    prompt: 'Consider full-timer use, value and towed vehicles.',
  },
  {
    code: 'flood',
    name: 'Flood',
    line: 'personal',
    coverageDoc: 'home_data',
    color: '#1d4ed8',
    icon: 'waves',
    prompt: 'Consider flood zone, elevation and the NFIP 30-day wait.',
  },
  {
    code: 'commercial_auto',
    name: 'Commercial Auto',
    line: 'commercial',
    coverageDoc: 'commercial_data',
    color: '#1e40af',
    icon: 'truck',
    prompt: 'Consider fleet size, radius, drivers and cargo.',
  },
  {
    code: 'general_liability',
    name: 'General Liability',
    line: 'commercial',
    coverageDoc: 'commercial_data',
    color: '#b45309',
    icon: 'shield',
    prompt: 'Consider class code, revenue, subcontractors and claims history.',
  },
  {
    code: 'bop',
    name: "Business Owner's Policy",
    line: 'commercial',
    coverageDoc: 'commercial_data',
    color: '#a16207',
    icon: 'briefcase',
    prompt: 'Consider property values, liability exposure and business interruption.',
  },
  {
    code: 'workers_comp',
    name: "Workers' Compensation",
    line: 'commercial',
    coverageDoc: 'commercial_data',
    color: '#9a3412',
    icon: 'hard-hat',
    prompt: 'Consider payroll by class code, experience mod and prior losses.',
  },
  {
    code: 'commercial_property',
    name: 'Commercial Property',
    line: 'commercial',
    coverageDoc: 'commercial_data',
    color: '#854d0e',
    icon: 'warehouse',
    prompt: 'Consider building and contents values, construction and protection.',
  },
  {
    code: 'professional_liability',
    name: 'Professional Liability (E&O)',
    line: 'commercial',
    coverageDoc: 'commercial_data',
    color: '#6d28d9',
    icon: 'scale',
    prompt: 'Consider services offered, revenue and contract requirements.',
  },
  {
    code: 'cyber',
    name: 'Cyber Liability',
    line: 'commercial',
    coverageDoc: 'commercial_data',
    color: '#4338ca',
    icon: 'lock',
    prompt: 'Consider records held, controls (MFA, backups) and revenue.',
  },
];

export const INSURANCE_TYPES = TYPES.map((t, i) => ({ ...t, id: lookupId(2, i + 1), sortOrder: (i + 1) * 10 }));
