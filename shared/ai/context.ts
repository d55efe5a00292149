import type { Row } from '../model/catalogue';

/**
 * Everything a prompt may draw on for one lead or client, loaded by the caller (the replica
 * today, the gateway perhaps later) so prompt building stays pure and testable. Lists are
 * newest first; the prompt builder decides how much of them fits.
 */
export type Subject = { table: 'leads'; row: Row<'leads'> } | { table: 'clients'; row: Row<'clients'> };

/** A policy term in force for the client or another member of their household, as a prompt describes it. */
export interface TermInForce {
  /** The client's own policy, or another household member's (named only by relation: names stay out). */
  holder: 'self' | 'household';
  insurance_type_id: string;
  carrier: string;
  status: string;
  effective_date: string;
  expiration_date: string;
  written_premium: number;
  /** The premium's change from the term this one renews, in percent (null for a first term). */
  premium_change_pct: number | null;
  billing: string;
  /** Terms in the renewal chain up to this one (1 is a first term). */
  terms: number;
  /** The first term's effective date: how long the agency has written this policy. */
  since: string;
}

export interface SubjectContext {
  subject: Subject;
  status: Row<'lead_statuses'> | null;
  insuranceType: Row<'insurance_types'> | null;
  /** Leads whose coverage documents describe this person: the lead itself, or a client's converted leads. */
  coverage: Row<'leads'>[];
  notes: Row<'lead_notes'>[];
  communications: Row<'lead_communications'>[];
  opportunities: Row<'opportunities'>[];
  tickets: Row<'support_tickets'>[];
  contacts: Row<'contacts'>[];
  /** The person's street addresses: never sent, but registered so mentions of them are redacted. */
  addresses?: Row<'addresses'>[];
  marketing: Row<'lead_marketing_settings'> | null;
  insuranceTypes: ReadonlyMap<string, Row<'insurance_types'>>;
  communicationTypes: ReadonlyMap<string, Row<'communication_types'>>;
  /**
   * A client's policy terms in force and those of the rest of their household, so cross-sell sees the
   * whole relationship and risk sees premium changes and tenure. Empty for a lead.
   */
  policies?: TermInForce[];
  /** The agent the draft is signed by. */
  agentName: string | null;
  /** The single record a task is about, besides the person (sentiment, triage). */
  focus?: { communication?: Row<'lead_communications'>; ticket?: Row<'support_tickets'>; policy?: TermInForce };
}

export function displayName(s: Subject): string {
  const r = s.row;
  if (r.business_name) return r.business_name;
  return [r.first_name, r.last_name].filter(Boolean).join(' ') || '(no name)';
}

/** Whole years between a YYYY-MM-DD birth date and now: the model gets an age, never the date. */
export function ageOn(dob: string | null | undefined, now: Date): number | null {
  const m = dob ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(dob) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let age = now.getUTCFullYear() - y;
  if (now.getUTCMonth() + 1 < mo || (now.getUTCMonth() + 1 === mo && now.getUTCDate() < d)) age--;
  return age >= 0 && age < 130 ? age : null;
}
