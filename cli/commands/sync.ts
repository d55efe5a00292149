import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { SyncEngine } from '../../electron/main/sync/engine';
import { deviceId, signIn, storedSession } from '../../electron/main/sync/session';
import { dbOption, intOption, parseOptions } from '../args';
import { fileTokenVault } from '../../electron/main/sync/token-file';
import { readSecret, refusePasswordOption, type ReadSecret } from '../read-secret';
import { withReplica } from './replica';

/**
 * `sync --db FILE --server URL [--email E] [--once] [--timeout S]`. With --email it signs in,
 * reading the password from a prompt or standard input (never argv). With --once it
 * syncs until the replica is up to date and only rejected mutations remain, then prints
 * `{pulled, pushed, rejected, conflicts}`; without it, it keeps syncing until interrupted.
 */
export async function syncCommand(argv: string[], secret: ReadSecret = readSecret) {
  refusePasswordOption(argv);
  const o = parseOptions(
    argv,
    z.object({
      db: dbOption,
      server: z.url({ error: '--server URL is required (e.g. http://127.0.0.1:3100)' }),
      email: z.string().optional(),
      once: z.boolean().default(false),
      timeout: intOption(1, 3600).default(300),
    }),
    ['once'],
  );
  const vault = fileTokenVault(o.db);
  return withReplica(o.db, true, async (app) => {
    const session = o.email
      ? await signIn(app.db, o.server, o.email, await secret(`password for ${o.email}: `), undefined, vault)
      : storedSession(app.db, o.server, vault);
    if (!session)
      throw new AppError('forbidden', `not signed in to ${o.server}: give --email (the password is asked for)`);
    app.refreshActor();
    const engine = new SyncEngine({
      db: app.db,
      writer: app.writer,
      actor: app.actor,
      serverUrl: o.server,
      token: session.token,
      clientId: deviceId(app.db),
      refreshActor: app.refreshActor,
      log: (m) => process.stderr.write(`${m}\n`),
    });
    if (o.once) return engine.syncOnce(o.timeout * 1000);
    engine.start();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => process.stderr.write(`${JSON.stringify(engine.status())}\n`), 5_000);
      const done = () => (clearInterval(timer), engine.stop(), resolve());
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    return engine.totals;
  });
}
