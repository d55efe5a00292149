import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rng } from './workload';

export type Fault = 'drop' | 'error-500' | 'hang' | 'cut-answer' | 'lost-answer';

/**
 * A reverse proxy on loopback that breaks requests on purpose: drops connections, answers 500
 * (before or after the upstream handled the request), hangs and then drops, or cuts an answer
 * in the middle. Replicas talk to the gateway through it; `calm()` lets everything through.
 */
export async function startFaultProxy(upstream: string, options: { rate: number; seed: number; hangMs?: number }) {
  const next = rng(options.seed);
  const faults: Fault[] = ['drop', 'error-500', 'hang', 'cut-answer', 'lost-answer'];
  const counts: Record<Fault | 'passed', number> = {
    drop: 0,
    'error-500': 0,
    hang: 0,
    'cut-answer': 0,
    'lost-answer': 0,
    passed: 0,
  };
  let rate = options.rate;
  const target = new URL(upstream);

  const server = http.createServer((req, res) => {
    const fault = next() < rate ? faults[Math.floor(next() * faults.length)]! : null;
    counts[fault ?? 'passed']++;
    if (fault === 'drop') return req.socket.destroy();
    if (fault === 'error-500') {
      res.writeHead(500, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ error: { code: 'internal', message: 'injected fault' } }));
    }
    if (fault === 'hang') return void setTimeout(() => req.socket.destroy(), options.hangMs ?? 1500);
    const up = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (upRes) => {
        if (fault === 'lost-answer') {
          // The gateway did the work; the client never hears of it and must retry safely.
          upRes.resume();
          upRes.on('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        if (fault === 'cut-answer') {
          upRes.once('data', (chunk: Buffer) => {
            res.write(chunk.subarray(0, Math.max(1, Math.floor(chunk.length / 2))));
            req.socket.destroy();
            upRes.destroy();
          });
          return;
        }
        upRes.pipe(res);
      },
    );
    up.on('error', () => req.socket.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    calm: () => (rate = 0),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
