/**
 * Who a synthetic lead is and what they want: identity, contacts, address, insurance type,
 * carriers, premiums and coverage documents, plus the words its notes are written with.
 */
import type { AutoData, CoverageColumn } from '../coverage';
import { INSURANCE_TYPES } from '../lookups';
import {
  type BusinessFacts,
  type Clock,
  type Person,
  autoDoc,
  commercialDoc,
  dateIn,
  homeDoc,
  specialtyDoc,
  streetLine,
} from './coverage';
import { type ContactSpec, email, makeContacts } from './lead-contacts';
import { CROSS_SELL, PERSONAL_MIX, PREMIUMS, SOURCES, TAGS } from './lead-mix';
import { type Agent, firstName, phoneNumber } from './people';
import type { Rng } from './prng';
import { dollars, isoDay, monthDay, shortDollars } from './text';
import { BUSINESS_SUFFIXES, BUSINESS_TYPES, NAME_PREFIXES } from './words/business';
import type { NoteTopic } from './words/notes';
import { LAST_NAMES } from './words/people';
import { CITIES, UNIT_PREFIXES, type City } from './words/places';
import { COMMERCIAL_CARRIERS, PERSONAL_CARRIERS } from './words/vehicles';

export type InsuranceType = (typeof INSURANCE_TYPES)[number];
const TYPE = new Map(INSURANCE_TYPES.map((t) => [t.code, t]));
const type = (code: string) => TYPE.get(code)!;

export interface LeadStory {
  business: boolean;
  type: InsuranceType;
  second: InsuranceType | null;
  agent: Agent;
  first: string;
  last: string;
  dob: string | null;
  businessName: string | null;
  email: string;
  phone: string;
  city: City;
  line1: string;
  line2: string | null;
  contacts: ContactSpec[];
  carrier: string;
  newCarrier: string;
  currentPremium: number;
  quotedPremium: number;
  secondPremium: number;
  expiration: string;
  source: string;
  priority: number;
  tags: string[];
  customFields: Record<string, string | number | boolean> | null;
  metadata: Record<string, unknown>;
  coverage: Array<{ column: CoverageColumn; version: number; doc: unknown }>;
  auto: AutoData | null;
  topics: NoteTopic[];
  text: Record<string, string>;
}

function person(
  rng: Rng,
  clock: Clock,
  last: string,
  relationship: Person['relationship'],
  ages: [number, number],
): Person {
  return { first: firstName(rng), last, dob: dateIn(rng, clock.year - rng.int(ages[0], ages[1])), relationship };
}

function pickAgent(rng: Rng, agents: readonly Agent[], business: boolean): Agent {
  const pool = agents.filter((a) => a.commercial === business);
  return rng.weighted((pool.length ? pool : agents).map((a) => [a, a.weight] as const));
}

