import type { z } from 'zod';
import type { ReplicaDb } from '../../../db/sqlite/open';
import type { ReplicaWriter } from '../../../db/sqlite/writer';
import {
  annotationPatch,
  annotationsFor,
  interactionSummary,
  type AnnotationTarget,
} from '../../../shared/ai/annotations';
import type { SubjectContext } from '../../../shared/ai/context';
import { AiError } from '../../../shared/ai/errors';
import { buildPrompt, estimateTokens, type PromptOptions } from '../../../shared/ai/prompt';
import { Redactor, type RedactionKind } from '../../../shared/ai/redact';
import { INTERACTION_TYPE, RESULT_SCHEMAS, type AiResult, type AiTask } from '../../../shared/ai/schemas';
import { responseSchema } from '../../../shared/ai/response-format';
import { StreamedJsonField } from '../../../shared/ai/stream-field';
import { TASKS } from '../../../shared/ai/tasks';
import { formatPath } from '../../../shared/errors';
import type { Actor } from '../../../shared/mutations/define';
import { chat, type ChatAnswer, type Usage } from './provider';
import { loadAiSettings, tokensUsedToday, type AiSettings, type ProviderConfig } from './settings';

/**
 * One AI request from start to end. What is written, and when, is the contract:
 *  - refusals before anything is sent (opted out, budget spent, offline with no local model,
 *    not configured) write nothing at all;
 *  - once a request was sent, exactly one ai_interactions row records it: status 'ok' with the
 *    result's AI fields in the same mutation, or status 'error' with no AI fields and no answer
 *    (a malformed answer is never stored).
 */
export interface AiServiceDeps {
  db: ReplicaDb;
  writer: ReplicaWriter;
  actor: () => Actor;
  /** From the shell's encrypted store; called per request and never kept. */
  getApiKey: (provider: ProviderConfig) => Promise<string | undefined>;
  /** The shell passes Electron's net.isOnline; without it the network is assumed up. */
  isOnline?: () => boolean;
  now?: () => Date;
  /** Adjusts the stored settings per request (the CLI takes its provider from the environment). */
  settings?: (stored: AiSettings) => AiSettings;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Streaming tasks (summaries): the text as it is written, placeholders already restored. */
  onDelta?: (text: string) => void;
}

export interface AiOutcome<T> {
  /** The validated result, with redacted values put back for display on this machine. */
  result: T;
  interaction_id: string;
  provider: string;
  model: string;
  usage: Usage;
  latency_ms: number;
  redacted: Record<RedactionKind, number>;
}

export interface Job<T extends AiTask> {
  task: T;
  ctx: SubjectContext;
  target: AnnotationTarget;
  refs: { lead_id?: string; client_id?: string; communication_id?: string; ticket_id?: string };
  prompt?: Pick<PromptOptions, 'channel' | 'purpose'>;
  /** The result field streamed to onDelta. */
  streamField?: string;
}

function route(s: AiSettings, online: boolean): { primary: ProviderConfig; fallback: ProviderConfig | null } {
  if (s.local && (s.preferLocal || !s.remote)) return { primary: s.local, fallback: null };
  if (!s.remote) throw new AiError('not_configured', 'No AI provider is set up. Add one in Settings → AI.');
  if (!online) {
    if (s.local) return { primary: s.local, fallback: null };
    throw new AiError(
      'offline',
      'You are offline and no local model is set up, so nothing was sent. AI needs a network connection (or a local model server in Settings → AI).',
    );
  }
  return { primary: s.remote, fallback: s.local };
}

function checkBudget(db: ReplicaDb, userId: string, s: AiSettings, needed: number, now: Date) {
  if (s.dailyTokenBudget === null) return;
  const used = tokensUsedToday(db, userId, now);
  if (used + needed > s.dailyTokenBudget) {
    const n = (x: number) => x.toLocaleString('en-US');
    throw new AiError(
      'budget_exceeded',
      `Today's AI budget is used up: ${n(used)} of ${n(s.dailyTokenBudget)} tokens spent, and this request needs about ${n(needed)}. It resets at midnight, or raise it in Settings → AI.`,
    );
  }
}

function parseAnswer<S extends z.ZodType>(
  schema: S,
  content: string,
): { ok: true; value: z.output<S> } | { ok: false; message: string } {
  // Some local models wrap JSON in a markdown fence despite being asked not to.
  const text = content.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/i, '$1');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The AI answer was not valid JSON, so nothing was saved. Try again.' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const at = issue ? `${formatPath(issue.path) || 'answer'}: ${issue.message}` : 'unexpected shape';
  return {
    ok: false,
    message: `The AI answer did not have the expected form (${at}), so nothing was saved. Try again.`,
  };
}

