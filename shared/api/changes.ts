import { TABLE_NAMES, type TableName } from '../model/catalogue';
import type { CommandName } from './contract';

/** The replica's own tables (never synced): this device's work and sync progress. */
export const LOCAL_TABLES = [
  'outbox',
  'conflicts',
  'sync_state',
  'local_settings',
  'sync_shadows',
  'sync_seen_txids',
  /** Import jobs' state and position: each committed batch names it, so the wizard's progress follows. */
  'import_jobs',
] as const;
export type LocalTable = (typeof LOCAL_TABLES)[number];

/**
 * What a change event can name: a synced table, a local one, or `sync_status`, the sync engine's
 * own state (running, online, last error), which lives in memory rather than in a table.
 */
export type ChangeTable = TableName | LocalTable | 'sync_status' | 'semantic_index';

/** Every name an event can carry: for a change that may affect anything (another user signed in). */
export const ALL_CHANGE_TABLES: readonly ChangeTable[] = [
  ...TABLE_NAMES,
  ...LOCAL_TABLES,
  'sync_status',
  'semantic_index',
];

/** Where a change came from: this device's mutations and settings, or sync (pulled batches, push answers). */
export type ChangeSource = 'local' | 'sync';

/** One committed transaction of the replica (or a change of the sync engine's state). */
export interface ChangeEvent {
  tables: ChangeTable[];
  source: ChangeSource;
}

const LOOKUP_TABLES: readonly ChangeTable[] = [
  'lead_statuses',
  'insurance_types',
  'communication_types',
  'campaigns',
  'carriers',
  'users',
  'teams',
];
const TIMELINE: readonly ChangeTable[] = [
  'lead_notes',
  'lead_communications',
  'communication_types',
  'timeline_events',
  'opportunities',
  'support_tickets',
  'ai_interactions',
];
const SEARCHED: readonly ChangeTable[] = [
  'leads',
  'clients',
  'contacts',
  'lead_notes',
  'lead_communications',
  'support_tickets',
  'policies',
];
/** The sync indicator's view: outbox counts, the inbox, the session, positions and the engine's state. */
export const SYNC_STATUS_READS: readonly ChangeTable[] = [
  'outbox',
  'conflicts',
  'local_settings',
  'sync_state',
  'sync_status',
];

/**
 * The tables each read command's answer depends on (derived tables such as the search index or
 * the list items are named by the base tables they are built from). A screen re-runs a query when
 * an event names one of them. Commands not listed (mutations, AI runs, sign-in) are never re-run.
 */
