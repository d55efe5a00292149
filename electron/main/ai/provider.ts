import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { AiError } from '../../../shared/ai/errors';
import type { JsonSchemaFormat } from '../../../shared/ai/response-format';
import type { ProviderConfig } from './settings';

/**
 * One chat call to any OpenAI-compatible endpoint, through the official SDK. Retries are ours
 * (the SDK's are off) so that: only 429 and 5xx are retried, with exponential backoff that
 * honours retry-after; a stream that already showed text is never restarted (the user would
 * see it twice); connection failures fail fast (offline should not mean a minute of spinning);
 * and every failure becomes an AiError with a message a person can act on.
 */
export interface ChatCall {
  system: string;
  user: string;
  /**
   * The last pass over every message before it leaves the machine (the request's Redactor).
   * Required, so no request to a provider (chat today, embeddings later) can skip redaction.
   */
  outbound: (text: string) => string;
  temperature: number | null;
  stream: boolean;
  /** Raw content chunks as they arrive (streaming only). */
  onChunk?: (text: string) => void;
  signal?: AbortSignal;
  /** The answer's JSON schema (structured outputs); without it, or if the provider refuses it, JSON mode. */
  schema?: JsonSchemaFormat;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface ChatAnswer {
  content: string;
  usage: Usage | null;
  attempts: number;
  /** How the answer's form was asked: 'json_schema' (structured outputs) or 'json_object' (JSON mode). */
  format: 'json_schema' | 'json_object';
}

export interface ChatLimits {
  timeoutMs: number;
  maxRetries: number;
  backoffMs: number;
  maxBackoffMs: number;
}

/** Thrown by one attempt when the provider said "try again later". */
class Retryable extends Error {
  constructor(
    readonly status: number,
    readonly waitMs: number | null,
  ) {
    super(`HTTP ${status}`);
  }
}

function retryAfterMs(headers: Headers | undefined): number | null {
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const raw = headers?.get('retry-after');
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AiError('cancelled', 'The AI request was cancelled.'));
    const done = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AiError('cancelled', 'The AI request was cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Thrown by one attempt when the provider turned down structured outputs: ask again in JSON mode. */
class SchemaRefused extends Error {}

/**
 * Provider+model pairs that turned down `json_schema` this session (many local servers and
 * older models do). They are asked in JSON mode from then on, without a wasted request first.
 */
const refusedSchema = new Set<string>();
const refusalKey = (p: ProviderConfig) => `${p.baseURL}|${p.model}`;

/** A 400 about the response format: the provider does not do structured outputs. */
function refusesSchema(err: unknown): boolean {
  return (
    err instanceof APIError &&
    (err.status === 400 || err.status === 422) &&
    /response_format|json_schema|structured output|unsupported/i.test(err.message)
  );
}

const where = (p: ProviderConfig) => `${p.name} (${new URL(p.baseURL).host})`;

function classify(
  err: unknown,
  p: ProviderConfig,
  state: { timedOut: boolean; signal?: AbortSignal; structured?: boolean },
  limits: ChatLimits,
): Error {
  if (err instanceof AiError) return err;
  if (state.signal?.aborted) return new AiError('cancelled', 'The AI request was cancelled.');
  if (refusesSchema(err) && state.structured) return new SchemaRefused();
  if (state.timedOut || err instanceof APIConnectionTimeoutError) {
    return new AiError(
      'timeout',
      `${where(p)} did not answer within ${Math.round(limits.timeoutMs / 100) / 10} s. Try again, or pick a faster model.`,
    );
  }
  if (err instanceof APIConnectionError) {
    return new AiError(
      'offline',
      `Cannot reach ${where(p)}: this computer may be offline, or the server is not running.`,
    );
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    if (err.status === 429 || err.status >= 500) return new Retryable(err.status, retryAfterMs(err.headers));
    if (err.status === 401 || err.status === 403)
      return new AiError('auth', `${where(p)} refused the API key (HTTP ${err.status}). Check it in Settings → AI.`);
    if (err.status === 404)
      return new AiError('provider_error', `${where(p)} does not know the model "${p.model}" (HTTP 404).`);
    return new AiError(
      'provider_error',
      `${where(p)} rejected the request (HTTP ${err.status}): ${err.message.slice(0, 300)}`,
    );
  }
  return new AiError(
    'provider_error',
    `${where(p)} failed: ${err instanceof Error ? err.message.slice(0, 300) : String(err)}`,
  );
}

export async function chat(
  p: ProviderConfig,
  apiKey: string | undefined,
  call: ChatCall,
  limits: ChatLimits,
): Promise<ChatAnswer> {
  const client = new OpenAI({
    baseURL: p.baseURL,
    // Local servers take no key, but the SDK insists on one.
    apiKey: apiKey ?? 'no-key',
    maxRetries: 0,
    timeout: limits.timeoutMs,
    defaultHeaders: p.kind === 'azure' && apiKey ? { 'api-key': apiKey } : undefined,
  });
  let shown = false;
  const attempt = async (): Promise<Omit<ChatAnswer, 'attempts'>> => {
    const timer = new AbortController();
    const structured = Boolean(call.schema) && !refusedSchema.has(refusalKey(p));
    const format = structured ? ('json_schema' as const) : ('json_object' as const);
    const state = { timedOut: false, signal: call.signal, structured };
    let handle: ReturnType<typeof setTimeout> | undefined;
    // While streaming the clock restarts with every chunk: a long answer is fine as long as it keeps coming.
    const arm = () => {
      clearTimeout(handle);
      handle = setTimeout(() => {
        state.timedOut = true;
        timer.abort();
      }, limits.timeoutMs);
    };
    const signal = call.signal ? AbortSignal.any([call.signal, timer.signal]) : timer.signal;
    const body = {
      model: p.model,
      messages: [
        { role: 'system' as const, content: call.outbound(call.system) },
        { role: 'user' as const, content: call.outbound(call.user) },
      ],
      response_format:
        structured && call.schema
          ? { type: 'json_schema' as const, json_schema: call.schema }
          : { type: 'json_object' as const },
      ...(call.temperature === null ? {} : { temperature: call.temperature }),
    };
    try {
      arm();
      if (!call.stream) {
        const res = await client.chat.completions.create(body, { signal });
        return { content: res.choices[0]?.message?.content ?? '', usage: res.usage ?? null, format };
      }
      const stream = await client.chat.completions.create(
        { ...body, stream: true, stream_options: { include_usage: true } },
        { signal },
      );
      let content = '';
      let usage: Usage | null = null;
      for await (const chunk of stream) {
        arm();
        const text = chunk.choices[0]?.delta?.content;
        if (text) {
          content += text;
          shown = true;
          call.onChunk?.(text);
        }
        if (chunk.usage) usage = chunk.usage;
      }
      // The SDK ends an aborted stream quietly: a cut-off answer must not pass for a whole one.
      if (signal.aborted) throw classify(new Error('aborted'), p, state, limits);
      return { content, usage, format };
    } catch (err) {
      throw classify(err, p, state, limits);
    } finally {
      clearTimeout(handle);
    }
  };

  for (let n = 1; ; n++) {
    try {
      return { ...(await attempt()), attempts: n };
    } catch (err) {
      if (err instanceof SchemaRefused) {
        // Not a failure of the provider: remembered, and asked again at once in JSON mode.
        refusedSchema.add(refusalKey(p));
        continue;
      }
      if (!(err instanceof Retryable)) throw err;
      const what =
        err.status === 429
          ? `${where(p)} is rate limiting requests`
          : `${where(p)} had a server error (HTTP ${err.status})`;
      const reason = err.status === 429 ? 'rate_limited' : 'server_error';
      if (shown) throw new AiError(reason, `${what} in the middle of the answer. Try again.`);
      if (n > limits.maxRetries)
        throw new AiError(reason, `${what}; gave up after ${n} attempt${n === 1 ? '' : 's'}. Try again in a minute.`);
      const wait = err.waitMs ?? limits.backoffMs * 2 ** (n - 1) * (1 + Math.random() * 0.25);
      if (wait > limits.maxBackoffMs)
        throw new AiError(reason, `${what} and asks to wait ${Math.ceil(wait / 1000)} s. Try again later.`);
      await sleep(wait, call.signal);
    }
  }
}
