import type { AnnotationTarget } from '../../../shared/ai/annotations';
import { assertMayDraft, draftChannel, type DraftChannel } from '../../../shared/ai/contact';
import { displayName, type SubjectContext } from '../../../shared/ai/context';
import { AppError } from '../../../shared/errors';
import type { AiResult, AiTask, SummaryResult } from '../../../shared/ai/schemas';
import {
  loadCommunicationContext,
  loadPolicyContext,
  loadSubjectContext,
  loadTicketContext,
  type SubjectRef,
} from './context';
import { runJob, type AiOutcome, type AiServiceDeps, type Job, type RunOptions } from './run';
import { loadAiSettings, saveAiSettings, tokensUsedToday, type AiSettingsInput } from './settings';

export type { AiOutcome, AiServiceDeps, RunOptions } from './run';
export type { SubjectRef } from './context';

export type SummaryEvent = { type: 'delta'; text: string } | { type: 'done'; outcome: AiOutcome<SummaryResult> };

/** What a task is about, as the CLI and the command bus name it. */
export interface TaskRef {
  lead?: string;
  client?: string;
  communication?: string;
  ticket?: string;
  policy?: string;
  channel?: DraftChannel;
  purpose?: string;
}

/**
 * The AI features of the main process. Each method loads its context from the replica,
 * checks what must be checked before anything leaves the machine, and runs the request.
 */