export const COMMAND_READS: Partial<Record<CommandName, readonly ChangeTable[]>> = {
  'lookups.get': LOOKUP_TABLES,
  'leads.list': ['leads', 'users', 'lead_statuses', 'insurance_types'],
  'leads.kanban': ['leads', 'users', 'lead_statuses', 'insurance_types'],
  'leads.get': [
    'leads',
    'users',
    'clients',
    'addresses',
    'contacts',
    'lead_marketing_settings',
    'campaign_enrollments',
    ...TIMELINE,
  ],
  'clients.list': ['clients', 'leads'],
  'clients.get': ['clients', 'leads', 'addresses', 'contacts', 'users', ...TIMELINE],
  'contacts.list': ['contacts'],
  'tickets.list': ['support_tickets'],
  // A ticket's comments are notes on its lead or client.
  'tickets.get': ['support_tickets', 'lead_notes', 'users'],
  'campaigns.get': ['campaigns', 'campaign_enrollments', 'leads'],
  'policies.list': ['policies', 'clients', 'carriers', 'insurance_types'],
  'policies.get': ['policies', 'clients', 'carriers', 'insurance_types'],
  // A renewal's retention signals read the client's tickets and leads.
  // local_settings: the learned retention model, once trained, replaces the rule's risk.
  'policies.renewals': [
    'policies',
    'clients',
    'carriers',
    'insurance_types',
    'support_tickets',
    'leads',
    'local_settings',
  ],
  'policies.xdates': ['leads', 'clients', 'lead_statuses', 'insurance_types'],
  // Its windows are the book settings (local_settings); its renewals weigh retention signals.
  'today.book': [
    'policies',
    'clients',
    'carriers',
    'insurance_types',
    'support_tickets',
    'leads',
    'lead_statuses',
    'local_settings',
  ],
  'dashboard.book': ['policies', 'carriers', 'users'],
  'book.settings.get': ['local_settings'],
  'clients.book': ['policies', 'clients', 'households', 'carriers', 'insurance_types'],
  'duplicates.check': ['leads', 'clients', 'contacts', 'addresses'],
  // The stored pairs and dismissals are local settings; the names and liveness come from the records.
  'duplicates.list': ['leads', 'clients', 'contacts', 'local_settings'],
  'merge.preview': [
    'leads',
    'clients',
    'contacts',
    'addresses',
    'lead_marketing_settings',
    'lead_notes',
    'lead_communications',
    'opportunities',
    'support_tickets',
    'ai_interactions',
    'timeline_events',
    'campaign_enrollments',
    'policies',
  ],
  'tasks.list': ['tasks', 'leads', 'clients', 'support_tickets', 'policies', 'users'],
  'tasks.today': ['tasks', 'leads', 'clients', 'support_tickets', 'policies', 'users'],
  'tasks.reminders': ['tasks'],
  'history.list': ['record_changes', 'users', 'lead_statuses', 'insurance_types', 'carriers'],
  'trash.list': ['leads', 'clients', 'contacts', 'support_tickets'],
  'campaigns.list': ['campaigns', 'campaign_enrollments'],
  'today.list': ['leads', 'users', 'lead_statuses'],
  'search.global': SEARCHED,
  'dashboard.get': ['leads', 'opportunities', 'lead_statuses', 'insurance_types', 'users', 'teams'],
  'sync.status': SYNC_STATUS_READS,
  'conflicts.list': ['conflicts'],
  'demo.status': ['leads', 'clients', 'outbox', 'local_settings'],
  'ai.settings.get': ['local_settings', 'ai_interactions'],
  // The file's headers: nothing in the replica changes them.
  'imports.inspect': [],
  // Contacts and notes find their lead or client in the replica.
  'imports.preview': ['leads', 'clients'],
  'imports.run': ['import_jobs'],
  'imports.issues': ['import_jobs'],
  'imports.mappings': ['local_settings'],
  'imports.list': ['import_jobs'],
  // Opening registers the run; reading it again is imports.run.
  'imports.open': ['import_jobs'],
  // The model lives in local_settings; the lead's facts in these tables.
  'score.lead': ['leads', 'contacts', 'lead_notes', 'lead_communications', 'lead_statuses', 'local_settings'],
  // `semantic_index` is the indexer's own progress (vector tables are a local cache outside the catalogue):
  // it names it after each batch; the AI settings (embedding model) live in local_settings.
  'semantic.status': ['semantic_index', 'local_settings'],
  'semantic.search': [...SEARCHED, 'semantic_index', 'local_settings', 'ai_interactions'],
  'semantic.similar': [...SEARCHED, 'semantic_index', 'local_settings', 'ai_interactions'],
  'score.policy': ['policies', 'clients', 'support_tickets', 'local_settings'],
};

/** Whether an event touches any of the tables read. */
export function touches(event: ChangeEvent, reads: readonly ChangeTable[]): boolean {
  return event.tables.some((t) => reads.includes(t));
}

/** Per table, how many change events have named it since the page opened. */
export type TableVersions = Readonly<Partial<Record<ChangeTable, number>>>;

/** The versions after an event: each table it names moves on by one. */
export function afterChange(versions: TableVersions, event: ChangeEvent): TableVersions {
  const next: Partial<Record<ChangeTable, number>> = { ...versions };
  for (const t of new Set(event.tables)) next[t] = (next[t] ?? 0) + 1;
  return next;
}

/**
 * One number for the tables a query reads: it changes exactly when one of them changes (each
 * count only grows, so their sum grows with any of them), and never for other tables.
 */
export function versionOf(versions: TableVersions, reads: readonly ChangeTable[]): number {
  let sum = 0;
  for (const t of reads) sum += versions[t] ?? 0;
  return sum;
}
