import { z } from 'zod';
import type { AiSettings } from '../ai/settings';
import type { Row } from '../model/catalogue';
import type { LeadScoreView, TrainView } from '../score/lead-model';
import {
  policiesQuery,
  renewalsQuery,
  xdatesQuery,
  type ClientBook,
  type PolicyDetail,
  type PolicyListItem,
  type XDateItem,
} from './book';
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
    input: pipelineQuery.omit({ sort: true, dir: true, limit: true, after: true }),
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
  /** Retrains the learned lead score on the replica's closed leads now (Settings button). */
  'score.train': { input: empty, output: {} as TrainView },
  /** Live records like the draft (score 0 to 1, best first, with the reasons): the New lead/client warning. */
  'duplicates.check': {
    input: duplicatesCheckInput,
    output: {} as Array<{ id: string; name: string; score: number; reasons: string[] }>,
  },
} as const;

export type Api = typeof API;
export type CommandName = keyof Api;
export type CommandInput<C extends CommandName> = z.input<Api[C]['input']>;
export type CommandArgs<C extends CommandName> = z.output<Api[C]['input']>;
export type CommandOutput<C extends CommandName> = Api[C]['output'];
export const COMMAND_NAMES = Object.keys(API) as CommandName[];
