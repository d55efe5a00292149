import { z } from 'zod';
import type { AiSettings } from '../ai/settings';
import type { Row } from '../model/catalogue';
import type { LeadScoreView, TrainView } from '../score/lead-model';
import type { PolicyScoreView } from '../score/retention-model';
import {
  policiesQuery,
  renewalsQuery,
  xdatesQuery,
  type ClientBook,
  type PolicyDetail,
  type PolicyListItem,
  type XDateItem,
} from './book';
import { bookDashboardQuery, todayBookQuery, type BookDashboard, type TodayBook } from './book-work';
import { bookSettingsSchema, type BookSettings } from '../book/settings';
import {
  duplicatesDismissInput,
  duplicatesListInput,
  duplicatesScanInput,
  mergePreviewInput,
  type DuplicateList,
  type DuplicateScanResult,
  type MergePreview,
} from './dedup';
import {
  aiCancelInput,
  aiRunInput,
  byId,
  conflictResolveInput,
  dashboardQuery,
  duplicatesCheckInput,
  listQuery,
  mutateInput,
  pipelineQuery,
  boardQuery,
  searchQuery,
  signInInput,
  ticketsQuery,
  trashQuery,
  todayQuery,
} from './inputs';
import type {
  AiRunResult,
  AiSettingsView,
  CampaignDetail,
  TicketDetail,
  TrashItem,
  ClientDetail,
  ConflictItem,
  DemoStatus,
  SyncStatusView,
  ClientListItem,
  Dashboard,
  KanbanColumn,
  LeadDetail,
  LeadPage,
  Lookups,
  MutateResult,
  SearchResult,
  TodayList,
} from './types';
import {
  dueRemindersQuery,
  historyQuery,
  workQuery,
  workTodayQuery,
  type HistoryEntry,
  type TaskItem,
  type WorkToday,
} from './work';
import {
  emptyInput,
  importIdInput,
  exportInput,
  inspectInput,
  issuesInput,
  mappingsInput,
  previewInput,
  runInput,
  saveMappingInput,
  startImportInput,
  uploadInput,
  type DownloadResult,
  type ImportRun,
  type InspectResult,
  type PreviewResult,
  type SavedMapping,
  type StoredImport,
  type UploadResult,
} from './files';
import type { RowIssue } from '../import/row-types';
import {
  askInput,
  semanticSearchInput,
  semanticSimilarInput,
  type AskView,
  type SemanticSearchView,
  type SemanticStatus,
} from './semantic';

const empty = z.object({}).strict();

/**
 * The one API the renderer (over IPC) and the web host (over HTTP) call. Each command has a
 * zod input schema, checked in the main process, and an output type. Adding a command here
 * forces a handler for it (electron/main/api/handlers.ts is typed against this map).
 */
