import { z } from 'zod';
import { CLIENT_TYPES, CONTACT_METHODS } from '../model/tables/clients';
import { f } from './define';

/**
 * The editable fields of a lead, named as the columns they fill. createLead and updateLead
 * both derive from this one list; null clears a field.
 */
export const leadFields = z.object({
  lead_type: z.enum(CLIENT_TYPES),
  first_name: f.name().nullable(),
  last_name: f.name().nullable(),
  business_name: f.name().nullable(),
  email: f.email().nullable(),
  phone: f.phone().nullable(),
  preferred_contact_method: z.enum(CONTACT_METHODS).nullable(),
  date_of_birth: f.date().nullable(),
  insurance_type_id: f.id(),
  campaign_id: f.id().nullable(),
  address_id: f.id().nullable(),
  source: f.shortText().nullable(),
  priority: z.number().int().min(1).max(5),
  current_carrier: f.shortText().nullable(),
  current_premium: f.money().nullable(),
  quoted_premium: f.money().nullable(),
  umbrella_limit: f.money().nullable(),
  umbrella_premium: f.money().nullable(),
  policy_expiration_date: f.date().nullable(),
});
export type LeadFields = z.infer<typeof leadFields>;

export const contactFields = z.object({
  first_name: f.name(),
  last_name: f.name(),
  email: f.email().nullable(),
  phone: f.phone().nullable(),
  mobile_phone: f.phone().nullable(),
  job_title: f.shortText().nullable(),
  department: f.shortText().nullable(),
  roles: z.array(z.string().min(1).max(40)).max(10),
  preferred_contact_method: z.enum(CONTACT_METHODS).nullable(),
  preferred_contact_time: f.shortText().nullable(),
  company: f.shortText().nullable(),
  linkedin_url: z.url().max(500).nullable(),
});

/** Exactly one of lead_id / client_id: what an activity or contact is about. */
export const subjectRef = z
  .object({ lead_id: f.id().optional(), client_id: f.id().optional() })
  .refine((s) => (s.lead_id === undefined) !== (s.client_id === undefined), {
    message: 'give either lead_id or client_id, not both',
    path: ['lead_id'],
  });

/** A stored identity: an individual needs a last name, a business its name. */
export function identityIssue(v: Partial<LeadFields>): { path: string; message: string } | null {
  const type = v.lead_type ?? 'individual';
  if (type === 'individual' && !v.last_name) return { path: 'last_name', message: 'is required for an individual' };
  if (type === 'business' && !v.business_name) return { path: 'business_name', message: 'is required for a business' };
  return null;
}
