/**
 * GET /v1/audit?after=SEQ&limit=N: the audit ledger, oldest first, for admins. Read as the
 * row-level-security role, whose policy lets only admins see ledger rows; the role check here
 * gives everyone else a clear 403 instead of an empty page.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from './auth';
import { jsonError, type GatewayEnv, type Resolved } from './context';

const query = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export function auditRoutes(app: Hono<GatewayEnv>, opts: Resolved) {
  app.get('/v1/audit', requireUser(opts), async (c) => {
    const user = c.get('user');
    if (user.role !== 'admin')
      return jsonError(c, 403, 'forbidden', 'only an agency administrator may read the audit ledger');
    const parsed = query.safeParse(c.req.query());
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.');
      return jsonError(c, 400, 'invalid_input', `${field}: ${issue.message}`, field);
    }
    const client = await opts.pool.connect();
    try {
      await client.query('BEGIN READ ONLY');
      await client.query(`SELECT set_config('app.user_id', $1, true)`, [user.id]);
      await client.query('SET LOCAL ROLE fieldline_app');
      const { rows } = await client.query(
        `SELECT seq::text AS seq, at, kind, user_id, detail, prev_hash, hash
           FROM audit_ledger l WHERE l.seq > $1 ORDER BY l.seq LIMIT $2`,
        [parsed.data.after, parsed.data.limit],
      );
      await client.query('COMMIT');
      return c.json({ entries: rows.map((r: { seq: string }) => ({ ...r, seq: Number(r.seq) })) });
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  });
}
