/** POST /v1/mutations: a replica's outbox batch, applied in order (server/apply-batch.ts). */
import type { Hono } from 'hono';
import { formatPath } from '../shared/errors';
import { mutationBatch, type MutationAnswer, type MutationResponse } from '../shared/sync/protocol';
import { applyBatch } from './apply-batch';
import { requireUser } from './auth';
import { addLogFields, jsonError, type GatewayEnv, type Resolved } from './context';
import { RateLimiter } from './rate-limit';
import { readJson } from './read-json';

export function mutationRoutes(app: Hono<GatewayEnv>, opts: Resolved) {
  const limiter = new RateLimiter(opts.rateLimit.perSecond, opts.rateLimit.burst, opts.now);

  app.post('/v1/mutations', requireUser(opts), async (c) => {
    const user = c.get('user');
    const allowed = limiter.take(user.id);
    if (!allowed.ok) {
      c.header('Retry-After', String(allowed.retryAfterSeconds));
      return jsonError(c, 429, 'rate_limited', `too many requests; retry in ${allowed.retryAfterSeconds} s`);
    }
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const parsed = mutationBatch.safeParse(body.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = formatPath(issue.path);
      return jsonError(
        c,
        400,
        'invalid_input',
        field ? `${field}: ${issue.message}` : issue.message,
        field || undefined,
      );
    }

    const results: MutationAnswer[] = [];
    const counts = { ok: 0, rejected: 0, conflict: 0, replayed: 0, clamped: 0 };
    let maxAheadMs = 0;
    const client = await opts.pool.connect();
    let broken: Error | undefined;
    try {
      for (const applied of await applyBatch(client, parsed.data.mutations, user, opts.now)) {
        results.push(applied.answer);
        counts[applied.answer.status]++;
        if (applied.replayed) counts.replayed++;
        if (applied.clampedMs !== undefined) {
          counts.clamped++;
          maxAheadMs = Math.max(maxAheadMs, applied.clampedMs);
        }
      }
    } catch (err) {
      broken = err as Error;
      throw err;
    } finally {
      client.release(broken);
      // A client clock running ahead is pulled back to the server's; say so, it skews "when".
      addLogFields(c, { mutations: counts, ...(counts.clamped ? { clock_ahead_ms: maxAheadMs } : {}) });
    }
    const answer: MutationResponse = { results };
    return c.json(answer);
  });
}
