/**
 * The first-sync bench's child process (bench/first-sync.ts): one first sync, or its resumption,
 * into a replica file, as the desktop app runs it (openApp, sign-in, SyncEngine). It imports
 * product code only, so its peak RSS is the app's, not the bench's or the server's.
 * Args: <gateway url> <email> <password> <replica file>.
 */
import type { ReplicaDb } from '../db/sqlite/open';
import { openApp } from '../electron/main/app';
import { SyncEngine } from '../electron/main/sync/engine';
import { deviceId, signIn, storedSession } from '../electron/main/sync/session';
import type { FirstSyncProgress } from '../shared/api/types';
import { TABLE_NAMES } from '../shared/model/catalogue';
import { round } from './stats';

/** What the child prints, one JSON object a line. */
export type ChildLine =
  | { progress: FirstSyncProgress; rssMb: number; heapMb: number; externalMb: number; s: number }
  | {
      done: {
        rowsBefore: number;
        pulled: number;
        seconds: number;
        cpuS: number;
        peakRssMb: number;
        progressReports: number;
        counts: Record<string, number>;
        localOnlyUsers: number;
      };
    };
export type Done = Extract<ChildLine, { done: unknown }>['done'];

const MB = 1024 * 1024;
const emit = (line: ChildLine, then?: () => void) => process.stdout.write(`${JSON.stringify(line)}\n`, then);

function tableCounts(db: ReplicaDb) {
  const counts: Record<string, number> = {};
  for (const t of TABLE_NAMES) counts[t] = (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;
  return counts;
}
export const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The child: one first sync (or its resumption) into `file`, as the desktop app runs it. */
export async function child(url: string, email: string, password: string, file: string) {
  const cpu0 = process.cpuUsage();
  const app = openApp(file);
  // After the open: a replica killed mid-sync has had its derived state repaired by now.
  const rowsBefore = sum(tableCounts(app.db));
  if (!storedSession(app.db)) await signIn(app.db, url, email, password);
  app.refreshActor();
  const session = storedSession(app.db)!;
  const engine = new SyncEngine({
    db: app.db,
    writer: app.writer,
    actor: app.actor,
    serverUrl: session.serverUrl,
    token: session.token,
    clientId: deviceId(app.db),
    refreshActor: app.refreshActor,
  });
  const t0 = performance.now();
  let progressReports = 0;
  // What the app's sync indicator would show, read the way it reads it (the engine's status).
  const timer = setInterval(() => {
    const progress = engine.status().firstSync;
    if (!progress) return;
    progressReports++;
    const m = process.memoryUsage();
    emit({
      progress,
      rssMb: Math.round(m.rss / MB),
      heapMb: Math.round(m.heapUsed / MB),
      externalMb: Math.round(m.external / MB),
      s: round((performance.now() - t0) / 1000, 1),
    });
  }, 1000);
  const r = await engine.syncOnce(6 * 3600_000);
  clearInterval(timer);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const counts = tableCounts(app.db);
  const localOnlyUsers = (
    app.db.prepare(`SELECT count(*) AS n FROM users WHERE email LIKE 'local-%@fieldline.local'`).get() as {
      n: number;
    }
  ).n;
  app.close();
  emit(
    {
      done: {
        rowsBefore,
        pulled: r.pulled,
        seconds,
        cpuS: (cpu.user + cpu.system) / 1e6,
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        progressReports,
        counts,
        localOnlyUsers,
      },
    },
    () => process.exit(0),
  ); // the report is the child's last word: nothing else is waited for
}

if (import.meta.filename === process.argv[1]) {
  const [url, email, password, file] = process.argv.slice(2) as [string, string, string, string];
  await child(url, email, password, file);
}
