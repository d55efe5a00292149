/**
 * An OpenAI-compatible server on 127.0.0.1 for tests: POST /v1/chat/completions answers with
 * plain or streaming (SSE `data:` chunks, then `data: [DONE]`) completions, scripted errors
 * (429 with retry-after, 500), slow or never-ending answers and malformed JSON. It records
 * every request it got, so tests can check exactly what left the app.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeEmbedding } from './fake-embeddings';

export interface ChatMessage {
  role: string;
  content: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: {
    model?: string;
    messages?: ChatMessage[];
    stream?: boolean;
    temperature?: number;
    response_format?: {
      type: string;
      json_schema?: { name: string; schema: Record<string, unknown>; strict?: boolean };
    };
    stream_options?: { include_usage?: boolean };
    input?: string | string[];
    encoding_format?: string;
  };
  /** Both messages (or every embedding input) joined: what a test searches for context and for leaked secrets. */
  text: string;
  at: number;
}

export type Reply =
  /** A completion whose content is the object as JSON, or a raw string (e.g. malformed JSON). */
  | {
      kind: 'answer';
      content: object | string;
      delayMs?: number;
      chunkDelayMs?: number;
      chunks?: number;
      usage?: boolean;
    }
  | { kind: 'status'; status: number; headers?: Record<string, string>; message?: string }
  /** Never answers: the client has to time out or cancel. */
  | { kind: 'hang' };

export interface FakeOpenAI {
  /** The base URL to give the SDK, ending in /v1. */
  url: string;
  requests: RecordedRequest[];
  /** Replies used in order, one per request; after them, `fallback`. */
  enqueue(...replies: Reply[]): void;
  fallback: (req: RecordedRequest) => Reply;
  /** Acts as a server without structured outputs: a json_schema request gets a 400 naming response_format. */
  refuseJsonSchema: boolean;
  /** Delay before each embeddings answer (a slow model server). */
  embedDelayMs: number;
  close(): Promise<void>;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tokens = (s: string) => Math.ceil(s.length / 4);

function split(text: string, n: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / n));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

async function answer(res: ServerResponse, req: RecordedRequest, reply: Extract<Reply, { kind: 'answer' }>) {
  const content = typeof reply.content === 'string' ? reply.content : JSON.stringify(reply.content);
  const model = req.body.model ?? 'fake';
  const usage = {
    prompt_tokens: tokens(req.text),
    completion_tokens: tokens(content),
    total_tokens: tokens(req.text) + tokens(content),
  };
  const base = { id: `chatcmpl-${req.at}`, created: Math.floor(req.at / 1000), model };
  if (reply.delayMs) await wait(reply.delayMs);
  if (res.destroyed) return;
  if (!req.body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    const choice = {
      index: 0,
      message: { role: 'assistant', content, refusal: null },
      finish_reason: 'stop',
      logprobs: null,
    };
    res.end(
      JSON.stringify({
        ...base,
        object: 'chat.completion',
        choices: [choice],
        ...(reply.usage === false ? {} : { usage }),
      }),
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (data: object | string) =>
    res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
  const chunk = (delta: object, finish: string | null) => ({
    ...base,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  send(chunk({ role: 'assistant', content: '' }, null));
  for (const piece of split(content, reply.chunks ?? 8)) {
    if (reply.chunkDelayMs) await wait(reply.chunkDelayMs);
    if (res.destroyed) return;
    send(chunk({ content: piece }, null));
  }
  send(chunk({}, 'stop'));
  if (req.body.stream_options?.include_usage && reply.usage !== false)
    send({ ...base, object: 'chat.completion.chunk', choices: [], usage });
  send('[DONE]');
  res.end();
}

/** POST /v1/embeddings: deterministic vectors (fake-embeddings.ts), as floats or base64 as asked. */
function embeddings(res: ServerResponse, req: RecordedRequest) {
  const inputs = [req.body.input ?? []].flat();
  const data = inputs.map((text, index) => {
    const v = fakeEmbedding(text);
    const embedding =
      req.body.encoding_format === 'base64' ? Buffer.from(Float32Array.from(v).buffer).toString('base64') : v;
    return { object: 'embedding', index, embedding };
  });
  const used = inputs.reduce((n, t) => n + tokens(t), 0);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      object: 'list',
      data,
      model: req.body.model ?? 'fake-embed',
      usage: { prompt_tokens: used, total_tokens: used },
    }),
  );
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const queue: Reply[] = [];
  const requests: RecordedRequest[] = [];
  const fake: Omit<FakeOpenAI, 'url' | 'close'> = {
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    fallback: () => ({ kind: 'status', status: 500, message: 'no reply scripted' }),
    refuseJsonSchema: false,
    embedDelayMs: 0,
  };
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const body = (raw ? JSON.parse(raw) : {}) as RecordedRequest['body'];
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        text: [...(body.messages ?? []).map((m) => m.content), ...[body.input ?? []].flat()].join('\n'),
        at: Date.now(),
      };
      requests.push(recorded);
      if (req.method === 'POST' && recorded.path.startsWith('/v1/embeddings')) {
        if (fake.embedDelayMs) setTimeout(() => embeddings(res, recorded), fake.embedDelayMs);
        else embeddings(res, recorded);
        return;
      }
      if (req.method !== 'POST' || !recorded.path.startsWith('/v1/chat/completions')) {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      if (fake.refuseJsonSchema && body.response_format?.type === 'json_schema') {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: {
              message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
              type: 'invalid_request_error',
              param: 'response_format',
              code: null,
            },
          }),
        );
        return;
      }
      const reply = queue.shift() ?? fake.fallback(recorded);
      if (reply.kind === 'hang') return;
      if (reply.kind === 'status') {
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(
          JSON.stringify({
            error: { message: reply.message ?? `scripted ${reply.status}`, type: 'scripted', code: null },
          }),
        );
        return;
      }
      void answer(res, recorded, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** A port nothing listens on: a request there fails like an unplugged network. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
