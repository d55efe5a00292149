// Known-good documents for each column and version. Tests copy them with
// structuredClone before altering, so they never leak changes between tests.

export const address = { line1: '12 Elm St', city: 'Springfield', state: 'IL', postalCode: '62704' };

export const driver = {
  firstName: 'Dana',
  lastName: 'Ruiz',
  dateOfBirth: '1985-03-14',
  licenseState: 'IL',
  licenseNumber: 'R200-5558-5071',
  relationship: 'self',
  violations: [{ date: '2022-08-01', kind: 'speeding', description: '12 over' }],
};

export const autoV1 = {
  vehicles: [
    { year: 2003, make: 'Honda', model: 'Accord', vin: '1HGCM82633A004352', usage: 'pleasure', annualMileage: 9000 },
    {
      year: 2019,
      make: 'Freightliner',
      model: 'M2',
      vin: '1M8GDM9AXKP042788',
      usage: 'business',
      garagingAddress: address,
      ownership: 'financed',
    },
  ],
  drivers: [driver, { ...driver, firstName: 'Sam', dateOfBirth: '2008-02-29', relationship: 'child', violations: [] }],
};

export const autoV2 = {
  vehicles: [
    { year: 2003, make: 'Honda', model: 'Accord', vin: '1HGCM82633A004352', usage: 'personal', primaryDriverIndex: 1 },
  ],
  drivers: [driver, { ...driver, firstName: 'Sam' }],
};

export const homeV1 = {
  yearBuilt: 1962,
  squareFeet: 1850,
  construction: 'frame',
  roofType: 'architectural_shingle',
  roofYear: 2018,
  stories: 1.5,
  occupancy: 'owner',
  protectionClass: '8B',
  distanceToHydrantFt: 400,
  features: { pool: true, dog: { breed: 'Labrador Retriever' }, securitySystem: true },
  priorClaims: [{ date: '2020-05-04', kind: 'hail', amount: 12500 }],
  coverageA: 325000,
  deductible: 1000,
};

export const specialtyV1 = {
  items: [
    { kind: 'boat', description: '21ft bowrider', value: 38000, year: 2016, make: 'Sea Ray', hin: 'SERV1234C616' },
    { kind: 'rv', description: 'Class C motorhome', value: 72000, vin: '1M8GDM9AXKP042788' },
    { kind: 'jewelry', description: 'Engagement ring, 1.2ct', value: 8200 },
    { kind: 'art', description: 'Oil on canvas', value: 15000, year: 1890 },
  ],
};

export const commercialV1 = {
  businessType: 'Coffee shop',
  naicsCode: '722515',
  yearsInBusiness: 6,
  annualRevenue: 640000,
  employees: { fullTime: 4, partTime: 9 },
  payroll: 310000,
  locations: [
    { address, occupancy: 'retail', squareFeet: 1400, buildingValue: 0, contentsValue: 85000, isPrimary: true },
    { address: { ...address, line1: '400 Oak Ave', postalCode: '62704-1234' }, occupancy: 'storage' },
  ],
  priorLosses: [{ date: '2021-11-20', kind: 'property', amount: 4200 }],
  coveragesRequested: ['bop', 'workers_comp', 'cyber'],
};
