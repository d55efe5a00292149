/**
 * How a synthetic agency's leads are spread: lines of business, what is quoted with them,
 * premium ranges, where leads come from, and the tags they carry.
 */

/** Personal lines as a share of all leads (the other 30% are business leads). */
export const PERSONAL_MIX = [
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
export const CROSS_SELL: Record<string, readonly string[]> = {
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
export const PREMIUMS: Record<string, readonly [number, number]> = {
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
export const SOURCES = [
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
