/**
 * Deterministic synthetic agencies for demos, tests and benchmarks (pure TypeScript).
 *
 *   const agency = generateAgency({ leads: 1000, seed: 42 });
 *   agency.teams; agency.users;            // rows, inserted directly (they come from the server)
 *   for (const step of agency) { ... }     // { name, args, id, createdAt, actorId, leadIndex }
 */
export { generateAgency, type AgencyOptions, type SyntheticAgency } from './agency';
export type { Agent, AgencyPeople, PeopleOptions } from './people';
export { Rng, hashSeed, uuidv7At } from './prng';
export type { SyntheticStep } from './lead-run';
export { preparedBatches, type PreparedStep } from './prepared';
export { makeHin, makeVin, vinCheckDigit } from './vin';
