import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type FieldlineApp } from '../../electron/main/app';
import { CHANGES_PATH, startWebHost, type WebHost } from '../../electron/main/web-host/server';
import type { ChangeEvent } from '../../shared/api/changes';
import { insuranceTypeByCode } from '../../shared/lookups';

const opened: Array<{ app: FieldlineApp; host: WebHost; dir: string }> = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.host.close();
    o.app.close();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

async function start() {
  const dir = mkdtempSync(join(tmpdir(), 'fieldline-sse-'));
  const app = openApp(join(dir, 'replica.db'));
  const host = await startWebHost({ dispatch: app.dispatch, changes: app.changes });
  opened.push({ app, host, dir });
  return { app, host };
}

/** Opens the change stream as a page would; resolves with its response once the headers are in. */
function connect(host: WebHost, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ res: http.IncomingMessage; events: ChangeEvent[]; text: () => string; req: http.ClientRequest }>(
    (resolve, reject) => {
      const req = http.request(`${host.url}${CHANGES_PATH}`, { method, headers }, (res) => {
        let text = '';
        const events: ChangeEvent[] = [];
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          for (const line of chunk.split('\n'))
            if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as ChangeEvent);
        });
        resolve({ res, events, text: () => text, req });
      });
      req.on('error', reject);
      req.end();
    },
  );
}

const until = async (check: () => boolean, ms = 5_000) => {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('the web host change stream', () => {
  it('delivers each committed change to an open page as a server-sent event', async () => {
    const { app, host } = await start();
    const stream = await connect(host);
    expect(stream.res.statusCode).toBe(200);
    expect(stream.res.headers['content-type']).toMatch(/^text\/event-stream/);
    await until(() => stream.text().includes('retry:'));
    const res = await app.dispatch('mutate', {
      name: 'createLead',
      args: { first_name: 'Ana', last_name: 'Silva', insurance_type_id: insuranceTypeByCode('auto').id },
    });
    expect(res.ok).toBe(true);
    await until(() => stream.events.length > 0);
    expect(stream.events).toEqual([{ tables: expect.arrayContaining(['leads', 'outbox']), source: 'local' }]);
    stream.req.destroy();
  });

  it('is refused to other sites and other hosts, like the rest of the API', async () => {
    const { host } = await start();
    const foreign = await connect(host, { Origin: 'http://evil.example' });
    expect(foreign.res.statusCode).toBe(403);
    const rebound = await connect(host, { Host: `attacker.example:${host.port}` });
    expect(rebound.res.statusCode).toBe(403);
    const posted = await connect(host, {}, 'POST');
    expect(posted.res.statusCode).toBe(405);
  });

  it('stops listening for a page that went away', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fieldline-sse-'));
    const app = openApp(join(dir, 'replica.db'));
    let active = 0;
    const changes = {
      subscribe(listener: (e: ChangeEvent) => void) {
        active++;
        const off = app.changes.subscribe(listener);
        return () => (active--, off());
      },
    };
    const host = await startWebHost({ dispatch: app.dispatch, changes });
    opened.push({ app, host, dir });
    const stream = await connect(host);
    await until(() => stream.text().includes('retry:'));
    expect(active).toBe(1);
    stream.req.destroy();
    await until(() => active === 0);
  });
});
