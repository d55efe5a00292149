/**
 * A replica process for the crash test: syncs with the server and makes random changes until it
 * is killed. After each committed mutation it prints `M <id>`, so the parent knows what must
 * survive. Run: tsx test/system/crash-child.ts FILE SERVER_URL SEED
 */
import { openApp } from '../../electron/main/app';
import { SyncEngine } from '../../electron/main/sync/engine';
import { deviceId, storedSession } from '../../electron/main/sync/session';
import { randomAction, rng } from '../sync/workload';

const [file, url, seed] = process.argv.slice(2) as [string, string, string];
const app = openApp(file);
const engine = new SyncEngine({
  db: app.db,
  writer: app.writer,
  actor: app.actor,
  serverUrl: url,
  token: storedSession(app.db)!.token,
  clientId: deviceId(app.db),
});
engine.start();
const next = rng(Number(seed));
process.stdout.write('READY\n');
for (;;) {
  const id = await randomAction(app, next);
  if (id) process.stdout.write(`M ${id}\n`);
  await new Promise((r) => setTimeout(r, 2 + Math.floor(next() * 8)));
}
