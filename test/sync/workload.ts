import type { FieldlineApp } from '../../electron/main/app';
import { communicationTypeByCode, insuranceTypeByCode, statusByCode } from '../../shared/lookups';

/** A small seeded PRNG, so a failing run can be replayed with its seed. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = ['auto', 'home', 'umbrella', 'renters', 'bop'].map((c) => insuranceTypeByCode(c).id);
const STATUSES = ['contacted', 'qualified', 'quoting', 'quoted', 'negotiating', 'nurture'].map(
  (c) => statusByCode(c).id,
);
const CALL = communicationTypeByCode('call').id;
const NAMES = ['Silva', 'Okafor', 'Nguyen', 'Kowalski', 'García', 'Haddad', 'Brennan', 'Tanaka'];
const TAGS = ['bundle', 'hot', 'renewal', 'referral', 'spanish'];

/**
 * One random user action on a replica: what an agent does in a day (create leads, notes, calls,
 * edits, status moves, tags, contacts, opportunities, conversions). Returns the mutation id, or
 * null when the action was refused locally (that is fine: nothing is queued then).
 */
export async function randomAction(app: FieldlineApp, next: () => number): Promise<string | null> {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const leads = app.db
    .prepare(`SELECT id FROM leads WHERE deleted_at IS NULL AND is_converted = 0 ORDER BY id`)
    .all() as Array<{ id: string }>;
  const r = next();
  const lead = leads.length ? pick(leads).id : null;
  let name: string;
  let args: Record<string, unknown>;
  if (!lead || r < 0.15) {
    name = 'createLead';
    args = {
      first_name: 'Pat',
      last_name: pick(NAMES),
      insurance_type_id: pick(TYPES),
      quoted_premium: Math.round(next() * 3000),
      tags: [pick(TAGS)],
    };
  } else if (r < 0.35) {
    name = 'addNote';
    args = {
      lead_id: lead,
      body: `Spoke about ${pick(['bundling', 'the roof', 'a teen driver', 'umbrella limits'])} (${Math.floor(next() * 1e6)})`,
    };
  } else if (r < 0.5) {
    name = 'logCommunication';
    args = {
      lead_id: lead,
      communication_type_id: CALL,
      subject: 'Call',
      body: 'Left details',
      duration_seconds: Math.floor(next() * 600),
    };
  } else if (r < 0.62) {
    name = 'updateLead';
    const field = pick(['phone', 'email', 'current_carrier', 'quoted_premium'] as const);
    const value =
      field === 'phone'
        ? `555-${String(Math.floor(next() * 1e7)).padStart(7, '0')}`
        : field === 'email'
          ? `p${Math.floor(next() * 1e6)}@example.com`
          : field === 'quoted_premium'
            ? Math.round(next() * 5000)
            : pick(['Acme', 'Geico', 'Travelers']);
    args = { id: lead, patch: { [field]: value } };
  } else if (r < 0.72) {
    name = 'changeLeadStatus';
    args = { lead_id: lead, status_id: pick(STATUSES) };
  } else if (r < 0.8) {
    name = 'editLeadTags';
    args = { lead_id: lead, add: [pick(TAGS)], remove: [pick(TAGS)] };
  } else if (r < 0.87) {
    name = 'addContact';
    args = { lead_id: lead, first_name: 'Sam', last_name: pick(NAMES), is_primary_contact: next() < 0.5 };
  } else if (r < 0.94) {
    name = 'createOpportunity';
    args = { lead_id: lead, name: 'Auto + Home', amount: Math.round(next() * 4000) };
  } else {
    name = 'convertLead';
    args = { lead_id: lead };
  }
  try {
    const { mutation } = await app.writer.mutate(name, args);
    return mutation.id;
  } catch {
    return null;
  }
}
