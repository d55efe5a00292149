import type { RowOf, TableSpec } from './table';
import { addresses } from './tables/addresses';
import { clients } from './tables/clients';
import { contacts } from './tables/contacts';
import { leads } from './tables/leads';
import { campaignEnrollments, campaigns, communicationTypes, insuranceTypes, leadStatuses } from './tables/lookups';
import { leadCommunications, leadMarketingSettings, leadNotes, timelineEvents } from './tables/activity';
import { opportunities } from './tables/opportunities';
import { carriers, households, policies } from './tables/policies';
import { teams, users } from './tables/people';
import { aiInteractions, supportTickets } from './tables/service';
import { recordChanges, tasks } from './tables/work';

/**
 * Every synced table, in dependency order (a table comes after the tables it references,
 * except self-references and the leads ↔ enrollments pair which only reference forward via
 * nullable columns). Both dialects' drizzle schemas and migrations are derived from this list.
 */
export const TABLES = {
  teams,
  users,
  lead_statuses: leadStatuses,
  insurance_types: insuranceTypes,
  communication_types: communicationTypes,
  campaigns,
  carriers,
  addresses,
  households,
  clients,
  leads,
  contacts,
  lead_communications: leadCommunications,
  lead_notes: leadNotes,
  lead_marketing_settings: leadMarketingSettings,
  opportunities,
  policies,
  support_tickets: supportTickets,
  ai_interactions: aiInteractions,
  timeline_events: timelineEvents,
  campaign_enrollments: campaignEnrollments,
  tasks,
  record_changes: recordChanges,
} as const;

export type Tables = typeof TABLES;
export type TableName = keyof Tables;
export type Row<T extends TableName> = RowOf<Tables[T]>;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

export function tableSpec(name: string): TableSpec | undefined {
  return (TABLES as Record<string, TableSpec>)[name];
}

/** The two views the seed names, and each client's policies in force; their SQL lives per dialect in db/. */
export const VIEW_NAMES = ['lead_conversion_summary', 'client_lead_history', 'client_policies_in_force'] as const;
