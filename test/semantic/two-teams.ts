/**
 * An app whose replica holds two teams' rows (as a manager's or a demo replica does), driven
 * through its command bus as the renderer drives it: the semantic API tests' shared set-up.
 */
import { setSession } from '../../electron/main/actor';
import type { FieldlineApp } from '../../electron/main/app';
import { uuidv7 } from '../../shared/ids';
import type { Actor } from '../../shared/mutations/define';

/** A command through the app's bus; an error result throws with its code. */
export async function dispatchOk<T>(app: FieldlineApp, command: string, input: unknown): Promise<T> {
  const r = await app.dispatch(command, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** Signs `actor` in (null: the device's local admin). */
export function signIn(app: FieldlineApp, actor: Actor | null) {
  setSession(app.db, actor);
  app.refreshActor();
}

/** Teams North and South, each with one agent (Ann and Bob), as rows of this replica. */
export function twoTeamAgents(app: FieldlineApp): { ann: Actor; bob: Actor } {
  const ann: Actor = { userId: uuidv7(), teamId: uuidv7(), role: 'agent' };
  const bob: Actor = { userId: uuidv7(), teamId: uuidv7(), role: 'agent' };
  const now = new Date().toISOString();
  for (const [a, team, email] of [
    [ann, 'North', 'ann@agency.test'],
    [bob, 'South', 'bob@agency.test'],
  ] as const) {
    app.db
      .prepare('INSERT INTO teams (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run(a.teamId, team, now, now);
    app.db
      .prepare(
        `INSERT INTO users (id, email, full_name, role, team_id, created_at, updated_at) VALUES (?, ?, ?, 'agent', ?, ?, ?)`,
      )
      .run(a.userId, email, email, a.teamId, now, now);
  }
  return { ann, bob };
}

/** Chat and embeddings from the loopback fake server at `url`, and the replica indexed for them. */
export async function useFakeSemantic(app: FieldlineApp, url: string) {
  await dispatchOk(app, 'ai.settings.save', {
    remote: { name: 'Fake OpenAI', baseURL: url, model: 'gpt-test' },
    embeddingModel: 'fake-embed',
    backoffMs: 5,
    timeoutMs: 3000,
    maxRetries: 0,
  });
  await app.semantic.index();
}
