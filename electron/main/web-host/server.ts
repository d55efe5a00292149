import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { findUnstorable } from '../../../shared/text/unstorable';
import type { ChangeEvent } from '../../../shared/api/changes';
import type { Dispatch } from '../api/bus';
import { securityHeaders } from '../shell/csp';
import { contentType, resolveStaticFile } from '../shell/static-files';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface WebHostOptions {
  dispatch: Dispatch;
  /** The built renderer (npm run build:web → out/web); API only when absent. */
  staticDir?: string;
  port?: number;
  log?: (line: string) => void;
  /** The replica's change feed: each event goes to every open page at GET /api/changes. */
  changes?: { subscribe(listener: (event: ChangeEvent) => void): () => void };
  /** Files the API prepared (exports, import reports), served once asked for at GET /api/download/ID. */
  downloads?: { get(id: string): { file: string; name: string; type: string } | undefined };
}

const DOWNLOAD_PATH = /^\/api\/download\/([0-9a-f-]{36})$/;

/** A prepared file as an attachment, streamed from disk (an export can be large). */
async function sendDownload(res: http.ServerResponse, file: { file: string; name: string; type: string }) {
  const size = (await stat(file.file)).size;
  // The name is ours (kind and date), but quoted safely all the same.
  const ascii = file.name.replace(/[^\w.-]/g, '_');
  res.writeHead(200, {
    'Content-Type': file.type,
    'Content-Length': size,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  await new Promise<void>((resolve, reject) => {
    createReadStream(file.file).on('error', reject).pipe(res).on('finish', resolve);
  });
}

/** The path of the change stream (server-sent events). */
export const CHANGES_PATH = '/api/changes';

export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };
const failure = (
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
  field?: string,
): Reply => ({
  status,
  body: { ok: false, error: field === undefined ? { code, message } : { code, message, field } },
  headers,
});

/** The path decoded, or undefined when it is not valid percent-encoded UTF-8. */
function decodePath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Only our own pages: a browser elsewhere (DNS rebinding, another site's fetch) is refused. */
function sameHost(req: http.IncomingMessage, port: number): boolean {
  const allowed = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  if (!allowed.has(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  return !origin || allowed.has(origin.replace(/^http:\/\//, ''));
}

async function api(req: http.IncomingMessage, command: string, dispatch: Dispatch): Promise<Reply> {
  if (req.method !== 'POST') return failure(405, 'invalid_input', 'use POST for API commands', { Allow: 'POST' });
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (err) {
    if (err instanceof BodyTooLarge)
      return failure(413, 'invalid_input', `request body is larger than ${MAX_BODY_BYTES} bytes`);
    throw err;
  }
  let input: unknown;
  try {
    input = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch {
    return failure(400, 'invalid_input', 'request body is not JSON');
  }
  // A NUL or an unpaired surrogate would be stored (or logged) as something else than was sent.
  const bad = findUnstorable(input);
  if (bad)
    return failure(400, 'invalid_input', `${bad.field || 'body'}: ${bad.reason}`, undefined, bad.field || undefined);
  return { status: 200, body: await dispatch(command, input) };
}

/**
 * A small HTTP host for development and browser tests: serves the built renderer and the same
 * command API the Electron IPC serves, at POST /api/<command> with a JSON body, answering the
 * dispatcher's Result as JSON. Listens on 127.0.0.1 only.
 */
/**
 * Streams the replica's change events to one page as server-sent events, the web host's twin of
 * the Electron shell's IPC push. EventSource reconnects by itself after a drop (`retry`).
 */
function streamChanges(req: http.IncomingMessage, res: http.ServerResponse, changes: WebHostOptions['changes']) {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Content-Type-Options': 'nosniff',
  });
  res.write('retry: 1000\n\n');
  const unsubscribe = changes?.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`)) ?? (() => {});
  req.on('close', unsubscribe);
}

export function startWebHost({
  dispatch,
  staticDir,
  port = 0,
  log = () => {},
  changes,
  downloads,
}: WebHostOptions): Promise<WebHost> {
  let boundPort = port;
  const server = http.createServer((req, res) => {
    let url: URL | undefined;
    const send = (reply: Reply) => {
      const body = JSON.stringify(reply.body);
      // After an oversized upload the connection closes: the rest of the body is never read.
      const close = reply.status === 413 ? { Connection: 'close' } : {};
      res.writeHead(reply.status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        ...close,
        ...reply.headers,
      });
      res.end(body, () => {
        if (reply.status === 413) req.destroy();
      });
    };
    const handle = async () => {
      if (!sameHost(req, boundPort)) return send(failure(403, 'forbidden', 'requests must come from this host'));
      try {
        url = new URL(req.url ?? '/', 'http://127.0.0.1');
      } catch {
        return send(failure(400, 'invalid_input', 'the request URL is malformed'));
      }
      const decoded = decodePath(url.pathname);
      if (decoded === undefined || decoded.includes('\0'))
        return send(failure(400, 'invalid_input', 'the request URL is malformed (bad percent-encoding)'));
      if (url.pathname === CHANGES_PATH) {
        if (req.method !== 'GET')
          return send(failure(405, 'invalid_input', 'use GET for the change stream', { Allow: 'GET' }));
        return streamChanges(req, res, changes);
      }
      const download = DOWNLOAD_PATH.exec(url.pathname);
      if (download) {
        if (req.method !== 'GET')
          return send(failure(405, 'invalid_input', 'use GET for a download', { Allow: 'GET' }));
        const file = downloads?.get(download[1]!);
        if (!file) return send(failure(404, 'not_found', 'no such download (the app may have restarted)'));
        return sendDownload(res, file);
      }
      const apiMatch = /^\/api\/([\w.%-]+)$/.exec(url.pathname);
      if (apiMatch) {
        const command = decodePath(apiMatch[1]!)!;
        if (!/^[\w.-]+$/.test(command)) return send(failure(404, 'not_found', 'no such API path'));
        return send(await api(req, command, dispatch));
      }
      if (url.pathname.startsWith('/api/')) return send(failure(404, 'not_found', 'no such API path'));
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(failure(405, 'invalid_input', 'only GET here', { Allow: 'GET, HEAD' }));
      const file = staticDir ? resolveStaticFile(staticDir, url.pathname) : null;
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        return res.end(staticDir ? 'not found' : 'no renderer build: run `npm run build:web` first');
      }
      const body = await readFile(file);
      const cache = file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
      res.writeHead(200, { 'Content-Type': contentType(file), 'Cache-Control': cache, ...securityHeaders() });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    handle().catch((err: unknown) => {
      log(`web host: ${req.method} ${url?.pathname ?? '(bad URL)'} failed: ${(err as Error)?.stack ?? String(err)}`);
      if (!res.headersSent) send(failure(500, 'internal', 'the web host failed; see its log'));
      else res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      boundPort = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${boundPort}`,
        port: boundPort,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
