import { z } from 'zod';
import { AI_TASKS } from '../ai/schemas';
import { f } from '../mutations/define';

export const PIPELINE_SORTS = [
  'updated_at',
  'created_at',
  'last_name',
  'quoted_premium',
  'next_follow_up_at',
  'priority',
  'status_changed_at',
  'policy_expiration_date',
] as const;
export type PipelineSort = (typeof PIPELINE_SORTS)[number];

const ids = () => z.array(f.id()).max(50);
const cursorValue = z.union([z.string().max(200), z.number(), z.null()]);

/** The Leads screen's query: filters, a sort on any shown column, and a keyset cursor. */
const pipelineFields = z.object({
  status_ids: ids().optional(),
  insurance_type_ids: ids().optional(),
  owner_ids: ids().optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(10).optional(),
  custom_fields: z
    .record(
      z.string().regex(/^[\w -]{1,60}$/, 'is not a custom field name'),
      z.union([z.string().max(200), z.number(), z.boolean()]),
    )
    .optional(),
  vehicle_make: z.string().trim().min(1).max(40).optional(),
  text: z.string().max(200).optional(),
  include_converted: z.boolean().default(false),
  /** X-date window (the lead's current policy expiration), both days included; either end may be open. */
  xdate_from: f.date().optional(),
  xdate_to: f.date().optional(),
  sort: z.enum(PIPELINE_SORTS).default('updated_at'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  limit: z.number().int().min(1).max(500).default(50),
  after: z.object({ v: cursorValue, id: f.id(), nulls: z.boolean() }).optional(),
});
/** A window's end before its start is refused on the end's field (dates compare as ISO text). */
const xdateWindowInOrder = <T extends { xdate_from?: string; xdate_to?: string }>(q: T) =>
  !q.xdate_from || !q.xdate_to || q.xdate_from <= q.xdate_to;
const xdateOrderError = { message: 'must not be before xdate_from', path: ['xdate_to'] };
export const pipelineQuery = pipelineFields.refine(xdateWindowInOrder, xdateOrderError);
/** The board's query: the list's filters, without sort or paging. */
export const boardQuery = pipelineFields
  .omit({ sort: true, dir: true, limit: true, after: true })
  .refine(xdateWindowInOrder, xdateOrderError);
/** The Leads view as an export takes it: its filters and sort, without paging. */
export const leadsViewQuery = pipelineFields
  .omit({ limit: true, after: true })
  .refine(xdateWindowInOrder, xdateOrderError);
export type PipelineQuery = z.input<typeof pipelineQuery>;
export type PipelineCursor = NonNullable<z.output<typeof pipelineQuery>['after']>;

export const byId = z.object({ id: f.id() });
export const searchQuery = z.object({ text: z.string().max(500), limit: z.number().int().min(1).max(100).default(20) });
export const todayQuery = z.object({
  /** mine: the signed-in user's own follow-ups; team: every follow-up this replica holds. owner_id overrides both. */
  scope: z.enum(['mine', 'team']).default('mine'),
  owner_id: f.id().optional(),
  /** The end of "today" in the user's time zone, as an ISO instant. */
  until: f.timestamp().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export const dashboardQuery = z.object({
  from: f.timestamp().optional(),
  to: f.timestamp().optional(),
  weeks: z.number().int().min(1).max(104).default(12),
});
export const listQuery = z.object({
  text: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});
export const ticketsQuery = listQuery.extend({ status: z.enum(['open', 'pending', 'resolved', 'closed']).optional() });
export const trashQuery = z.object({ limit: z.number().int().min(1).max(500).default(200) });
export const mutateInput = z.object({ name: z.string().min(1).max(60), args: z.unknown() });

export const aiRunInput = z
  .object({
    task: z.enum(AI_TASKS),
    lead_id: f.id().optional(),
    client_id: f.id().optional(),
    communication_id: f.id().optional(),
    ticket_id: f.id().optional(),
    /** The retention task's policy term. */
    policy_id: f.id().optional(),
    channel: z.enum(['email', 'sms']).optional(),
    purpose: z.string().max(500).optional(),
    /** Names the request so `ai.cancel` can stop it (the window's own id; any UUID). */
    request_id: f.id().optional(),
  })
  .refine((v) => Boolean(v.lead_id ?? v.client_id ?? v.communication_id ?? v.ticket_id ?? v.policy_id), {
    message: 'name the record: lead_id, client_id, communication_id, ticket_id or policy_id',
    path: ['lead_id'],
  });

export const aiCancelInput = z.object({ request_id: f.id() });

export const conflictResolveInput = z.object({ id: f.id(), action: z.enum(['dismiss', 'reapply']) });

export const signInInput = z.object({
  server: z.url('is not a web address like https://crm.agency.com').max(500),
  email: z.string().trim().min(1, 'is required').max(254),
  password: z.string().min(1, 'is required').max(1024),
});

/** A record about to be saved in New lead / New client: the "possible duplicate" warning's question. */
export const duplicatesCheckInput = z.object({
  kind: z.enum(['leads', 'clients']),
  first_name: z.string().max(120).nullable().optional(),
  last_name: z.string().max(120).nullable().optional(),
  business_name: z.string().max(120).nullable().optional(),
  email: z.string().max(254).nullable().optional(),
  phone: z.string().max(40).nullable().optional(),
  date_of_birth: z.string().max(10).nullable().optional(),
  // The address typed so far: name plus the same street and ZIP is a reason of its own.
  postal_code: z.string().max(10).nullable().optional(),
  line1: z.string().max(200).nullable().optional(),
  limit: z.number().int().min(1).max(20).default(5),
});
