/** Turns a planned step of a lead into a named mutation with its arguments (ids from the PRNG). */
import { communicationTypeByCode, statusByCode } from '../lookups';
import type { MutationInput, MutationName } from '../mutations/registry';
import { addMonths, addDaysToDate } from '../book/terms';
import type { BookPlan } from './book';
import type { Clock } from './coverage';
import { makeVin } from './vin';
import type { LeadPlan, PlanItem } from './plan';
import { DAY } from './plan';
import { type Rng, uuidv7At } from './prng';
import { TAGS } from './lead-mix';
import type { LeadStory } from './story';
import { isoDay, render } from './text';
import {
  CALL_OUTCOMES,
  CLIENT_WELCOME_NOTES,
  COMMUNICATION_TEMPLATES,
  EMAIL_SUBJECTS,
  FOLLOW_UP_NOTES,
  LOST_REASONS,
  NOTE_TEMPLATES,
  UNRESPONSIVE_REASONS,
} from './words/notes';
import { VEHICLES } from './words/vehicles';

/** One step of the synthetic agency: a named mutation, who runs it and when. */
export type SyntheticStep = {
  [N in MutationName]: {
    name: N;
    args: MutationInput<N>;
    /** The mutation (outbox) id, a UUIDv7 of `createdAt`. */
    id: string;
    /** ISO timestamp; strictly increasing over the whole stream. */
    createdAt: string;
    /** The user who makes the change: the lead's owner agent. */
    actorId: string;
    leadIndex: number;
  };
}[MutationName];

type Built = { [N in MutationName]: { name: N; args: MutationInput<N> } }[MutationName];

/** A lead being played out: its story, its plan, and the ids handed out so far. */
export interface LeadRun {
  index: number;
  rng: Rng;
  clock: Clock;
  story: LeadStory;
  plan: LeadPlan;
  cursor: number;
  /** Time of the step at `cursor` (the heap's key). */
  nextT: number;
  leadId: string;
  clientId: string;
  contactIds: string[];
  oppIds: string[];
  /** The client's book (converted leads only) and the id of each policy's latest term. */
  book: BookPlan | null;
  termIds: string[];
}

const PROBABILITY: Record<string, number> = { quoting: 30, proposal: 50, negotiation: 70 };
const COMM_MIX = [
  ['call', 35],
  ['voicemail', 15],
  ['email', 25],
  ['sms', 15],
  ['meeting', 5],
  ['video_call', 3],
  ['letter', 2],
] as const;
const NOTE_TAGS = ['quote', 'underwriting', 'billing', 'claims', 'documents'];

function noteBody(run: LeadRun): string {
  const { rng, story } = run;
  const sentences = rng.weighted([
    [1, 70],
    [2, 25],
    [3, 5],
  ] as const);
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++)
    parts.push(render(rng.pick(NOTE_TEMPLATES[rng.pick(story.topics)]), story.text, rng));
  return parts.join(' ');
}

function communication(run: LeadRun, code: string, direction: 'inbound' | 'outbound', ms: number) {
  const { rng, story } = run;
  const body = render(rng.pick(COMMUNICATION_TEMPLATES[code]!), story.text, rng);
  const duration: Record<string, [number, number]> = {
    call: [60, 1500],
    voicemail: [15, 60],
    meeting: [1200, 3600],
    video_call: [600, 2400],
  };
  const d = duration[code];
  return {
    id: uuidv7At(rng, ms),
    event_id: uuidv7At(rng, ms),
    communication_type_id: communicationTypeByCode(code).id,
    direction,
    body,
    ...(code === 'email' ? { subject: render(rng.pick(EMAIL_SUBJECTS), story.text, rng) } : {}),
    ...(code === 'call' || code === 'video_call' ? { outcome: rng.pick(CALL_OUTCOMES) } : {}),
    ...(d ? { duration_seconds: rng.int(d[0], d[1]) } : {}),
  };
}

function leadComm(run: LeadRun, item: PlanItem, ms: number): Built {
  const { rng } = run;
  const first = item.kind === 'firstComm';
  const code = first
    ? rng.weighted([
        ['call', 70],
        ['email', 20],
        ['sms', 10],
      ] as const)
    : rng.weighted(COMM_MIX);
  const canInbound = code === 'call' || code === 'email' || code === 'sms';
  const direction = !first && canInbound && rng.chance(0.3) ? 'inbound' : 'outbound';
  const contact = run.contactIds[0] && rng.chance(0.6) ? { contact_id: run.contactIds[0] } : {};
  return {
    name: 'logCommunication',
    args: { lead_id: run.leadId, ...communication(run, code, direction, ms), ...contact },
  };
}

function createLead(run: LeadRun, ms: number): Built {
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
export function buildStep(run: LeadRun, item: PlanItem, ms: number): Built {
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

/** A step of the client's book: another policy, a renewal, a cancellation or non-renewal, a household. */
function bookStep(run: LeadRun, item: PlanItem, ms: number): Built {
  const { rng } = run;
  const [index, term] = String(item.arg).split(':').map(Number) as [number, number | undefined];
  const p = run.book!.policies[index]!;
  if (item.kind === 'household') {
    // The first member whose step comes makes the household; the others join it.
    const { group } = run.book!.household!;
    if (group.created) return { name: 'setHousehold', args: { client_id: run.clientId, household_id: group.id } };
    group.created = true;
    return {
      name: 'setHousehold',
      args: {
        client_id: run.clientId,
        new_household: { id: group.id, name: group.name, household_type: group.type },
      },
    };
  }
  if (item.kind === 'policyAdd') {
    run.termIds[index] = uuidv7At(rng, ms);
    return {
      name: 'addPolicy',
      args: {
        id: run.termIds[index],
        client_id: run.clientId,
        carrier_id: p.carrierId,
        insurance_type_id: p.typeId,
        policy_number: p.number,
        effective_date: p.effective,
        expiration_date: addMonths(p.effective, 12),
        written_premium: p.premiums[0]!,
        commission_rate: p.commission,
      },
    };
  }
  if (item.kind === 'policyRenew') {
    const previous = run.termIds[index]!;
    run.termIds[index] = uuidv7At(rng, ms);
    return {
      name: 'renewPolicy',
      args: { policy_id: previous, new_policy_id: run.termIds[index], written_premium: p.premiums[term!]! },
    };
  }
  const start = addMonths(p.effective, 12 * (p.premiums.length - 1));
  if (p.end === 'cancelled') {
    const latest = new Date(ms).toISOString().slice(0, 10);
    const day = addDaysToDate(start, rng.int(0, 200));
    return {
      name: 'cancelPolicy',
      args: {
        policy_id: run.termIds[index]!,
        cancellation_date: day < latest ? day : latest < start ? start : latest,
        reason: rng.pick(CANCEL_REASONS),
      },
    };
  }
  return { name: 'markNonRenewed', args: { policy_id: run.termIds[index]!, reason: rng.pick(NON_RENEWAL_REASONS) } };
}

const CANCEL_REASONS = [
  'Non-payment of premium',
  'Sold the vehicle',
  'Moved out of state',
  'Replaced with another carrier',
  'Insured request',
];
const NON_RENEWAL_REASONS = [
  'Carrier non-renewed after claims',
  'Carrier left the state',
  'Insured shopped elsewhere',
  'Underwriting: roof age',
];
