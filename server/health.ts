/** GET /v1/health: 200 once the gateway can serve (Postgres answers and Electric is active). */
import type { Hono } from 'hono';
import type { GatewayEnv, Resolved } from './context';

export async function checkElectric(
  electricUrl: string,
  doFetch: typeof fetch,
): Promise<{ ok: boolean; status: string }> {
  try {
    const res = await doFetch(`${electricUrl.replace(/\/+$/, '')}/v1/health`, { signal: AbortSignal.timeout(3000) });
    const body = (await res.json().catch(() => ({}))) as { status?: unknown };
    const status = typeof body.status === 'string' ? body.status : res.ok ? 'active' : `http ${res.status}`;
    // Electric answers 202 while it is still starting (connecting, building its slot).
    return { ok: res.status === 200, status };
  } catch (err) {
    return {
      ok: false,
      status: `unreachable (${(err as Error).name === 'TimeoutError' ? 'timed out' : (err as Error).message})`,
    };
  }
}

export async function checkDatabase(opts: Pick<Resolved, 'pool'>): Promise<{ ok: boolean; status: string }> {
  try {
    await opts.pool.query('SELECT 1');
    return { ok: true, status: 'ok' };
  } catch (err) {
    return { ok: false, status: `unavailable (${(err as Error).message})` };
  }
}

export function healthRoutes(app: Hono<GatewayEnv>, opts: Resolved) {
  app.get('/v1/health', async (c) => {
    const [database, electric] = await Promise.all([checkDatabase(opts), checkElectric(opts.electricUrl, opts.fetch)]);
    const ok = database.ok && electric.ok;
    return c.json({ ok, database: database.status, electric: electric.status }, ok ? 200 : 503);
  });
}