export function createAiService(deps: AiServiceDeps) {
  const person = (ref: SubjectRef) => loadSubjectContext(deps.db, deps.actor(), ref);
  const targetOf = (ref: SubjectRef): AnnotationTarget =>
    'lead_id' in ref ? { table: 'leads', id: ref.lead_id } : { table: 'clients', id: ref.client_id };
  const refsOf = (ref: SubjectRef) => ('lead_id' in ref ? { lead_id: ref.lead_id } : { client_id: ref.client_id });

  const aboutPerson = async <T extends AiTask>(
    task: T,
    ref: SubjectRef,
    opts: RunOptions,
    extra: Partial<Job<T>> = {},
  ) => runJob(deps, { task, ctx: await person(ref), target: targetOf(ref), refs: refsOf(ref), ...extra }, opts);

  const summarize = (ref: SubjectRef, opts: RunOptions = {}) =>
    aboutPerson('summary', ref, opts, { streamField: 'summary' });

  /** The summary as an async iterator of deltas, then the outcome. Breaking out of the loop cancels the request. */
  async function* streamSummary(ref: SubjectRef, opts: { signal?: AbortSignal } = {}): AsyncGenerator<SummaryEvent> {
    const controller = new AbortController();
    const cancel = () => controller.abort();
    opts.signal?.addEventListener('abort', cancel, { once: true });
    const queue: string[] = [];
    let wake: (() => void) | null = null;
    let finished = false;
    let failure: { error: unknown } | null = null;
    let outcome: AiOutcome<SummaryResult> | null = null;
    const pending = summarize(ref, { signal: controller.signal, onDelta: (text) => (queue.push(text), wake?.()) })
      .then(
        (o) => void (outcome = o),
        (error: unknown) => void (failure = { error }),
      )
      .finally(() => ((finished = true), wake?.()));
    try {
      for (;;) {
        const next = queue.shift();
        if (next !== undefined) yield { type: 'delta', text: next };
        else if (finished) break;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
      if (failure) throw (failure as { error: unknown }).error;
      yield { type: 'done', outcome: outcome! };
    } finally {
      if (!finished) {
        controller.abort();
        await pending;
      }
      opts.signal?.removeEventListener('abort', cancel);
    }
  }

  async function draftMessage(
    ref: SubjectRef,
    draft: { channel?: DraftChannel; purpose?: string } = {},
    opts: RunOptions = {},
  ) {
    const ctx: SubjectContext = await person(ref);
    const channel = draftChannel(ctx, draft.channel);
    // Refused here, before a prompt is even built: an opted-out person gets no draft at all.
    assertMayDraft(ctx, displayName(ctx.subject), channel);
    return runJob(
      deps,
      { task: 'draft', ctx, target: targetOf(ref), refs: refsOf(ref), prompt: { channel, purpose: draft.purpose } },
      opts,
    );
  }

  async function analyzeCommunication(id: string, opts: RunOptions = {}) {
    const ctx = await loadCommunicationContext(deps.db, deps.actor(), id);
    return runJob(
      deps,
      { task: 'sentiment', ctx, target: { table: 'lead_communications', id }, refs: { communication_id: id } },
      opts,
    );
  }

  async function triageTicket(id: string, opts: RunOptions = {}) {
    const ctx = await loadTicketContext(deps.db, deps.actor(), id);
    return runJob(
      deps,
      { task: 'triage', ctx, target: { table: 'support_tickets', id }, refs: { ticket_id: id } },
      opts,
    );
  }

  /** A policy term's retention risk, stored on the term and recorded on its client. */
  async function assessRetention(id: string, opts: RunOptions = {}) {
    const { policy, ctx } = await loadPolicyContext(deps.db, deps.actor(), id);
    return runJob(
      deps,
      { task: 'retention', ctx, target: { table: 'policies', id }, refs: { client_id: policy.client_id } },
      opts,
    );
  }

  const subjectRef = (task: AiTask, t: TaskRef): SubjectRef => {
    if (t.lead) return { lead_id: t.lead };
    if (t.client) return { client_id: t.client };
    throw new AppError('invalid_input', `${task} needs a lead (or a client)`, 'lead');
  };

  /** Any task by name: the CLI's and the command bus's single entry. */
  async function run<T extends AiTask>(task: T, t: TaskRef, opts: RunOptions = {}): Promise<AiOutcome<AiResult<T>>> {
    const need = (id: string | undefined, what: string) =>
      id ??
      (() => {
        throw new AppError('invalid_input', `${task} needs a ${what}`, what);
      })();
    switch (task) {
      case 'sentiment':
        return (await analyzeCommunication(need(t.communication, 'communication'), opts)) as AiOutcome<AiResult<T>>;
      case 'triage':
        return (await triageTicket(need(t.ticket, 'ticket'), opts)) as AiOutcome<AiResult<T>>;
      case 'retention':
        return (await assessRetention(need(t.policy, 'policy'), opts)) as AiOutcome<AiResult<T>>;
      case 'draft':
        return (await draftMessage(subjectRef(task, t), { channel: t.channel, purpose: t.purpose }, opts)) as AiOutcome<
          AiResult<T>
        >;
      default:
        return aboutPerson(task, subjectRef(task, t), opts, task === 'summary' ? { streamField: 'summary' } : {});
    }
  }

  return {
    run,
    summarize,
    streamSummary,
    nextAction: (ref: SubjectRef, opts: RunOptions = {}) => aboutPerson('next-action', ref, opts),
    assessRisk: (ref: SubjectRef, opts: RunOptions = {}) => aboutPerson('risk', ref, opts),
    crossSell: (ref: SubjectRef, opts: RunOptions = {}) => aboutPerson('cross-sell', ref, opts),
    contactLikelihood: (ref: SubjectRef, opts: RunOptions = {}) => aboutPerson('contact-likelihood', ref, opts),
    draftMessage,
    analyzeCommunication,
    triageTicket,
    assessRetention,
    settings: {
      get: () => loadAiSettings(deps.db),
      save: (input: AiSettingsInput) => saveAiSettings(deps.db, input),
    },
    /** Today's token use against the budget, for the settings screen. */
    usage: () => {
      const stored = loadAiSettings(deps.db);
      const budget = (deps.settings ? deps.settings(stored) : stored).dailyTokenBudget;
      return { used: tokensUsedToday(deps.db, deps.actor().userId, deps.now?.() ?? new Date()), budget };
    },
  };
}
export type AiService = ReturnType<typeof createAiService>;
