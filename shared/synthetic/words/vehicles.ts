/** Vehicles agents quote every day: make, model, model-year range and a real WMI for the VIN. */
export interface VehicleModel {
  make: string;
  model: string;
  from: number;
  to: number;
  wmi: string;
}

const RAW = `Toyota|Camry|2005|2026|4T1;Toyota|Corolla|2005|2026|2T1;Toyota|RAV4|2006|2026|2T3;Toyota|Tacoma|2005|2026|3TM
Toyota|Highlander|2008|2026|5TD;Toyota|Sienna|2011|2026|5TD;Honda|Civic|2006|2026|2HG;Honda|Accord|2005|2026|1HG
Honda|CR-V|2007|2026|5J6;Honda|Pilot|2009|2026|5FN;Honda|Odyssey|2011|2026|5FN;Ford|F-150|2005|2026|1FT
Ford|Escape|2008|2026|1FM;Ford|Explorer|2011|2026|1FM;Ford|Mustang|2005|2026|1ZV;Ford|Fusion|2010|2020|3FA
Chevrolet|Silverado 1500|2007|2026|1GC;Chevrolet|Equinox|2010|2026|2GN;Chevrolet|Malibu|2008|2025|1G1;Chevrolet|Tahoe|2007|2026|1GN
Nissan|Altima|2007|2026|1N4;Nissan|Rogue|2008|2026|5N1;Nissan|Sentra|2007|2026|3N1;Jeep|Grand Cherokee|2005|2026|1J4
Jeep|Wrangler|2007|2026|1C4;Ram|1500|2011|2026|1C6;Subaru|Outback|2005|2026|4S4;Subaru|Forester|2005|2026|JF2
Hyundai|Elantra|2007|2026|KMH;Hyundai|Tucson|2010|2026|KM8;Kia|Sorento|2011|2026|5XY;Kia|Telluride|2020|2026|5XY
Tesla|Model 3|2018|2026|5YJ;Tesla|Model Y|2020|2026|7SA;GMC|Sierra 1500|2007|2026|1GT;Volkswagen|Jetta|2005|2026|3VW
BMW|3 Series|2006|2026|WBA;Mercedes-Benz|C-Class|2008|2026|WDD;Lexus|RX 350|2007|2026|2T2;Mazda|CX-5|2013|2026|JM3
Dodge|Grand Caravan|2008|2020|2C4;Buick|Enclave|2008|2026|5GA`;

export const VEHICLES: readonly VehicleModel[] = RAW.split(/[;\n]/).map((entry) => {
  const [make, model, from, to, wmi] = entry.trim().split('|') as [string, string, string, string, string];
  return { make, model, from: Number(from), to: Number(to), wmi };
});

export const MOTORCYCLES: readonly VehicleModel[] = [
  { make: 'Harley-Davidson', model: 'Street Glide', from: 2008, to: 2026, wmi: '1HD' },
  { make: 'Harley-Davidson', model: 'Sportster 883', from: 2005, to: 2022, wmi: '1HD' },
  { make: 'Honda', model: 'Gold Wing', from: 2006, to: 2026, wmi: 'JH2' },
  { make: 'Honda', model: 'Rebel 500', from: 2017, to: 2026, wmi: 'JH2' },
  { make: 'Yamaha', model: 'MT-07', from: 2015, to: 2026, wmi: 'JYA' },
  { make: 'Kawasaki', model: 'Ninja 400', from: 2018, to: 2026, wmi: 'JKA' },
  { make: 'Indian', model: 'Chief', from: 2014, to: 2026, wmi: '56K' },
  { make: 'BMW', model: 'R 1250 GS', from: 2019, to: 2025, wmi: 'WB1' },
];

export const RVS: readonly VehicleModel[] = [
  { make: 'Winnebago', model: 'View', from: 2010, to: 2026, wmi: '1FD' },
  { make: 'Thor', model: 'Four Winds', from: 2008, to: 2026, wmi: '1FD' },
  { make: 'Airstream', model: 'Interstate', from: 2012, to: 2026, wmi: 'WDA' },
  { make: 'Jayco', model: 'Greyhawk', from: 2010, to: 2026, wmi: '1FD' },
];

/** Boats: a US Coast Guard manufacturer identification code (MIC) for the HIN. */
export const BOATS = [
  { make: 'Bayliner', model: 'Element E18', mic: 'BNA', feet: 18 },
  { make: 'Sea Ray', model: 'SPX 210', mic: 'SER', feet: 21 },
  { make: 'Boston Whaler', model: 'Montauk 170', mic: 'BWC', feet: 17 },
  { make: 'Tracker', model: 'Pro Team 175', mic: 'BUJ', feet: 17 },
  { make: 'Yamaha', model: 'AR190', mic: 'YAM', feet: 19 },
  { make: 'Grady-White', model: 'Fisherman 236', mic: 'NTL', feet: 23 },
  { make: 'Malibu', model: 'Wakesetter 21 VLX', mic: 'MBB', feet: 21 },
  { make: 'Sea-Doo', model: 'GTI 130', mic: 'YDV', feet: 11 },
] as const;

export const PERSONAL_CARRIERS = [
  'State Farm',
  'GEICO',
  'Progressive',
  'Allstate',
  'USAA',
  'Liberty Mutual',
  'Farmers',
  'Nationwide',
  'Travelers',
  'American Family',
  'Erie Insurance',
  'Auto-Owners',
  'Safeco',
  'The Hartford',
  'Kemper',
  'Mercury',
  'Chubb',
  'Hanover',
  'Cincinnati Insurance',
  'Westfield',
  'Grange',
  'Openly',
  'Branch',
  'Lemonade',
];

export const COMMERCIAL_CARRIERS = [
  'Travelers',
  'The Hartford',
  'Liberty Mutual',
  'Chubb',
  'CNA',
  'Markel',
  'Hiscox',
  'Nationwide',
  'Berkshire Hathaway GUARD',
  'Employers',
  'AmTrust',
  'Cincinnati Insurance',
  'Hanover',
  'Zurich',
  'Progressive Commercial',
  'Society Insurance',
  'Acuity',
  'Coalition',
];

export const DOG_BREEDS = [
  'Labrador Retriever',
  'Golden Retriever',
  'German Shepherd',
  'Beagle',
  'Bulldog',
  'Poodle',
  'Boxer',
  'Husky',
  'Mixed breed',
  'Pit Bull Terrier',
  'Rottweiler',
];