/** Streams a field's text to the caller, holding back a placeholder cut in half so it can be restored whole. */
function deltaSink(field: string, r: Redactor, onDelta: (text: string) => void) {
  const extractor = new StreamedJsonField(field);
  let pending = '';
  return (chunk: string) => {
    pending += extractor.push(chunk);
    const open = pending.lastIndexOf('[');
    const cut = open >= 0 && /^\[[A-Z]*_?\d*$/.test(pending.slice(open)) ? open : pending.length;
    if (cut > 0) onDelta(r.restore(pending.slice(0, cut)));
    pending = pending.slice(cut);
  };
}

export async function runJob<T extends AiTask>(
  deps: AiServiceDeps,
  job: Job<T>,
  opts: RunOptions = {},
): Promise<AiOutcome<AiResult<T>>> {
  const now = deps.now?.() ?? new Date();
  const stored = loadAiSettings(deps.db);
  const settings = deps.settings ? deps.settings(stored) : stored;
  const actor = deps.actor();
  const r = new Redactor(settings.redact);
  const prompt = buildPrompt(job.task, job.ctx, r, { contextTokens: settings.contextTokens, now, ...job.prompt });
  checkBudget(deps.db, actor.userId, settings, prompt.tokens, now);
  const { primary, fallback } = route(settings, deps.isOnline?.() ?? true);

  let provider = primary;
  const temperatureFor = (p: ProviderConfig) =>
    p.temperature === 'model-default' ? null : (p.temperature ?? TASKS[job.task].temperature);
  const metadata: Record<string, unknown> = {
    task: job.task,
    redacted: r.stats(),
    omitted_history: prompt.omitted,
    streamed: Boolean(job.streamField && opts.onDelta),
  };
  const started = Date.now();
  const record = (fields: Record<string, unknown>) =>
    deps.writer.mutate('recordAiInteraction', {
      type: INTERACTION_TYPE[job.task],
      ...job.refs,
      provider: provider.name,
      model: provider.model,
      temperature: temperatureFor(provider),
      prompt: `[system]\n${prompt.system}\n\n[user]\n${prompt.user}`,
      latency_ms: Date.now() - started,
      ...fields,
      metadata: { ...metadata, ...((fields.metadata as object | undefined) ?? {}) },
    });

  const ask = async (p: ProviderConfig) => {
    const onChunk = job.streamField && opts.onDelta ? deltaSink(job.streamField, r, opts.onDelta) : undefined;
    const call = {
      system: prompt.system,
      user: prompt.user,
      outbound: (text: string) => r.text(text),
      temperature: temperatureFor(p),
      stream: Boolean(onChunk),
      onChunk,
      signal: opts.signal,
      schema: responseSchema(job.task),
    };
    return chat(p, await deps.getApiKey(p), call, settings);
  };
  let answer: ChatAnswer;
  try {
    try {
      answer = await ask(primary);
    } catch (err) {
      if (!(err instanceof AiError && err.reason === 'offline' && fallback)) throw err;
      metadata.fell_back_from = primary.name;
      provider = fallback;
      answer = await ask(fallback);
    }
  } catch (err) {
    const e =
      err instanceof AiError
        ? err
        : new AiError('provider_error', `The AI request failed: ${(err as Error)?.message ?? String(err)}`);
    // If even the record cannot be written (the lead was deleted meanwhile), the AI error is still the one to show.
    await record({ status: 'error', error: e.message, metadata: { failure: e.reason } }).catch(() => undefined);
    throw e;
  }

  metadata.attempts = answer.attempts;
  metadata.response_format = answer.format;
  const usage = answer.usage ?? {
    prompt_tokens: prompt.tokens,
    completion_tokens: estimateTokens(answer.content),
    total_tokens: prompt.tokens + estimateTokens(answer.content),
  };
  if (!answer.usage) metadata.usage_estimated = true;
  const parsed = parseAnswer(RESULT_SCHEMAS[job.task], answer.content);
  if (!parsed.ok) {
    await record({
      status: 'error',
      error: parsed.message,
      ...usage,
      metadata: { failure: 'malformed', response_chars: answer.content.length },
    }).catch(() => undefined);
    throw new AiError('malformed', parsed.message);
  }
  const value = parsed.value as AiResult<T>;
  // Prompt and response are stored as they left and came back (the audit of what was sent);
  // what the agent reads (the record's AI fields, the timeline line) gets the real values back.
  const shown = r.restoreDeep(value);
  const restored = annotationsFor(job.task, job.target, shown);
  // A value put back can make a field longer than its column allows: then it keeps the placeholder.
  const annotations =
    (restored && annotationPatch.safeParse(restored).success
      ? restored
      : annotationsFor(job.task, job.target, value)) ?? undefined;
  const latency = Date.now() - started;
  // The raw answer is the audit trail; one too long to store is kept as the validated (bounded) result instead.
  const response = answer.content.length <= 200_000 ? answer.content : JSON.stringify(value);
  const { result } = await record({
    status: 'ok',
    response,
    summary: interactionSummary(job.task, shown),
    ...usage,
    latency_ms: latency,
    annotations,
  });
  return {
    result: shown,
    interaction_id: (result as { id: string }).id,
    provider: provider.name,
    model: provider.model,
    usage,
    latency_ms: latency,
    redacted: r.stats(),
  };
}
