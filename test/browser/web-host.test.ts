// The web host's HTTP contract and the shell's plain-Node rules; no browser needed.
import { request } from 'node:http';
import { contentSecurityPolicy } from '../../electron/main/shell/csp';
import { resolveStaticFile } from '../../electron/main/shell/static-files';
import { isTrustedUrl, trustedOrigins } from '../../electron/main/shell/trust';
import { placeWindow } from '../../electron/main/shell/window-state';
import { MAX_BODY_BYTES } from '../../electron/main/web-host/server';
import { WEB_DIR, assert, startHost } from './harness';
import { test } from './suite';

function http(url: string, init: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = request(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      req.on('error', (err: NodeJS.ErrnoException) =>
        err.code === 'EPIPE' || err.code === 'ECONNRESET'
          ? resolve({ status: -1, headers: {}, body: '' })
          : reject(err),
      );
      if (init.body) req.write(init.body);
      req.end();
    },
  );
}

export const tests = [
  test('web host answers POST /api/<command> with the Result as JSON', 'node', async () => {
    const host = await startHost();
    try {
      const ok = await http(`${host.url}/api/lookups.get`, {
        method: 'POST',
        body: '{}',
        headers: { 'Content-Type': 'application/json' },
      });
      assert(ok.status === 200, `status ${ok.status}`);
      const body = JSON.parse(ok.body) as { ok: boolean; value: { statuses: unknown[] } };
      assert(body.ok && body.value.statuses.length >= 5, 'lookups came back');
      const bad = JSON.parse((await http(`${host.url}/api/nope.nothing`, { method: 'POST', body: '{}' })).body) as {
        ok: boolean;
        error: { code: string };
      };
      assert(!bad.ok && bad.error.code === 'invalid_input', 'unknown command is an invalid_input Result');
      const invalid = JSON.parse(
        (
          await http(`${host.url}/api/mutate`, {
            method: 'POST',
            body: JSON.stringify({ name: 'createLead', args: { insurance_type_id: 'x' } }),
          })
        ).body,
      ) as { ok: boolean; error: { field?: string } };
      assert(
        !invalid.ok && invalid.error.field === 'insurance_type_id',
        `field-level error, got ${JSON.stringify(invalid)}`,
      );
    } finally {
      await host.close();
    }
  }),

  test(
    'web host rejects wrong method (405), non-JSON (400), big bodies (413) and foreign hosts (403)',
    'node',
    async () => {
      const host = await startHost();
      try {
        const get = await http(`${host.url}/api/lookups.get`);
        assert(get.status === 405 && get.headers.allow === 'POST', `GET gives ${get.status}`);
        const notJson = await http(`${host.url}/api/lookups.get`, { method: 'POST', body: '{nope' });
        assert(notJson.status === 400, `non-JSON gives ${notJson.status}`);
        const big = await http(`${host.url}/api/lookups.get`, {
          method: 'POST',
          body: Buffer.alloc(MAX_BODY_BYTES + 10, 32),
        });
        assert(big.status === 413, `big body gives ${big.status}`);
        const rebinding = await http(`${host.url}/api/lookups.get`, {
          method: 'POST',
          body: '{}',
          headers: { Host: 'evil.example:80' },
        });
        assert(rebinding.status === 403, `foreign Host gives ${rebinding.status}`);
        const crossSite = await http(`${host.url}/api/lookups.get`, {
          method: 'POST',
          body: '{}',
          headers: { Origin: 'https://evil.example' },
        });
        assert(crossSite.status === 403, `foreign Origin gives ${crossSite.status}`);
      } finally {
        await host.close();
      }
    },
  ),

  test('web host serves the renderer with a strict CSP and never outside its folder', 'node', async () => {
    const host = await startHost();
    try {
      const index = await http(`${host.url}/`);
      assert(index.status === 200 && index.body.includes('<div id="root">'), 'index.html served');
      const csp = String(index.headers['content-security-policy']);
      assert(csp.includes("script-src 'self'") && !csp.includes('unsafe'), `CSP: ${csp}`);
      const traversal = await http(`${host.url}/..%2f..%2fpackage.json`);
      assert(traversal.status === 404, `traversal gives ${traversal.status}`);
      assert(
        resolveStaticFile(WEB_DIR, '/../../package.json') === null ||
          resolveStaticFile(WEB_DIR, '/../../package.json')!.startsWith(WEB_DIR),
        'resolver stays inside',
      );
      assert(!contentSecurityPolicy().includes('unsafe'), 'no unsafe-* in the CSP');
    } finally {
      await host.close();
    }
  }),

  test('shell trusts IPC only from its own origins and keeps windows on screen', 'node', async () => {
    const origins = trustedOrigins(undefined);
    assert(isTrustedUrl('fieldline://app/index.html#/leads', origins), 'app scheme trusted');
    assert(!isTrustedUrl('https://evil.example/', origins), 'web page not trusted');
    assert(!isTrustedUrl('file:///etc/passwd', origins), 'file URL not trusted');
    assert(!isTrustedUrl(undefined, origins), 'missing frame not trusted');
    assert(!isTrustedUrl('http://localhost:5173/', origins), 'dev server not trusted when packaged');
    assert(
      isTrustedUrl('http://localhost:5173/x', trustedOrigins('http://localhost:5173')),
      'dev server trusted in dev',
    );
    const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];
    const offscreen = placeWindow({ bounds: { x: 5000, y: 3000, width: 1280, height: 800 }, maximized: false }, screen);
    assert(offscreen.bounds.x >= 0 && offscreen.bounds.x < 1920, 'a window left on an unplugged monitor comes back');
    const kept = placeWindow({ bounds: { x: 100, y: 80, width: 1300, height: 820 }, maximized: true }, screen);
    assert(kept.bounds.x === 100 && kept.maximized, 'a visible place is kept');
  }),
];
