/**
 * The web host's HTTP handling on a real replica, over raw sockets (so request targets no
 * client library would send get through): malformed URLs are 400, text that cannot be stored
 * is 400 naming its field, and a seeded fuzz of paths, methods, headers and bodies never gets
 * a 5xx, never logs a failure and never changes the replica unless a command succeeded.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/main/web-host/server';
import { COMMAND_NAMES } from '../../shared/api/contract';
import { int, mutateJson, pick, randomJson, randomPath, randomString, rng, type Rng } from '../support/fuzz';
import { closeTemp, createLead, fingerprint, INS, openTemp, type TempApp } from '../queries/support';

const SEED = Number(process.env.FIELDLINE_SEED ?? 20261206);
const REQUESTS = Number(process.env.FIELDLINE_FUZZ_REQUESTS ?? 600);
const BUDGET_MS = 60_000;

let t: TempApp;
let host: WebHost;
const logged: string[] = [];
let leadId: string;

beforeAll(async () => {
  t = openTemp();
  leadId = (await createLead(t.app, { last_name: 'Fuzz' })).id;
  host = await startWebHost({ dispatch: t.app.dispatch, log: (l) => logged.push(l) });
});
afterAll(async () => {
  await host?.close();
  closeTemp(t);
});

/** One raw HTTP/1.1 request; answers the status (0 when the server closed without one) and body. */
function raw(method: string, target: string, body = '', headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve) => {
    const socket = connect(host.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const head = {
      Host: `127.0.0.1:${host.port}`,
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(body)),
      Connection: 'close',
      ...headers,
    };
    socket.on('connect', () =>
      socket.end(
        `${method} ${target} HTTP/1.1\r\n${Object.entries(head)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\r\n')}\r\n\r\n${body}`,
      ),
    );
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      const split = text.indexOf('\r\n\r\n');
      let rest = text.slice(split + 4);
      if (/\r\ntransfer-encoding: chunked/i.test(text.slice(0, split))) {
        let body = '';
        for (;;) {
          const eol = rest.indexOf('\r\n');
          const size = parseInt(rest.slice(0, eol), 16);
          if (!(size > 0)) break;
          body += Buffer.from(rest.slice(eol + 2))
            .subarray(0, size)
            .toString('utf8');
          rest = Buffer.from(rest.slice(eol + 2))
            .subarray(size + 2)
            .toString('utf8');
        }
        rest = body;
      }
      resolve({ status, body: rest });
    });
  });
}

describe('web host input', () => {
  it('a malformed URL is a 400, not a 500 with a stack trace in the log', async () => {
    for (const target of ['/api/%', '/api/%E0%A4%A', '/api/%00', '/%', '/assets/%zz.js', '/leads/%C0']) {
      for (const method of ['POST', 'GET']) {
        const res = await raw(method, target, method === 'POST' ? '{}' : '');
        expect(res.status, `${method} ${target}`).toBe(400);
        expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
    }
    expect(logged).toEqual([]);
  });

  it('a NUL or unpaired surrogate anywhere in the body is a 400 naming the field; nothing is stored', async () => {
    const before = fingerprint(t.app);
    const cases: Array<[unknown, string]> = [
      [
        {
          name: 'createLead',
          args: { insurance_type_id: INS.auto, lead_type: 'individual', first_name: 'A\u0000', last_name: 'B' },
        },
        'args.first_name',
      ],
      [{ name: 'addNote', args: { lead_id: leadId, body: 'half \uD83D' } }, 'args.body'],
      [{ name: 'addNote', args: { lead_id: leadId, body: 'ok', ['k\uDC00']: 1 } }, 'args.k\\udc00'],
    ];
    for (const [input, field] of cases) {
      const res = await raw('POST', '/api/mutate', JSON.stringify(input));
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
    }
    expect(fingerprint(t.app)).toEqual(before);
  });
});

const MUTATIONS = ['createLead', 'updateLead', 'addNote', 'changeLeadStatus', 'convertLead', 'nope'];
function validBody(r: Rng, command: string): unknown {
  if (command !== 'mutate') return pick(r, [{}, { lead_id: leadId }, { id: leadId }, { query: 'fuzz' }, { limit: 5 }]);
  const name = pick(r, MUTATIONS);
  const args =
    name === 'createLead'
      ? { insurance_type_id: INS.auto, lead_type: 'individual', first_name: 'Fu', last_name: 'Zz' }
      : name === 'updateLead'
        ? { id: leadId, patch: { last_name: 'Changed' } }
        : name === 'addNote'
          ? { lead_id: leadId, body: 'note' }
          : { lead_id: leadId };
  return { name, args };
}

describe('web host fuzz', () => {
  it(`${REQUESTS} random requests: no 5xx, nothing logged, the replica unchanged unless a command succeeded (seed ${SEED})`, async () => {
    const r = rng(SEED);
    const commands = [
      ...COMMAND_NAMES.map((c) => `/api/${c}`),
      '/api/mutate',
      '/api/mutate',
      '/',
      '/index.html',
      '/leads/x',
    ];
    const started = Date.now();
    const statuses = new Map<number, number>();
    let before = fingerprint(t.app);
    let sent = 0;
    for (; sent < REQUESTS && Date.now() - started < BUDGET_MS; sent++) {
      const path = r() < 0.7 ? pick(r, commands) : randomPath(r, commands);
      const method =
        r() < 0.85 ? (path.startsWith('/api/') ? 'POST' : 'GET') : pick(r, ['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']);
      const command = path.replace(/^\/api\//, '');
      let body = '';
      if (method !== 'GET' && method !== 'HEAD') {
        const roll = r();
        if (roll < 0.15) body = randomString(r);
        else if (roll < 0.3) body = JSON.stringify(randomJson(r));
        else {
          let value = validBody(r, command);
          for (let i = int(r, 3); i >= 0; i--) value = mutateJson(r, value);
          body = JSON.stringify(value);
        }
      }
      const headers: Record<string, string> = {};
      if (r() < 0.05) headers.Host = pick(r, ['evil.test', 'localhost:1', '']);
      if (r() < 0.05) headers.Origin = pick(r, ['http://evil.test', 'null']);
      if (r() < 0.1) headers['Content-Type'] = pick(r, ['text/plain', 'application/x-www-form-urlencoded']);
      const label = `#${sent} ${method} ${path.slice(0, 120)} ${JSON.stringify(headers)} ${body.slice(0, 200)}`;
      const res = await raw(method, path, body, headers);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, label).toBeGreaterThan(0);
      expect(res.status, `${label} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
      const after = fingerprint(t.app);
      let succeeded = false;
      try {
        succeeded = res.status === 200 && (JSON.parse(res.body) as { ok?: boolean }).ok === true;
      } catch {
        succeeded = false; // a static file
      }
      if (!succeeded) expect(after, `${label} → ${res.status} changed the replica`).toEqual(before);
      before = after;
    }
    console.info(
      `web host fuzz: ${sent} requests in ${Date.now() - started} ms, statuses ${JSON.stringify([...statuses].sort())}`,
    );
    expect(sent).toBeGreaterThanOrEqual(Math.min(REQUESTS, 200));
    expect(logged).toEqual([]);
  }, 120_000);
});
