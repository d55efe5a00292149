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
import { type Agent, firstName, phoneNumber, slug } from './people';
import type { Rng } from './prng';
import { dollars, isoDay, monthDay, shortDollars } from './text';
import { BUSINESS_SUFFIXES, BUSINESS_TYPES, CONTACT_TITLES, NAME_PREFIXES } from './words/business';
import type { NoteTopic } from './words/notes';
import { EMAIL_DOMAINS, LAST_NAMES } from './words/people';
import { CITIES, UNIT_PREFIXES, type City } from './words/places';
import { COMMERCIAL_CARRIERS, PERSONAL_CARRIERS } from './words/vehicles';

export type InsuranceType = (typeof INSURANCE_TYPES)[number];
const TYPE = new Map(INSURANCE_TYPES.map((t) => [t.code, t]));
const type = (code: string) => TYPE.get(code)!;

/** Personal lines as a share of all leads (the other 30% are business leads). */
const PERSONAL_MIX = [
  ['auto', 30],
  ['home', 18],
  ['renters', 5],
  ['condo', 4],
  ['umbrella', 3],
  ['life', 2],
  ['motorcycle', 3],
  ['boat', 3],
  ['rv', 1],
  ['flood', 1],
] as const;
/** A second product quoted with the first (the bundle). */
const CROSS_SELL: Record<string, readonly string[]> = {
  auto: ['home', 'home', 'umbrella', 'renters', 'motorcycle'],
  home: ['auto', 'auto', 'umbrella', 'flood'],
  renters: ['auto'],
  condo: ['auto', 'umbrella'],
  umbrella: ['auto', 'home'],
  life: ['auto', 'home'],
  motorcycle: ['auto'],
  boat: ['auto', 'home'],
  rv: ['auto'],
  flood: ['home'],
};
const PREMIUMS: Record<string, readonly [number, number]> = {
  auto: [900, 3600],
  home: [800, 4200],
  renters: [120, 360],
  condo: [300, 950],
  umbrella: [180, 650],
  life: [300, 2400],
  motorcycle: [200, 1300],
  boat: [250, 1600],
  rv: [600, 2600],
  flood: [450, 3200],
  commercial_auto: [3000, 42_000],
  general_liability: [500, 9000],
  bop: [800, 6500],
  workers_comp: [1500, 48_000],
  commercial_property: [2000, 30_000],
  professional_liability: [1000, 11_000],
  cyber: [800, 7500],
};
const SOURCES = [
  ['Website quote form', 24],
  ['Referral', 18],
  ['Google Ads', 12],
  ['Facebook', 7],
  ['Walk-in', 4],
  ['Cold call', 4],
  ['Renewal review', 6],
  ['Partner - mortgage broker', 6],
  ['Partner - auto dealer', 5],
  ['EverQuote', 6],
  ['Chamber of Commerce event', 3],
  ['Yelp', 2],
  ['Existing client cross-sell', 3],
] as const;
export const TAGS = [
  'hot',
  'bundle',
  'price-shopper',
  'referral',
  'renewal-soon',
  'multi-car',
  'high-value',
  'spanish-speaking',
  'needs-inspection',
  'umbrella-candidate',
  'teen-driver',
  'prior-claims',
  'vip',
  'new-business',
];

export interface ContactSpec {
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  mobile_phone?: string;
  job_title?: string;
  roles: string[];
  preferred_contact_method: 'phone' | 'email' | 'sms';
  company?: string;
  linkedin_url?: string;
}

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

function email(rng: Rng, first: string, last: string, domain = rng.pick(EMAIL_DOMAINS)): string {
  const f = slug(first) || 'info';
  const l = slug(last) || 'mail';
  return (
    rng.weighted([
      [`${f}.${l}`, 4],
      [`${f.charAt(0)}${l}`, 3],
      [`${f}${l}${rng.int(1, 99)}`, 3],
    ] as const) + `@${domain}`
  );
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

  const contacts: ContactSpec[] = [];
  const method = () =>
    rng.weighted([
      ['phone', 5],
      ['email', 3],
      ['sms', 2],
    ] as const);
  if (biz) {
    const companyDomain = `${slug(biz.name.split(' ')[0]!)}${slug(biz.type.nouns[0]!)}.com`;
    const roles = [['owner', 'decision_maker'], ['billing'], ['risk_manager']];
    const titles = [CONTACT_TITLES.owner, CONTACT_TITLES.billing, CONTACT_TITLES.risk];
    const n = rng.weighted([
      [1, 35],
      [2, 40],
      [3, 25],
    ] as const);
    for (let i = 0; i < n; i++) {
      const f = i === 0 ? self.first : firstName(rng);
      const l = i === 0 ? last : rng.pick(LAST_NAMES);
      contacts.push({
        first_name: f,
        last_name: l,
        email: email(rng, f, l, companyDomain),
        phone: phoneNumber(rng, area),
        job_title: rng.pick(titles[i]!),
        roles: roles[i]!,
        preferred_contact_method: method(),
        company: biz.name,
        ...(rng.chance(0.3)
          ? { linkedin_url: `https://www.linkedin.com/in/${slug(f)}-${slug(l)}-${rng.digits(3)}` }
          : {}),
        ...(rng.chance(0.5) ? { mobile_phone: phoneNumber(rng, area) } : {}),
      });
    }
  } else {
    const n = Math.min(
      household.length,
      rng.weighted([
        [1, 45],
        [2, 40],
        [3, 15],
      ] as const),
    );
    for (let i = 0; i < Math.max(1, n); i++) {
      const p = household[i]!;
      contacts.push({
        first_name: p.first,
        last_name: p.last,
        email: i === 0 || rng.chance(0.5) ? email(rng, p.first, p.last) : null,
        phone: phoneNumber(rng, area),
        roles: i === 0 ? ['insured'] : p.relationship === 'spouse' ? ['spouse', 'driver'] : ['driver'],
        preferred_contact_method: method(),
      });
    }
  }

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
