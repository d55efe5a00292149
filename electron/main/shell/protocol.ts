import { readFile } from 'node:fs/promises';
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

/** Serves the built renderer from `root` at fieldline://app/, with the CSP on every response. */
export function serveRenderer(root: string) {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'app' ? resolveStaticFile(root, url.pathname) : null;
    if (!file) return new Response('not found', { status: 404 });
    const body = await readFile(file);
    return new Response(body, { headers: { 'Content-Type': contentType(file), ...securityHeaders() } });
  });
}
