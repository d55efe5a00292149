import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Downloads } from '../export/downloads';
import { protocol } from 'electron';
import { securityHeaders } from './csp';
import { contentType, resolveStaticFile } from './static-files';
import { APP_SCHEME } from './trust';

/** Must run before the app is ready: our scheme behaves like https (secure, standard, fetch). */
export function registerAppScheme() {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the built renderer from `root` at fieldline://app/, with the CSP on every response, and
 * the files the API prepared (exports, import reports) at /api/download/ID as attachments, which
 * Electron's download manager saves where the person picks.
 */
export function serveRenderer(root: string, downloads?: Pick<Downloads, 'get'>) {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const download = url.host === 'app' ? /^\/api\/download\/([0-9a-f-]{36})$/.exec(url.pathname) : null;
    if (download) {
      const prepared = downloads?.get(download[1]!);
      if (!prepared) return new Response('not found', { status: 404 });
      const body = Readable.toWeb(createReadStream(prepared.file)) as ReadableStream;
      return new Response(body, {
        headers: {
          'Content-Type': prepared.type,
          'Content-Disposition': `attachment; filename="${prepared.name.replace(/[^\w.-]/g, '_')}"`,
        },
      });
    }
    const file = url.host === 'app' ? resolveStaticFile(root, url.pathname) : null;
    if (!file) return new Response('not found', { status: 404 });
    const body = await readFile(file);
    return new Response(body, { headers: { 'Content-Type': contentType(file), ...securityHeaders() } });
  });
}
