import { col } from '../columns';
import { base, defineTable, ownership } from '../table';

export const GEOCODE_ACCURACY = ['rooftop', 'range', 'street', 'postal_code', 'city', 'unknown'] as const;

/** Normalised addresses, shared by clients (physical and mailing) and leads. */
export const addresses = defineTable(
  'addresses',
  'owned',
  {
    ...base,
    ...ownership,
    line1: col.text().required(),
    line2: col.text(),
    city: col.text().required(),
    state: col.text().required(),
    postal_code: col.text().required(),
    county: col.text(),
    country: col.text().required().default('US'),
    latitude: col.real(),
    longitude: col.real(),
    geocode_accuracy: col.oneOf(GEOCODE_ACCURACY),
    geocoded_at: col.timestamp(),
    is_verified: col.bool().required().default(false),
    verification_source: col.text(),
    verified_at: col.timestamp(),
  },
  {
    indexes: [
      { name: 'idx_addresses_postal_code', columns: ['postal_code'] },
      { name: 'idx_addresses_state_city', columns: ['state', 'city'] },
    ],
    checks: [
      { name: 'addresses_latitude_range', sql: 'latitude IS NULL OR (latitude >= -90 AND latitude <= 90)' },
      { name: 'addresses_longitude_range', sql: 'longitude IS NULL OR (longitude >= -180 AND longitude <= 180)' },
    ],
  },
);
