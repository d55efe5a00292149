/** Turns a planned step of a lead into a named mutation with its arguments (ids from the PRNG). */
import { statusByCode } from '../lookups';
import { bookStep } from './book-steps';
import type { BuiltStep, LeadRun } from './lead-run';
import { TAGS } from './lead-mix';
import type { PlanItem } from './plan';
import { DAY } from './plan';
import { uuidv7At } from './prng';
import { communication, leadComm, noteBody } from './step-communications';
import { isoDay, render } from './text';
import { makeVin } from './vin';
import {
  CALL_OUTCOMES,
  CLIENT_WELCOME_NOTES,
  FOLLOW_UP_NOTES,
  LOST_REASONS,
  UNRESPONSIVE_REASONS,
} from './words/notes';
import { VEHICLES } from './words/vehicles';

const PROBABILITY: Record<string, number> = { quoting: 30, proposal: 50, negotiation: 70 };
const NOTE_TAGS = ['quote', 'underwriting', 'billing', 'claims', 'documents'];

function createLead(run: LeadRun, ms: number): BuiltStep {
  const { rng, story: s } = run;
  run.leadId = uuidv7At(rng, ms);
  const person = s.business
    ? { lead_type: 'business' as const, business_name: s.businessName }
    : { lead_type: 'individual' as const, first_name: s.first, last_name: s.last, date_of_birth: s.dob };
  return {
    name: 'createLead',
    args: {
      id: run.leadId,
      event_id: uuidv7At(rng, ms),
      ...person,
      email: s.email,
      phone: s.phone,
      preferred_contact_method: s.contacts[0]!.preferred_contact_method,
      insurance_type_id: s.type.id,
      source: s.source,
      priority: s.priority,
      current_carrier: s.carrier,
      current_premium: s.currentPremium,
      policy_expiration_date: s.expiration,
      ...(s.type.code === 'umbrella' ? { umbrella_limit: 1_000_000 * rng.pick([1, 1, 2, 5]) } : {}),
      tags: s.tags,
      ...(s.customFields ? { custom_fields: s.customFields } : {}),
      metadata: s.metadata,
      coverage: s.coverage,
    },
  };
}

function updatedAuto(run: LeadRun) {
  const { rng, story, clock } = run;
  const doc = structuredClone(story.auto!);
  if (doc.vehicles.length < 3) {
    const m = rng.pick(VEHICLES);
    const year = rng.int(Math.max(m.from, clock.year - 8), Math.min(m.to, clock.year + 1));
    doc.vehicles.push({
      year,
      make: m.make,
      model: m.model,
      vin: makeVin(rng, m.wmi, year),
      usage: 'personal',
      annualMileage: rng.int(4, 15) * 1000,
      ownership: 'financed',
    });
  } else doc.vehicles[0]!.annualMileage = rng.int(3, 20) * 1000;
  return doc;
}

