import {
  validateCoverage,
  type AutoData,
  type CommercialData,
  type CoverageColumn,
  type HomeData,
  type SpecialtyData,
} from '../coverage';
import type { Row } from '../model/catalogue';
import { ageOn } from './context';
import { redactJson, type Redactor } from './redact';

/**
 * The coverage JSON documents as short text lines a model reads well, with every sensitive
 * value (driver license numbers, dates of birth) already replaced by its placeholder. VINs
 * and addresses are left out: a model needs the vehicle and the risk, not the identifiers;
 * they are still registered, so a mention of them in a note or custom field is replaced.
 */
const money = (n: number | undefined) => (n === undefined ? undefined : `$${Math.round(n).toLocaleString('en-US')}`);
const join = (parts: Array<string | undefined | false>) => parts.filter(Boolean).join(', ');

function autoLines(doc: AutoData, r: Redactor, now: Date): string[] {
  const vehicles = doc.vehicles.map(
    (v) =>
      `- vehicle: ${v.year} ${v.make} ${v.model} (${join([v.usage, v.annualMileage !== undefined && `${v.annualMileage.toLocaleString('en-US')} mi/yr`, v.ownership])})`,
  );
  const drivers = doc.drivers.map((d) => {
    const age = ageOn(d.dateOfBirth, now);
    const violations = d.violations.map((x) => `${x.kind} ${x.date}`).join('; ');
    return `- driver: ${d.firstName} (${join([
      d.relationship,
      age !== null && `age ${age}`,
      `born ${r.value('dob', d.dateOfBirth)}`,
      `licensed in ${d.licenseState}, license ${r.value('license', d.licenseNumber)}`,
      violations ? `violations: ${violations}` : 'no violations',
    ])})`;
  });
  return ['Auto:', ...vehicles, ...drivers];
}

function homeLines(doc: HomeData): string[] {
  const features = Object.entries(doc.features)
    .filter(([, v]) => v)
    .map(([k, v]) =>
      k === 'dog' && typeof v === 'object' ? `dog (${v.breed}${v.biteHistory ? ', bite history' : ''})` : k,
    );
  const claims = doc.priorClaims.map((c) => `${c.kind} ${c.date} ${money(c.amount)}`).join('; ');
  return [
    'Home:',
    `- built ${doc.yearBuilt}, ${doc.squareFeet.toLocaleString('en-US')} sq ft, ${doc.construction}, ${doc.stories} stories, ${doc.occupancy}-occupied`,
    `- roof ${doc.roofType.replace(/_/g, ' ')}${doc.roofYear ? ` (${doc.roofYear})` : ''}${doc.protectionClass ? `, protection class ${doc.protectionClass}` : ''}`,
    `- ${join([doc.coverageA !== undefined && `dwelling limit ${money(doc.coverageA)}`, doc.deductible !== undefined && `deductible ${money(doc.deductible)}`]) || 'limits not given'}`,
    ...(features.length ? [`- features: ${features.join(', ')}`] : []),
    `- prior claims: ${claims || 'none'}`,
  ];
}

function specialtyLines(doc: SpecialtyData): string[] {
  return [
    'Specialty items:',
    ...doc.items.map(
      (i) =>
        `- ${i.kind}: ${join([i.year !== undefined && String(i.year), i.make, i.model, i.description])} valued ${money(i.value)}`,
    ),
  ];
}

function commercialLines(doc: CommercialData): string[] {
  const e = doc.employees;
  const losses = doc.priorLosses.map((l) => `${l.kind} ${l.date} ${money(l.amount)}`).join('; ');
  return [
    'Business:',
    `- ${join([doc.businessType, doc.naicsCode && `NAICS ${doc.naicsCode}`, doc.yearsInBusiness !== undefined && `${doc.yearsInBusiness} years in business`])}`,
    `- ${join([doc.annualRevenue !== undefined && `revenue ${money(doc.annualRevenue)}`, e && `${e.fullTime} full-time and ${e.partTime} part-time employees`, doc.payroll !== undefined && `payroll ${money(doc.payroll)}`]) || 'size not given'}`,
    `- ${doc.locations.length} location(s)${doc.locations.length ? `: ${doc.locations.map((l) => l.occupancy ?? 'unspecified use').join(', ')}` : ''}`,
    `- coverages requested: ${doc.coveragesRequested.join(', ') || 'none listed'}`,
    `- prior losses: ${losses || 'none'}`,
  ];
}

/** Registers a document's known sensitive values with the redactor, before any text is redacted. */
export function registerCoverageSecrets(lead: Row<'leads'>, r: Redactor) {
  if (lead.date_of_birth) r.value('dob', lead.date_of_birth);
  const auto = lead.auto_data as { drivers?: unknown; vehicles?: unknown } | null;
  for (const d of Array.isArray(auto?.drivers) ? (auto.drivers as Array<Record<string, unknown>>) : []) {
    if (typeof d?.licenseNumber === 'string') r.value('license', d.licenseNumber);
    if (typeof d?.dateOfBirth === 'string') r.value('dob', d.dateOfBirth);
  }
  const street = (address: unknown) => {
    const line1 = (address as { line1?: unknown } | undefined)?.line1;
    if (typeof line1 === 'string') r.value('address', line1);
  };
  for (const v of Array.isArray(auto?.vehicles) ? (auto.vehicles as Array<Record<string, unknown>>) : []) {
    if (typeof v?.vin === 'string') r.value('vin', v.vin);
    street(v?.garagingAddress);
  }
  const locations = (lead.commercial_data as { locations?: unknown } | null)?.locations;
  for (const l of Array.isArray(locations) ? (locations as Array<Record<string, unknown>>) : []) street(l?.address);
}

const RENDER: { [C in CoverageColumn]: (doc: never, r: Redactor, now: Date) => string[] } = {
  auto_data: autoLines as (doc: never, r: Redactor, now: Date) => string[],
  home_data: homeLines as (doc: never) => string[],
  specialty_data: specialtyLines as (doc: never) => string[],
  commercial_data: commercialLines as (doc: never) => string[],
};

/** Text lines for every coverage document on the leads given; a document of an unknown shape is sent as redacted JSON. */
export function coverageLines(leads: readonly Row<'leads'>[], r: Redactor, now: Date): string[] {
  const lines: string[] = [];
  for (const lead of leads) {
    if (lead.umbrella_limit) lines.push(`Umbrella: ${money(lead.umbrella_limit)} limit`);
    for (const column of Object.keys(RENDER) as CoverageColumn[]) {
      const doc = lead[column];
      if (doc === null || doc === undefined) continue;
      const version = lead[`${column}_schema_version`] ?? 0;
      const checked = validateCoverage(column, version, doc);
      if (checked.ok) lines.push(...RENDER[column](checked.value as never, r, now));
      else lines.push(`${column}: ${JSON.stringify(redactJson(doc, r))}`);
    }
  }
  return lines;
}
