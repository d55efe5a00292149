import type { AiSettings } from '../ai/settings';
import type { Row } from '../model/catalogue';
import type { PipelineCursor } from './inputs';

export interface LeadListItem {
  id: string;
  name: string;
  lead_type: 'individual' | 'business';
  status_id: string;
  insurance_type_id: string;
  owner_id: string;
  owner_name: string | null;
  email: string | null;
  phone: string | null;
  quoted_premium: number | null;
  priority: number;
  ai_follow_up_priority: number | null;
  next_follow_up_at: string | null;
  last_contacted_at: string | null;
  status_changed_at: string | null;
  created_at: string;
  updated_at: string;
  tags: string[];
  is_converted: boolean;
  /** The prospect's current policy elsewhere: its carrier, premium and expiration (the X-date). */
  current_carrier: string | null;
  current_premium: number | null;
  policy_expiration_date: string | null;
}

export interface Page<T, C> {
  items: T[];
  next: C | null;
}
export type LeadPage = Page<LeadListItem, PipelineCursor>;

export interface KanbanColumn {
  status_id: string;
  count: number;
  premium: number;
}

export type TimelineKind = 'note' | 'communication' | 'event' | 'opportunity' | 'ticket' | 'ai';
export interface TimelineItem {
  kind: TimelineKind;
  id: string;
  at: string;
  title: string;
  body: string | null;
  /** The row's kind-specific details (communication type, event payload, stage …). */
  meta: Record<string, unknown>;
  lead_id: string | null;
  client_id: string | null;
  /** Who did it (see db/queries/timeline.ts), and their name when the replica knows the user. */
  actor_id: string | null;
  actor_name: string | null;
}

export interface LeadDetail {
  lead: Row<'leads'>;
  owner: Pick<Row<'users'>, 'id' | 'full_name' | 'email'> | null;
  address: Row<'addresses'> | null;
  contacts: Row<'contacts'>[];
  opportunities: Row<'opportunities'>[];
  marketing: Row<'lead_marketing_settings'> | null;
  client: Pick<Row<'clients'>, 'id' | 'client_type' | 'first_name' | 'last_name' | 'business_name'> | null;
  timeline: TimelineItem[];
}

export interface ClientListItem {
  id: string;
  name: string;
  client_type: 'individual' | 'business';
  email: string | null;
  phone: string | null;
  owner_id: string;
  client_since: string | null;
  updated_at: string;
}

export interface ClientDetail {
  client: Row<'clients'>;
  address: Row<'addresses'> | null;
  mailing_address: Row<'addresses'> | null;
  contacts: Row<'contacts'>[];
  opportunities: Row<'opportunities'>[];
  tickets: Row<'support_tickets'>[];
  /** The lead(s) this client came from (client_lead_history). */
  leads: Array<{
    lead_id: string;
    insurance_type_code: string;
    lead_created_at: string;
    conversion_date: string;
    days_to_convert: number;
  }>;
  timeline: TimelineItem[];
}

export interface SearchSegment {
  text: string;
  hit: boolean;
}
export interface SearchResult {
  kind: 'lead' | 'client' | 'contact' | 'note' | 'communication' | 'ticket' | 'policy';
  id: string;
  title: string;
  snippet: SearchSegment[];
  /** The record to open: a lead or a client. */
  lead_id: string | null;
  client_id: string | null;
}

export interface TodayItem {
  lead_id: string;
  name: string;
  phone: string | null;
  email: string | null;
  status_id: string;
  insurance_type_id: string;
  due_at: string;
  overdue: boolean;
  note: string | null;
  quoted_premium: number | null;
  owner_id: string | null;
  owner_name: string | null;
  score: number;
  reasons: string[];
}

/** Today's list (at most the query's limit) and the true counts behind it. */
export interface TodayList {
  counts: { overdue: number; due_today: number; upcoming: number };
  items: TodayItem[];
}

export interface Dashboard {
  /** Leads created in the window, by their status now. */
  funnel: Array<{ status_id: string; count: number }>;
  /** Of the leads created in the window, how many are won (converted) and how many lost. */
  close: { won: number; lost: number };
  /** Today's pipeline, whatever the window: open leads and all live leads. */
  live: { open: number; total: number };
  conversions_by_week: Array<{ week: string; count: number; premium: number }>;
  by_agent: Array<{ owner_id: string; name: string; open: number; converted: number; premium: number }>;
  by_insurance_type: Array<{ insurance_type_id: string; leads: number; converted: number; premium: number }>;
  premium_won: number;
  conversions: number;
}

export interface Lookups {
  statuses: Row<'lead_statuses'>[];
  insurance_types: Row<'insurance_types'>[];
  communication_types: Row<'communication_types'>[];
  carriers: Row<'carriers'>[];
  campaigns: Row<'campaigns'>[];
  users: Row<'users'>[];
  teams: Row<'teams'>[];
}

export interface MutateResult {
  mutation_id: string;
  result: unknown;
}

export interface SyncStatusView {
  /** Signed in to an agency server on this device. */
  configured: boolean;
  server: string | null;
  user: { id: string; email: string; full_name: string; role: string } | null;
  running: boolean;
  online: boolean;
  pending: number;
  rejected: number;
  conflicts: number;
  lastSyncedAt: string | null;
  error: string | null;
  /** While a first sync (or the re-sync after a scope change) runs: how far it has come. */
  firstSync: FirstSyncProgress | null;
}

/**
 * A first sync's progress. The server does not say how many rows a shape holds, so this counts
 * what has arrived (rows applied by this run) and which tables are complete; `indexing` is the
 * rebuild of the search index and the other derived state once every row is in.
 */
export interface FirstSyncProgress {
  rows: number;
  shapes: number;
  shapesDone: number;
  indexing: boolean;
}

/** The demo agency (electron/main/demo.ts): synthetic data that never leaves the device. */
export interface DemoStatus {
  loaded: boolean;
  loaded_at: string | null;
  leads: number | null;
  /** Whether "Load a demo agency" can run now; `reason` says why not. */
  can_load: boolean;
  reason: string | null;
}

export interface ConflictItem {
  id: string;
  kind: 'rejected' | 'overwritten';
  mutation_name: string | null;
  table_name: string | null;
  row_id: string | null;
  field: string | null;
  local_value: unknown;
  server_value: unknown;
  reason: string;
  created_at: string;
}

export interface AiRunResult {
  result: unknown;
  interaction_id: string;
  model: string;
  latency_ms: number;
}

/** Settings → AI: the stored settings and today's token use against the budget. */
export type AiSettingsView = AiSettings & { usage: { used: number; budget: number | null } };

export interface TicketDetail {
  ticket: Row<'support_tickets'>;
  /** The lead's or client's name, for the link back to it. */
  subject_name: string | null;
  /** The thread, oldest first: notes on the ticket's record naming it in metadata.ticket_id. */
  comments: Row<'lead_notes'>[];
}

export interface CampaignDetail {
  campaign: Row<'campaigns'>;
  enrollments: Array<{
    id: string;
    lead_id: string | null;
    client_id: string | null;
    name: string | null;
    status: string;
    enrolled_at: string;
  }>;
  /** Leads that name this campaign as their source. */
  sourced_leads: number;
}

/** A soft-deleted record the Trash lists, to restore. */
export interface TrashItem {
  table: 'leads' | 'clients' | 'contacts' | 'support_tickets';
  id: string;
  name: string;
  deleted_at: string;
}
