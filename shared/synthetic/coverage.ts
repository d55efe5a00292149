/**
 * Coverage documents (shared/coverage, current versions) for synthetic leads: auto with valid
 * VINs, home, specialty (boats with HINs, motorcycles and RVs with VINs) and commercial.
 */
import type { AutoData, CommercialData, HomeData, SpecialtyData } from '../coverage';
import { COMMERCIAL_COVERAGES, ROOF_TYPES } from '../coverage';
import type { Rng } from './prng';
import { makeHin, makeVin } from './vin';
import type { BusinessType } from './words/business';
import { CITIES, STREET_NAMES, STREET_SUFFIXES, type City } from './words/places';
import { BOATS, DOG_BREEDS, MOTORCYCLES, RVS, VEHICLES, type VehicleModel } from './words/vehicles';

/** The calendar a lead's documents are written against: the day the lead arrives. */
export interface Clock {
  ms: number;
  today: string; // YYYY-MM-DD
  year: number;
}

export function clockAt(ms: number): Clock {
  return { ms, today: new Date(ms).toISOString().slice(0, 10), year: new Date(ms).getUTCFullYear() };
}

export interface Person {
  first: string;
  last: string;
  dob: string;
  relationship: 'self' | 'spouse' | 'child' | 'other';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A real calendar date in `year` (days 1-28 keep every month valid). */
export function dateIn(rng: Rng, year: number): string {
  return `${year}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
}

/** A date between `yearsBack` years ago and last month, never after `clock.today`. */
export function pastDateWithin(rng: Rng, clock: Clock, yearsBack: number): string {
  const year = clock.year - rng.int(1, yearsBack);
  return dateIn(rng, year);
}

export function streetLine(rng: Rng): string {
  return `${rng.int(10, 9899)} ${rng.pick(STREET_NAMES)} ${rng.pick(STREET_SUFFIXES)}`;
}

function vehicleYear(rng: Rng, m: VehicleModel, clock: Clock): number {
  const to = Math.min(m.to, clock.year + 1);
  return rng.int(Math.min(m.from, to), to);
}

function licenseNumber(rng: Rng): string {
  return `${'ABCDEFGHJKLMNPRSTWY'.charAt(rng.int(0, 18))}${rng.digits(3)}-${rng.digits(4)}-${rng.digits(4)}`;
}

export function autoDoc(rng: Rng, clock: Clock, people: Person[], home: City): AutoData {
  const drivers = people.slice(0, 3).map((p) => ({
    firstName: p.first,
    lastName: p.last,
    dateOfBirth: p.dob,
    licenseState: home.state,
    licenseNumber: licenseNumber(rng),
    relationship: p.relationship,
    violations: rng.chance(0.15)
      ? [
          {
            date: pastDateWithin(rng, clock, 4),
            kind: rng.weighted([
              ['speeding', 6],
              ['accident', 3],
              ['other', 1],
            ] as const),
            description: rng.pick([
              '12 over in a 45',
              'Rear-ended at a light',
              'Failure to yield',
              'Parking lot backing incident',
            ]),
          },
        ]
      : [],
  }));
  const count = Math.min(
    3,
    rng.weighted([
      [1, 45],
      [2, 40],
      [3, 15],
    ] as const),
  );
  const vehicles = Array.from({ length: count }, (_, i) => {
    const m = rng.pick(VEHICLES);
    const year = vehicleYear(rng, m, clock);
    return {
      year,
      make: m.make,
      model: m.model,
      vin: makeVin(rng, m.wmi, year),
      usage: rng.weighted([
        ['commute', 55],
        ['personal', 38],
        ['business', 6],
        ['farm', 1],
      ] as const),
      annualMileage: rng.int(3, 22) * 1000,
      ownership: rng.weighted([
        ['owned', 45],
        ['financed', 40],
        ['leased', 15],
      ] as const),
      primaryDriverIndex: Math.min(i, drivers.length - 1),
    };
  });
  return { vehicles, drivers };
}

export function homeDoc(rng: Rng, clock: Clock, typeCode: string): HomeData {
  const yearBuilt = typeCode === 'condo' ? rng.int(1965, clock.year - 1) : rng.int(1925, clock.year - 1);
  const roofYear = rng.int(Math.max(yearBuilt, clock.year - 25), clock.year - 1);
  const tenant = typeCode === 'renters';
  const claims = rng.chance(0.18)
    ? [
        {
          date: pastDateWithin(rng, clock, 5),
          kind: rng.pick(['wind', 'hail', 'water', 'theft', 'fire', 'liability'] as const),
          amount: rng.money(800, 45_000, true),
        },
      ]
    : [];
  const dog = rng.chance(0.3) ? { breed: rng.pick(DOG_BREEDS), biteHistory: false } : undefined;
  return {
    yearBuilt,
    squareFeet: tenant || typeCode === 'condo' ? rng.int(550, 1800) : rng.int(900, 4800),
    construction: rng.weighted([
      ['frame', 70],
      ['masonry', 25],
      ['superior', 5],
    ] as const),
    roofType: rng.pick(ROOF_TYPES.slice(0, 6)),
    roofYear,
    stories: rng.pick([1, 1, 1.5, 2, 2, 2.5, 3]),
    occupancy: tenant ? 'tenant' : rng.chance(0.05) ? 'seasonal' : 'owner',
    protectionClass: rng.pick(['1', '2', '3', '3', '4', '4', '5', '5', '6', '7', '8', '8B', '9', '10W']),
    distanceToHydrantFt: rng.int(1, 40) * 25,
    features: {
      pool: rng.chance(0.12),
      trampoline: rng.chance(0.05),
      securitySystem: rng.chance(0.4),
      ...(dog ? { dog } : {}),
    },
    priorClaims: claims,
    ...(tenant ? {} : { coverageA: rng.int(120, 950) * 1000 }),
    deductible: rng.pick([500, 1000, 1000, 2500, 5000]),
  };
}

export function specialtyDoc(rng: Rng, clock: Clock, typeCode: string): SpecialtyData {
  if (typeCode === 'boat') {
    const b = rng.pick(BOATS);
    const year = rng.int(2000, clock.year);
    return {
      items: [
        {
          kind: 'boat',
          description: `${b.feet} ft ${b.make} ${b.model} with trailer`,
          value: rng.int(8, 90) * 1000,
          year,
          make: b.make,
          model: b.model,
          hin: makeHin(rng, b.mic, year),
        },
      ],
    };
  }
  const list = typeCode === 'rv' ? RVS : MOTORCYCLES;
  const m = rng.pick(list);
  const year = vehicleYear(rng, m, clock);
  return {
    items: [
      {
        kind: typeCode === 'rv' ? 'rv' : 'motorcycle',
        description: `${year} ${m.make} ${m.model}`,
        value: typeCode === 'rv' ? rng.int(40, 250) * 1000 : rng.int(4, 32) * 1000,
        year,
        make: m.make,
        model: m.model,
        vin: makeVin(rng, m.wmi, year),
      },
    ],
  };
}

const LINE_TO_COVERAGE: Record<string, (typeof COMMERCIAL_COVERAGES)[number]> = {
  general_liability: 'general_liability',
  bop: 'bop',
  workers_comp: 'workers_comp',
  commercial_auto: 'commercial_auto',
  commercial_property: 'property',
  professional_liability: 'professional',
  cyber: 'cyber',
};

export interface BusinessFacts {
  type: BusinessType;
  revenue: number;
  fullTime: number;
  partTime: number;
  years: number;
}

export function commercialDoc(rng: Rng, clock: Clock, biz: BusinessFacts, home: City, line1: string): CommercialData {
  const extra = rng.weighted([
    [0, 70],
    [1, 22],
    [2, 8],
  ] as const);
  const locations = [home, ...Array.from({ length: extra }, () => (rng.chance(0.7) ? home : rng.pick(CITIES)))].map(
    (c, i) => ({
      address: { line1: i === 0 ? line1 : streetLine(rng), city: c.city, state: c.state, postalCode: c.zip },
      occupancy: biz.type.occupancy,
      squareFeet: rng.int(8, 200) * 100,
      ...(rng.chance(0.4) ? { buildingValue: rng.int(200, 3000) * 1000 } : {}),
      contentsValue: rng.int(20, 600) * 1000,
      isPrimary: i === 0,
    }),
  );
  const requested = new Set(biz.type.lines.map((l) => LINE_TO_COVERAGE[l]!).filter(() => rng.chance(0.8)));
  if (requested.size === 0) requested.add(LINE_TO_COVERAGE[biz.type.lines[0]!]!);
  if (rng.chance(0.15)) requested.add('umbrella');
  const losses = rng.chance(0.2)
    ? [
        {
          date: pastDateWithin(rng, clock, 4),
          kind: rng.pick(['property', 'general_liability', 'workers_comp', 'auto'] as const),
          amount: rng.money(1500, 80_000, true),
        },
      ]
    : [];
  return {
    businessType: biz.type.type,
    naicsCode: biz.type.naics,
    yearsInBusiness: biz.years,
    annualRevenue: biz.revenue,
    employees: { fullTime: biz.fullTime, partTime: biz.partTime },
    payroll: Math.round((biz.fullTime * rng.int(32, 70) + biz.partTime * rng.int(12, 25)) * 1000),
    locations,
    priorLosses: losses,
    coveragesRequested: [...requested],
  };
}
