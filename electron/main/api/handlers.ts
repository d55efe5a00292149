import type { CommandArgs, CommandName, CommandOutput } from '../../../shared/api/contract';
import type { DemoStatus, SyncStatusView } from '../../../shared/api/types';
import type { AiService } from '../ai/service';
import { listConflicts, resolveConflict } from '../sync/inbox';
import type { ReplicaDb } from '../../../db/sqlite/open';
import type { ReplicaWriter } from '../../../db/sqlite/writer';
import { clientDetail, listClients } from '../../../db/queries/clients';
import { dashboard } from '../../../db/queries/dashboard';
import { leadDetail } from '../../../db/queries/lead-detail';
import { listCampaigns, listContacts, listTickets } from '../../../db/queries/lists';
import { lookups } from '../../../db/queries/lookups';
import { kanban, listLeads } from '../../../db/queries/pipeline';
import { campaignDetail, ticketDetail, trashList } from '../../../db/queries/records';
import { clientBook, listPolicies, policyDetail, renewals, xdates } from '../../../db/queries/policies';
import { searchAll } from '../../../db/queries/search';
import { today } from '../../../db/queries/today';
import { todayBook } from '../../../db/queries/today-book';
import { bookDashboard } from '../../../db/queries/book-dashboard';
import { loadBookSettings, saveBookSettings } from '../book/settings';
import { dismissPair, listDuplicatePairs, mergePreview } from '../dedup/review';
import { possibleDuplicates, scanDuplicates } from '../dedup/scan';
import { leadScoreView, learnedChances, trainView } from '../score/lead-score';
import { learnedRenewals, policyScoreView } from '../score/retention-score';
import { dueReminders, listTasks, recordHistory, tasksToday } from '../../../db/queries/tasks';
import type { Actor } from '../../../shared/mutations/define';
import type { ImportWizard } from '../import/wizard';
import type { Downloads } from '../export/downloads';
import type { SemanticService } from '../semantic/service';
import { ask } from '../semantic/ask';

export type Handlers = { [C in CommandName]: (args: CommandArgs<C>) => Promise<CommandOutput<C>> };

export interface HandlerDeps {
  db: ReplicaDb;
  writer: ReplicaWriter;
  ai: AiService;
  syncStatus: () => SyncStatusView;
  signIn: (server: string, email: string, password: string) => Promise<void>;
  signOut: () => void;
  demo: { status(): DemoStatus; load(): Promise<DemoStatus>; clear(): DemoStatus };
  /** Who the replica acts as: "my work" is theirs. */
  actor: () => Actor;
  now?: () => Date;
  /** The import wizard's files and runs, and the files prepared to download. */
  imports: ImportWizard;
  downloads: Downloads;
  /** Semantic search, similar records and Ask; `reindex` runs the indexer after the AI settings change (when it runs). */
  semantic: SemanticService;
  reindex: () => void;
}

/** Whether the provider semantic search uses names a chat model ("none" is how scripts say there is none). */
function hasChatModel(s: ReturnType<AiService['settings']['get']>) {
  const model = (s.local && (s.preferLocal || !s.remote) ? s.local : s.remote)?.model.trim();
  return Boolean(model) && model !== 'none';
}

/** The one subject an API input names, if any. */
function subjectOf(ref: { lead_id?: string; client_id?: string; policy_id?: string }) {
  if (ref.lead_id) return { lead_id: ref.lead_id };
  if (ref.client_id) return { client_id: ref.client_id };
  if (ref.policy_id) return { policy_id: ref.policy_id };
  return null;
}