export const API = {
  'lookups.get': { input: empty, output: {} as Lookups },
  'leads.list': { input: pipelineQuery, output: {} as LeadPage },
  'leads.kanban': {
    input: boardQuery,
    output: {} as KanbanColumn[],
  },
  'leads.get': { input: byId, output: {} as LeadDetail },
  'clients.list': { input: listQuery, output: {} as ClientListItem[] },
  'clients.get': { input: byId, output: {} as ClientDetail },
  'contacts.list': { input: listQuery, output: {} as Row<'contacts'>[] },
  'tickets.list': { input: ticketsQuery, output: {} as Row<'support_tickets'>[] },
  'tickets.get': { input: byId, output: {} as TicketDetail },
  'campaigns.get': { input: byId, output: {} as CampaignDetail },
  /** Soft-deleted leads, clients, contacts and tickets, newest first, to restore. */
  'trash.list': { input: trashQuery, output: {} as TrashItem[] },
  'campaigns.list': { input: listQuery, output: {} as Array<Row<'campaigns'> & { enrolled: number }> },
  'today.list': { input: todayQuery, output: {} as TodayList },
  /** Tasks for "My work" / "Team work" (scope), open or done. */
  'tasks.list': { input: workQuery, output: {} as TaskItem[] },
  /** Today's tasks section: overdue, due today and upcoming, for the signed-in user or their team. */
  'tasks.today': { input: workTodayQuery, output: {} as WorkToday },
  /** The signed-in user's task reminders that fell due since the last check. */
  'tasks.reminders': { input: dueRemindersQuery, output: {} as TaskItem[] },
  /** A lead's or client's field-level history (record_changes), newest first. */
  'history.list': { input: historyQuery, output: {} as HistoryEntry[] },
  'search.global': { input: searchQuery, output: {} as SearchResult[] },
  'dashboard.get': { input: dashboardQuery, output: {} as Dashboard },
  'policies.list': { input: policiesQuery, output: {} as PolicyListItem[] },
  'policies.get': { input: byId, output: {} as PolicyDetail },
  'policies.renewals': { input: renewalsQuery, output: {} as PolicyListItem[] },
  'policies.xdates': { input: xdatesQuery, output: {} as XDateItem[] },
  'clients.book': { input: byId, output: {} as ClientBook },
  /** Today's Renewals and X-dates sections: the first page of each work list, by priority, with counts. */
  'today.book': { input: todayBookQuery, output: {} as TodayBook },
  /** The dashboard's book: premium in force, retention, new business vs renewal, by carrier and producer. */
  'dashboard.book': { input: bookDashboardQuery, output: {} as BookDashboard },
  /** This device's renewal and X-date windows (shared/book/settings.ts). */
  'book.settings.get': { input: empty, output: {} as BookSettings },
  /** The whole settings object (a field left out takes its default). */
  'book.settings.save': { input: bookSettingsSchema, output: {} as BookSettings },
  mutate: { input: mutateInput, output: {} as MutateResult },
  'sync.status': { input: empty, output: {} as SyncStatusView },
  'sync.signIn': { input: signInInput, output: {} as SyncStatusView },
  'sync.signOut': { input: empty, output: {} as SyncStatusView },
  'demo.status': { input: empty, output: {} as DemoStatus },
  /** Loads the demo agency into an empty replica that is not signed in; never synced. */
  'demo.load': { input: empty, output: {} as DemoStatus },
  /** Removes the demo agency, its outbox and its identity. */
  'demo.clear': { input: empty, output: {} as DemoStatus },
  'conflicts.list': { input: empty, output: {} as ConflictItem[] },
  'conflicts.resolve': { input: conflictResolveInput, output: {} as { id: string; mutation_id: string | null } },
  'ai.run': { input: aiRunInput, output: {} as AiRunResult },
  /** Stops a running `ai.run` named by its request_id; `cancelled` is false when none was running. */
  'ai.cancel': { input: aiCancelInput, output: {} as { cancelled: boolean } },
  'ai.settings.get': { input: empty, output: {} as AiSettingsView },
  /** The whole settings object (what is left out takes its default); checked strictly by the main process. */
  'ai.settings.save': { input: z.looseObject({}), output: {} as AiSettings },
  /** A lead's learned chance of winning with its top factors ("Why this score"). */
  'score.lead': { input: z.object({ lead_id: z.string().min(1) }).strict(), output: {} as LeadScoreView },
  /** A policy term's learned likelihood to renew with its top factors (policy page). */
  'score.policy': { input: z.object({ policy_id: z.string().min(1) }).strict(), output: {} as PolicyScoreView },
  /** Retrains the learned lead and policy retention scores on the replica's outcomes now (Settings button). */
  'score.train': { input: empty, output: {} as TrainView },
  /** Live records like the draft (score 0 to 1, best first, with the reasons): the New lead/client warning. */
  'duplicates.check': {
    input: duplicatesCheckInput,
    output: {} as Array<{ id: string; name: string; score: number; reasons: string[] }>,
  },
  /** One chunk of a file to import (first chunk without upload_id); written to a file as it arrives. */
  'imports.upload': { input: uploadInput, output: {} as UploadResult },
  /** An uploaded file's headers and the field suggested for each. */
  'imports.inspect': { input: inspectInput, output: {} as InspectResult },
  /** The first rows through the mapping, exactly as they would be stored, with each cell's problem. */
  'imports.preview': { input: previewInput, output: {} as PreviewResult },
  /** Starts a dry run or an import; follow it with imports.run (its state moves with the change feed). */
  'imports.start': { input: startImportInput, output: {} as ImportRun },
  'imports.run': { input: runInput, output: {} as ImportRun },
  /** Stops a run after its current batch (a stopped import can be undone). */
  'imports.cancel': { input: runInput, output: {} as ImportRun },
  /** A run's invalid rows (row, column, value, reason), first `limit`. */
  'imports.issues': { input: issuesInput, output: {} as RowIssue[] },
  /** The whole report of a run as a CSV file to download. */
  'imports.report': { input: runInput, output: {} as DownloadResult },
  /** Soft-deletes what an import created (undoImportBatch mutations, so it syncs). */
  'imports.undo': { input: runInput, output: {} as { import_id: string; records: number; deleted: number } },
  /** This replica's imports, newest first. */
  'imports.list': { input: emptyInput, output: {} as StoredImport[] },
  /** A stored import as a run (after a restart too): its report, Undo, Resume. */
  'imports.open': { input: importIdInput, output: {} as ImportRun },
  /** Goes on with a stopped or interrupted import after its last committed batch. */
  'imports.resume': { input: runInput, output: {} as ImportRun },
  'imports.mappings': { input: mappingsInput, output: {} as SavedMapping[] },
  'imports.saveMapping': { input: saveMappingInput, output: {} as SavedMapping },
  /** A list (or the Leads view, or the whole book) written to a file to download. */
  'exports.create': { input: exportInput, output: {} as DownloadResult },
  /** The Duplicates screen: the last scan's probable pairs, live and not dismissed, best first. */
  'duplicates.list': { input: duplicatesListInput, output: {} as DuplicateList },
  /** Scans a kind for probable duplicates (incremental after the first scan) and stores the pairs. */
  'duplicates.scan': { input: duplicatesScanInput, output: {} as DuplicateScanResult },
  /** "Not a duplicate": leaves the pair out of later lists on this replica. */
  'duplicates.dismiss': { input: duplicatesDismissInput, output: {} as { dismissed: true } },
  /** The merge screen: both records and the counts of what would move to the survivor. */
  'merge.preview': { input: mergePreviewInput, output: {} as MergePreview },
  /** The semantic index: on or off (and why), its model and progress. */
  'semantic.status': { input: empty, output: {} as SemanticStatus },
  /** Keyword and semantic results fused, only of records the signed-in person may see. */
  'semantic.search': { input: semanticSearchInput, output: {} as SemanticSearchView },
  /** Records whose text is like a lead's, client's or policy's (no request leaves the machine). */
  'semantic.similar': { input: semanticSimilarInput, output: {} as SemanticSearchView },
  /** A question of the book or of one record: the answer with its cited records (the records alone without a model). */
  ask: { input: askInput, output: {} as AskView },
} as const;

export type Api = typeof API;
export type CommandName = keyof Api;
export type CommandInput<C extends CommandName> = z.input<Api[C]['input']>;
export type CommandArgs<C extends CommandName> = z.output<Api[C]['input']>;
export type CommandOutput<C extends CommandName> = Api[C]['output'];
export const COMMAND_NAMES = Object.keys(API) as CommandName[];
