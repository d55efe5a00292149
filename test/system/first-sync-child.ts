/**
 * A replica process for the first-sync kill test: starts syncing (the parent kills it part-way)
 * and prints each applied batch. Run: tsx test/system/first-sync-child.ts FILE SERVER_URL
 */
import { openApp } from '../../electron/main/app';
import { SyncEngine } from '../../electron/main/sync/engine';
import { deviceId, storedSession } from '../../electron/main/sync/session';

const [file, url] = process.argv.slice(2) as [string, string];
process.env.FIELDLINE_SYNC_DEBUG = '1';
const app = openApp(file);
const engine = new SyncEngine({
  db: app.db,
  writer: app.writer,
  actor: app.actor,
  serverUrl: url,
  token: storedSession(app.db)!.token,
  clientId: deviceId(app.db),
  log: (line) => process.stdout.write(`${line}\n`),
});
engine.start();