/** Every command of the API contract, answered from the local replica. */
export function createHandlers({
  db,
  writer,
  ai,
  syncStatus,
  signIn,
  signOut,
  demo,
  actor,
  now = () => new Date(),
  imports,
  downloads,
  semantic,
  reindex,
}: HandlerDeps): Handlers {
  /** AI requests that can be cancelled, by the request_id the window gave them. */
  const aiRequests = new Map<string, AbortController>();
  return {
    'lookups.get': async () => lookups(db),
    'leads.list': async (q) => listLeads(db, q),
    'leads.kanban': async (q) => kanban(db, q),
    'leads.get': async ({ id }) => leadDetail(db, id),
    'clients.list': async (q) => listClients(db, q),
    'clients.get': async ({ id }) => clientDetail(db, id),
    'contacts.list': async (q) => listContacts(db, q),
    'tickets.list': async (q) => listTickets(db, q),
    'campaigns.list': async (q) => listCampaigns(db, q),
    'tickets.get': async ({ id }) => ticketDetail(db, id),
    'campaigns.get': async ({ id }) => campaignDetail(db, id),
    'trash.list': async ({ limit }) => trashList(db, limit),
    'today.list': async (q) => today(db, q, now(), actor().userId, learnedChances(db)),
    'tasks.list': async (q) => listTasks(db, actor(), q, now()),
    'tasks.today': async (q) => tasksToday(db, actor(), q, now()),
    'tasks.reminders': async (q) => dueReminders(db, actor(), q, now()),
    'history.list': async (q) => recordHistory(db, q),
    'search.global': async ({ text, limit }) => searchAll(db, text, limit),
    'dashboard.get': async (q) => dashboard(db, q, now()),
    'policies.list': async (q) => listPolicies(db, q),
    'policies.get': async ({ id }) => policyDetail(db, id),
    'policies.renewals': async (q) => renewals(db, q, now(), learnedRenewals(db)),
    'policies.xdates': async (q) => xdates(db, q, now()),
    'clients.book': async ({ id }) => clientBook(db, id),
    'today.book': async (q) => todayBook(db, q, loadBookSettings(db), now(), actor().userId),
    'dashboard.book': async (q) => bookDashboard(db, q, now()),
    'book.settings.get': async () => loadBookSettings(db),
    'book.settings.save': async (input) => saveBookSettings(db, input),
    mutate: async ({ name, args }) => {
      const { mutation, result } = await writer.mutate(name, args);
      return { mutation_id: mutation.id, result };
    },
    'sync.status': async () => syncStatus(),
    'sync.signIn': async ({ server, email, password }) => {
      await signIn(server, email, password);
      return syncStatus();
    },
    'sync.signOut': async () => {
      signOut();
      return syncStatus();
    },
    'demo.status': async () => demo.status(),
    'demo.load': async () => demo.load(),
    'demo.clear': async () => demo.clear(),
    'conflicts.list': async () => listConflicts(db),
    'conflicts.resolve': async ({ id, action }) => resolveConflict(db, writer, id, action),
    'ai.run': async ({
      task,
      lead_id,
      client_id,
      communication_id,
      ticket_id,
      policy_id,
      channel,
      purpose,
      request_id,
    }) => {
      const controller = new AbortController();
      if (request_id) aiRequests.set(request_id, controller);
      try {
        const outcome = await ai.run(
          task,
          {
            lead: lead_id,
            client: client_id,
            communication: communication_id,
            ticket: ticket_id,
            policy: policy_id,
            channel,
            purpose,
          },
          { signal: controller.signal },
        );
        return {
          result: outcome.result,
          interaction_id: outcome.interaction_id,
          model: outcome.model,
          latency_ms: outcome.latency_ms,
        };
      } finally {
        if (request_id && aiRequests.get(request_id) === controller) aiRequests.delete(request_id);
      }
    },
    'ai.cancel': async ({ request_id }) => {
      const controller = aiRequests.get(request_id);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
    'score.lead': async ({ lead_id }) => leadScoreView(db, lead_id),
    'score.policy': async ({ policy_id }) => policyScoreView(db, policy_id),
    'score.train': async () => trainView(db, now()),
    'ai.settings.get': async () => ({ ...ai.settings.get(), usage: ai.usage() }),
    'ai.settings.save': async (input) => {
      const saved = ai.settings.save(input as Parameters<AiService['settings']['save']>[0]);
      // Another embedding model (or provider) means another index: the indexer re-embeds in the background.
      reindex();
      return saved;
    },
    'duplicates.check': async ({ kind, limit, ...draft }) =>
      possibleDuplicates(
        db,
        kind,
        {
          first_name: draft.first_name ?? null,
          last_name: draft.last_name ?? null,
          business_name: draft.business_name ?? null,
          email: draft.email ?? null,
          phone: draft.phone ?? null,
          date_of_birth: draft.date_of_birth ?? null,
          postal_code: draft.postal_code ?? null,
          line1: draft.line1 ?? null,
        },
        limit,
      ),
    'imports.upload': async (input) => imports.upload(input),
    'imports.inspect': async (input) => imports.inspect(input),
    'imports.preview': async (input) => imports.preview(input),
    'imports.start': async (input) => imports.start(input),
    'imports.run': async (input) => imports.run(input),
    'imports.cancel': async (input) => imports.cancel(input),
    'imports.issues': async (input) => imports.issues(input),
    'imports.report': async ({ run_id }) => downloads.report(imports.allIssues(run_id)),
    'imports.undo': async (input) => imports.undo(input),
    'imports.list': async () => imports.list(),
    'imports.open': async (input) => imports.open(input),
    'imports.resume': async (input) => imports.resume(input),
    'imports.mappings': async (input) => imports.mappings(input),
    'imports.saveMapping': async (input) => imports.saveMapping(input),
    'exports.create': async (input) => downloads.exportFile(input),
    'duplicates.list': async ({ kind, limit }) => listDuplicatePairs(db, kind, limit),
    'duplicates.scan': async ({ kind, full }) => {
      const { records, scanned, incremental, pairs } = scanDuplicates(db, kind, { full });
      return { kind, records, scanned, incremental, found: pairs.length };
    },
    'duplicates.dismiss': async ({ kind, a, b }) => dismissPair(db, kind, a, b),
    'merge.preview': async ({ kind, survivor_id, merged_id }) => mergePreview(db, kind, survivor_id, merged_id),
    'semantic.status': async () => semantic.status(),
    'semantic.search': async ({ text, limit }) => semantic.search(text, limit),
    'semantic.similar': async ({ limit, ...ref }) => semantic.similar(subjectOf(ref)!, limit),
    ask: async ({ question, ...ref }) => {
      const subject = subjectOf(ref);
      const { reason } = semantic.choose();
      const settings = ai.settings.get();
      const result = await ask(
        {
          db,
          writer,
          semantic,
          settings: () => settings,
          getApiKey: semantic.getApiKey,
          // A chat model must be named for an answer; without one the retrieved records are the answer.
          generate: hasChatModel(settings),
        },
        question,
        subject,
      );
      return {
        answer: result.answer,
        citations: result.citations,
        sources: result.sources,
        interaction_id: result.interaction_id,
        reason,
      };
    },
  };
}
