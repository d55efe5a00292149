/**
 * A user's sync scope as the gateway sees it now: `GET /v1/me` and the fingerprint sent as the
 * `fieldline-scope` header on every shape answer, so a replica learns at its next request that
 * the role, team or identity it synced for is no longer the user's (README: Sync, scope changes).
 */
import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { SYNCED_TABLES, type SessionUser, type WhoAmIResponse } from '../shared/sync/protocol';
import { scopeWhere } from '../shared/sync/scope';
import { requireUser } from './auth';
import type { GatewayEnv, Resolved } from './context';

/**
 * Who the user is, their role and team, and the shape definitions those give every synced
 * table: a change to any (including to the scope rules themselves, which would make stored
 * shape handles refer to other definitions) gives another fingerprint.
 */
export function scopeFingerprint(user: Pick<SessionUser, 'id' | 'role' | 'team_id'>): string {
  const shapes = SYNCED_TABLES.map((t) => [t, scopeWhere(user.role, user.id, user.team_id, t)]);
  return createHash('sha256')
    .update(JSON.stringify([user.id, user.role, user.team_id, shapes]))
    .digest('base64url')
    .slice(0, 22);
}

export function scopeRoutes(app: Hono<GatewayEnv>, opts: Resolved) {
  app.get('/v1/me', requireUser(opts), (c) => {
    const user = c.get('user');
    const answer: WhoAmIResponse = { user, scope: scopeFingerprint(user) };
    return c.json(answer);
  });
}
