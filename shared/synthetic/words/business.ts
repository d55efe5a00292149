/** Small-business classes an independent P&C agency writes, with their NAICS codes. */
export interface BusinessType {
  type: string;
  naics: string;
  /** Words that end the business's name ("Tacos", "Plumbing & Heating"). */
  nouns: readonly string[];
  occupancy: string;
  /** Typical annual revenue range, in dollars. */
  revenue: readonly [number, number];
  employees: readonly [number, number];
  /** Insurance-type codes this class usually buys (commercial lines). */
  lines: readonly string[];
}

const t = (
  type: string,
  naics: string,
  nouns: string,
  occupancy: string,
  revenue: [number, number],
  employees: [number, number],
  lines: string,
): BusinessType => ({ type, naics, nouns: nouns.split(','), occupancy, revenue, employees, lines: lines.split(',') });

export const BUSINESS_TYPES: readonly BusinessType[] = [
  t('Full-service restaurant', '722511', 'Grill,Bistro,Kitchen,Table,Tavern', 'restaurant', [400e3, 3e6], [8, 45], 'bop,general_liability,workers_comp'),
  t('Coffee shop', '722515', 'Coffee,Roasters,Espresso Bar,Cafe', 'retail', [150e3, 900e3], [3, 15], 'bop,workers_comp'),
  t('Food truck', '722330', 'Tacos,Street Eats,BBQ,Kitchen on Wheels', 'mobile', [80e3, 400e3], [1, 6], 'commercial_auto,general_liability'),
  t('Plumbing contractor', '238220', 'Plumbing,Plumbing & Heating,Drain Pros', 'contractor shop', [250e3, 4e6], [2, 30], 'general_liability,commercial_auto,workers_comp'),
  t('Electrical contractor', '238210', 'Electric,Electrical Services,Power & Light', 'contractor shop', [300e3, 5e6], [2, 35], 'general_liability,commercial_auto,workers_comp'),
  t('Roofing contractor', '238160', 'Roofing,Roofing & Exteriors,Roof Systems', 'contractor shop', [300e3, 6e6], [4, 40], 'general_liability,workers_comp,commercial_auto'),
  t('Landscaping services', '561730', 'Landscaping,Lawn & Garden,Outdoor Services', 'yard', [100e3, 2e6], [2, 25], 'general_liability,commercial_auto,workers_comp'),
  t('General contractor (residential)', '236118', 'Builders,Construction,Remodeling,Homes', 'office', [500e3, 8e6], [3, 40], 'general_liability,workers_comp,commercial_auto'),
  t('HVAC contractor', '238220', 'Heating & Air,Comfort Systems,HVAC', 'contractor shop', [300e3, 5e6], [3, 30], 'general_liability,commercial_auto,workers_comp'),
  t('Auto repair shop', '811111', 'Auto Repair,Automotive,Auto Care,Garage', 'garage', [200e3, 2e6], [2, 15], 'general_liability,commercial_property,workers_comp'),
  t('Hair salon', '812112', 'Salon,Hair Studio,Beauty Bar', 'retail', [100e3, 800e3], [2, 12], 'bop,professional_liability'),
  t('Dental office', '621210', 'Dental,Family Dentistry,Smiles', 'medical office', [600e3, 3e6], [5, 20], 'bop,professional_liability,cyber,workers_comp'),
  t('Physical therapy clinic', '621340', 'Physical Therapy,Rehab,Sports Medicine', 'medical office', [400e3, 2.5e6], [4, 25], 'professional_liability,bop,workers_comp'),
  t('Veterinary clinic', '541940', 'Animal Hospital,Veterinary Clinic,Pet Care', 'medical office', [500e3, 3e6], [5, 25], 'bop,professional_liability,workers_comp'),
  t('Accounting firm', '541211', 'CPAs,Accounting,Tax & Advisory', 'office', [200e3, 3e6], [2, 20], 'professional_liability,cyber,bop'),
  t('Law office', '541110', 'Law Group,Legal,Law Offices', 'office', [300e3, 5e6], [2, 25], 'professional_liability,cyber,bop'),
  t('IT consulting', '541512', 'Technologies,IT Solutions,Systems,Digital', 'office', [250e3, 5e6], [2, 40], 'cyber,professional_liability,general_liability'),
  t('Real estate agency', '531210', 'Realty,Properties,Real Estate Group', 'office', [200e3, 3e6], [3, 30], 'professional_liability,bop,cyber'),
  t('Retail boutique', '448120', 'Boutique,Apparel,Collective', 'retail', [150e3, 1.5e6], [2, 12], 'bop,general_liability'),
  t('Hardware store', '444130', 'Hardware,Supply,Home & Garden', 'retail', [500e3, 4e6], [5, 30], 'bop,commercial_property,workers_comp'),
  t('Bakery', '311811', 'Bakery,Bakehouse,Pastries', 'retail', [150e3, 1e6], [3, 15], 'bop,workers_comp'),
  t('Craft brewery', '312120', 'Brewing Co.,Brewery,Taproom', 'manufacturing', [400e3, 4e6], [5, 30], 'commercial_property,general_liability,workers_comp'),
  t('Trucking (local)', '484110', 'Trucking,Freight,Logistics,Hauling', 'terminal', [500e3, 8e6], [3, 40], 'commercial_auto,workers_comp,general_liability'),
  t('Cleaning services', '561720', 'Cleaning,Janitorial,Maid Service', 'office', [100e3, 2e6], [4, 50], 'general_liability,workers_comp,commercial_auto'),
  t('Daycare center', '624410', 'Learning Center,Kids Academy,Early Learning', 'daycare', [300e3, 2e6], [6, 30], 'general_liability,professional_liability,workers_comp'),
  t('Fitness studio', '713940', 'Fitness,CrossFit,Yoga Studio,Athletics', 'retail', [150e3, 1.5e6], [3, 20], 'general_liability,bop,professional_liability'),
  t('Apartment building owner', '531110', 'Apartments,Residences,Properties', 'apartments', [300e3, 3e6], [1, 6], 'commercial_property,general_liability'),
  t('Machine shop', '332710', 'Machine Works,Precision,Fabrication', 'manufacturing', [600e3, 6e6], [5, 45], 'commercial_property,workers_comp,general_liability'),
  t('Florist', '453110', 'Flowers,Floral Design,Blooms', 'retail', [100e3, 700e3], [2, 8], 'bop,commercial_auto'),
  t('Moving company', '484210', 'Moving,Movers,Relocation', 'warehouse', [300e3, 4e6], [5, 40], 'commercial_auto,workers_comp,general_liability'),
  t('Insurance-restoration contractor', '238990', 'Restoration,Disaster Recovery,Water & Fire', 'warehouse', [400e3, 5e6], [4, 35], 'general_liability,workers_comp,commercial_auto'),
  t('Pet grooming', '812910', 'Pet Spa,Grooming,Paws', 'retail', [80e3, 500e3], [2, 8], 'bop,general_liability'),
];

/** Words that start a business's name besides a surname or a city. */
export const NAME_PREFIXES = [
  'Blue Ridge', 'Summit', 'Cornerstone', 'Evergreen', 'Riverbend', 'Prairie', 'Keystone', 'Lakeside', 'Pioneer',
  'Liberty', 'Northstar', 'Red Oak', 'Silver Creek', 'Golden Gate', 'Ironwood', 'Harbor', 'Magnolia', 'Cardinal',
  'Heritage', 'Tri-County', 'Main Street', 'Copper', 'Bluebird', 'Granite', 'Sunrise', 'Twin Pines', 'Bright',
];

export const BUSINESS_SUFFIXES = ['LLC', 'Inc.', 'Co.', '', '', '', 'Group'];

export const CONTACT_TITLES = {
  owner: ['Owner', 'Co-Owner', 'President', 'Managing Member', 'Principal'],
  billing: ['Office Manager', 'Bookkeeper', 'Controller', 'Accounts Payable'],
  risk: ['Operations Manager', 'Safety Director', 'HR Manager', 'General Manager'],
} as const;