export function makeStory(rng: Rng, clock: Clock, agents: readonly Agent[]): LeadStory {
  const business = rng.chance(0.3);
  const agent = pickAgent(rng, agents, business);
  const city = rng.pick(CITIES);
  const line1 = streetLine(rng);
  const area = phoneNumber(rng).slice(1, 4);
  const last = rng.pick(LAST_NAMES);
  const self = person(rng, clock, last, 'self', [22, 78]);
  const household: Person[] = [self];
  if (!business && rng.chance(0.45))
    household.push(person(rng, clock, rng.chance(0.85) ? last : rng.pick(LAST_NAMES), 'spouse', [22, 75]));
  if (!business && rng.chance(0.15)) household.push(person(rng, clock, last, 'child', [16, 19]));

  let biz: (BusinessFacts & { name: string }) | null = null;
  let typ: InsuranceType;
  if (business) {
    const bt = rng.pick(BUSINESS_TYPES);
    const fullTime = rng.int(bt.employees[0], bt.employees[1]);
    const noun = rng.pick(bt.nouns);
    const head = rng.weighted([
      [`${last}`, 3],
      [rng.pick(NAME_PREFIXES), 4],
      [city.city, 2],
    ] as const);
    const name = `${head} ${noun} ${rng.pick(BUSINESS_SUFFIXES)}`.trim();
    biz = {
      type: bt,
      name,
      fullTime,
      partTime: rng.int(0, Math.ceil(fullTime / 3)),
      revenue: rng.int(bt.revenue[0] / 1000, bt.revenue[1] / 1000) * 1000,
      years: rng.int(1, 40),
    };
    typ = type(rng.pick(bt.lines));
  } else {
    typ = type(rng.weighted(PERSONAL_MIX));
  }
  const secondCode = business
    ? rng.pick(biz!.type.lines.filter((l) => l !== typ.code).concat(['general_liability']))
    : rng.pick(CROSS_SELL[typ.code] ?? ['auto']);
  const second = secondCode === typ.code ? null : type(secondCode);

  const carriers = business ? COMMERCIAL_CARRIERS : PERSONAL_CARRIERS;
  const carrier = rng.pick(carriers);
  let newCarrier = rng.pick(carriers);
  if (newCarrier === carrier) newCarrier = rng.pick(carriers);
  const [lo, hi] = PREMIUMS[typ.code] ?? [500, 3000];
  const currentPremium = rng.money(lo, hi, true);
  const quotedPremium = Math.round(currentPremium * rng.real(0.78, 1.04));
  const [slo, shi] = PREMIUMS[second?.code ?? typ.code] ?? [500, 3000];

  const coverage: LeadStory['coverage'] = [];
  let auto: AutoData | null = null;
  const docFor = (t: InsuranceType) => {
    if (!t.coverageDoc || coverage.some((c) => c.column === t.coverageDoc)) return;
    if (t.coverageDoc === 'auto_data')
      coverage.push({ column: 'auto_data', version: 2, doc: (auto = autoDoc(rng, clock, household, city)) });
    else if (t.coverageDoc === 'home_data')
      coverage.push({ column: 'home_data', version: 1, doc: homeDoc(rng, clock, t.code) });
    else if (t.coverageDoc === 'specialty_data')
      coverage.push({ column: 'specialty_data', version: 1, doc: specialtyDoc(rng, clock, t.code) });
    else if (biz)
      coverage.push({ column: 'commercial_data', version: 1, doc: commercialDoc(rng, clock, biz, city, line1) });
  };
  docFor(typ);
  if (second && rng.chance(0.6)) docFor(second);

  const contacts = makeContacts(rng, household, biz, area);

  const tags = rng.sample(
    TAGS,
    rng.weighted([
      [0, 30],
      [1, 35],
      [2, 25],
      [3, 10],
    ] as const),
  );
  const source = rng.weighted(SOURCES);
  const expiration = isoDay(clock.ms + rng.int(15, 330) * 86_400_000);
  const customFields = rng.chance(0.25)
    ? Object.fromEntries(
        rng.sample<[string, string | number | boolean]>(
          [
            ['preferred_language', rng.pick(['English', 'Spanish', 'Vietnamese', 'Mandarin'])],
            ['best_time', rng.pick(['mornings', 'lunch', 'after 5pm', 'weekends'])],
            ['homeowner', !business && typ.code !== 'renters'],
            ['years_at_address', rng.int(0, 25)],
            ['referral_code', `R-${rng.digits(4)}`],
          ],
          rng.int(1, 3),
        ),
      )
    : null;
  const unit =
    !business && (typ.code === 'renters' || typ.code === 'condo')
      ? `${rng.pick(UNIT_PREFIXES)} ${rng.int(1, 40)}${rng.pick(['', 'A', 'B'])}`
      : null;
  const firstAuto = auto as AutoData | null;
  const v = firstAuto?.vehicles[0];
  const spec = coverage.find((c) => c.column === 'specialty_data')?.doc as
    { items: Array<{ description: string }> } | undefined;
  const home = coverage.find((c) => c.column === 'home_data')?.doc as
    { yearBuilt: number; roofYear?: number; deductible?: number } | undefined;
  const topics: NoteTopic[] = business ? ['commercial', 'commercial', 'any'] : ['personal', 'any', 'any'];
  for (const t of [typ, second]) {
    if (!t || business) continue;
    const topic =
      t.coverageDoc === 'auto_data'
        ? 'auto'
        : t.coverageDoc === 'home_data'
          ? 'home'
          : t.coverageDoc === 'specialty_data'
            ? 'specialty'
            : (t.code as NoteTopic);
    if (topic === 'auto' && !firstAuto) continue;
    if (topic === 'home' && !home) continue;
    if (topic === 'specialty' && !spec) continue;
    topics.push(topic, topic);
  }
  return {
    business,
    type: typ,
    second,
    agent,
    first: self.first,
    last,
    dob: business ? null : self.dob,
    businessName: biz?.name ?? null,
    email: contacts[0]!.email ?? email(rng, self.first, last),
    phone: contacts[0]!.phone!,
    city,
    line1,
    line2: unit,
    contacts,
    carrier,
    newCarrier,
    currentPremium,
    quotedPremium,
    secondPremium: rng.money(slo, shi, true),
    expiration,
    source,
    priority: rng.weighted([
      [1, 8],
      [2, 20],
      [3, 45],
      [4, 20],
      [5, 7],
    ] as const),
    tags,
    customFields,
    metadata:
      source === 'Referral'
        ? {
            referral: {
              name: `${firstName(rng)} ${rng.pick(LAST_NAMES)}`,
              relationship: rng.pick(['client', 'friend', 'coworker', 'neighbor']),
            },
          }
        : {},
    coverage,
    auto: firstAuto,
    topics,
    text: {
      first: self.first,
      last,
      business: biz?.name ?? `${self.first} ${last}`,
      carrier,
      newCarrier,
      city: city.city,
      vehicle: v ? `${v.year} ${v.make} ${v.model}` : 'vehicle',
      vehicles: String(firstAuto?.vehicles.length ?? 1),
      premium: dollars(currentPremium),
      quote: dollars(quotedPremium),
      savings: dollars(Math.max(50, currentPremium - quotedPremium)),
      deductible: dollars(home?.deductible ?? rng.pick([500, 1000, 2500])),
      type: typ.name,
      renewal: monthDay(expiration),
      yearBuilt: String(home?.yearBuilt ?? 1990),
      roofYear: String(home?.roofYear ?? 2015),
      spouse: household[1]?.first ?? 'the spouse',
      employees: String(biz ? biz.fullTime + biz.partTime : 1),
      revenue: shortDollars(biz?.revenue ?? 500_000),
      boat: spec?.items[0]?.description ?? 'boat',
      limit: rng.pick(['$1M', '$1M', '$2M', '$5M']),
      agent: agent.firstName,
    },
  };
}