/** The mutation for one planned step, at `ms` (the step's createdAt). */
export function buildStep(run: LeadRun, item: PlanItem, ms: number): BuiltStep {
  const { rng, story: s, leadId: lead_id } = run;
  const iso = (t: number) => new Date(t).toISOString();
  switch (item.kind) {
    case 'createLead':
      return createLead(run, ms);
    case 'address':
      return {
        name: 'upsertAddress',
        args: {
          id: uuidv7At(rng, ms),
          line1: s.line1,
          ...(s.line2 ? { line2: s.line2 } : {}),
          city: s.city.city,
          state: s.city.state,
          postal_code: s.city.zip,
          county: s.city.county,
          link: { lead_id },
        },
      };
    case 'contact': {
      const i = Number(item.arg);
      const id = uuidv7At(rng, ms);
      run.contactIds[i] = id;
      return { name: 'addContact', args: { lead_id, id, ...s.contacts[i]!, is_primary_contact: i === 0 } };
    }
    case 'firstComm':
    case 'comm':
      return leadComm(run, item, ms);
    case 'note':
      return {
        name: 'addNote',
        args: {
          lead_id,
          id: uuidv7At(rng, ms),
          body: noteBody(run),
          is_pinned: rng.chance(0.05),
          ...(rng.chance(0.1) ? { tags: [rng.pick(NOTE_TAGS)] } : {}),
        },
      };
    case 'opp': {
      const o = Number(item.arg);
      const type = o === 0 ? s.type : (s.second ?? s.type);
      const id = uuidv7At(rng, ms);
      run.oppIds[o] = id;
      return {
        name: 'createOpportunity',
        args: {
          lead_id,
          id,
          name: `${type.name} - ${s.newCarrier}`,
          insurance_type_id: type.id,
          amount: o === 0 ? s.quotedPremium : s.secondPremium,
          probability: 10,
          expected_close_date: isoDay(ms + rng.int(14, 60) * DAY),
          carrier: s.newCarrier,
        },
      };
    }
    case 'oppStage': {
      const [o, stage] = String(item.arg).split(':') as [string, 'quoting' | 'proposal' | 'negotiation'];
      return {
        name: 'moveOpportunityStage',
        args: { id: run.oppIds[Number(o)]!, stage, probability: PROBABILITY[stage]! },
      };
    }
    case 'status': {
      const code = String(item.arg);
      const reason =
        code === 'lost'
          ? rng.pick(LOST_REASONS)
          : code === 'unresponsive'
            ? rng.pick(UNRESPONSIVE_REASONS)
            : code === 'nurture'
              ? `Not ready; renews ${s.text.renewal}`
              : undefined;
      return {
        name: 'changeLeadStatus',
        args: { lead_id, status_id: statusByCode(code).id, event_id: uuidv7At(rng, ms), ...(reason ? { reason } : {}) },
      };
    }
    case 'quote':
      return { name: 'updateLead', args: { id: lead_id, patch: { quoted_premium: s.quotedPremium } } };
    case 'tags':
      return {
        name: 'editLeadTags',
        args: {
          lead_id,
          add: rng.sample(TAGS, rng.int(1, 2)),
          remove: s.tags.length && rng.chance(0.3) ? [s.tags[0]!] : [],
        },
      };
    case 'custom':
      return {
        name: 'editCustomFields',
        args: {
          lead_id,
          set: { spoke_with_spouse: rng.chance(0.5), quote_version: rng.int(2, 4) },
          unset: rng.chance(0.2) ? ['best_time'] : [],
        },
      };
    case 'coverage':
      return { name: 'setCoverage', args: { lead_id, column: 'auto_data', version: 2, doc: updatedAuto(run) } };
    case 'follow':
    case 'finalFollow':
      return {
        name: 'scheduleFollowUp',
        args: {
          lead_id,
          at: iso(Number(item.arg)),
          note: rng.pick(FOLLOW_UP_NOTES),
          event_id: uuidv7At(rng, ms),
          ...(rng.chance(0.3) ? { priority: rng.int(1, 5) } : {}),
        },
      };
    case 'complete':
      return {
        name: 'completeFollowUp',
        args: { lead_id, outcome: rng.pick(CALL_OUTCOMES), event_id: uuidv7At(rng, ms) },
      };
    case 'closeLost':
      return {
        name: 'closeOpportunity',
        args: { id: run.oppIds[Number(item.arg)]!, outcome: 'lost', reason: rng.pick(LOST_REASONS) },
      };
    case 'convert': {
      run.clientId = uuidv7At(rng, ms);
      const sold = run.book?.policies[0];
      const policyId = uuidv7At(rng, ms);
      if (sold) run.termIds[0] = policyId;
      return {
        name: 'convertLead',
        args: {
          lead_id,
          client_id: run.clientId,
          event_id: uuidv7At(rng, ms),
          new_opportunity_id: uuidv7At(rng, ms),
          policy_number: sold?.number ?? `${s.newCarrier.replace(/[^A-Z]/g, '').slice(0, 3) || 'POL'}-${rng.digits(9)}`,
          premium: s.quotedPremium,
          ...(sold
            ? {
                ...(run.oppIds[0] ? { opportunity_id: run.oppIds[0] } : {}),
                carrier_id: sold.carrierId,
                effective_date: sold.effective,
                commission_rate: sold.commission,
                policy_id: policyId,
              }
            : {}),
        },
      };
    }
    case 'policyAdd':
    case 'policyRenew':
    case 'policyEnd':
    case 'household':
      return bookStep(run, item, ms);
    case 'clientNote':
      return {
        name: 'addNote',
        args: {
          client_id: run.clientId,
          id: uuidv7At(rng, ms),
          body: render(rng.pick(CLIENT_WELCOME_NOTES), s.text, rng),
        },
      };
    case 'clientComm':
      return {
        name: 'logCommunication',
        args: { client_id: run.clientId, ...communication(run, rng.chance(0.7) ? 'call' : 'letter', 'outbound', ms) },
      };
  }
}
