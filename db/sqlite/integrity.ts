/**
 * A whole-file check of a replica, off the main thread: `quick_check` (every page's structure)
 * or `integrity_check` (that, and every index against its table). Both read the whole file,
 * seconds on a large replica, so they run in a worker on their own read-only connection while
 * the app works: the desktop app runs quick_check at every start, and integrity_check instead
 * after an unclean shutdown.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Plain JavaScript, so it runs the same under tsx, in the built app and in tests. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true });
  const rows = db.pragma(workerData.pragma + '(20)', { simple: false }).map((r) => Object.values(r)[0]);
  parentPort.postMessage({ problems: rows.length === 1 && rows[0] === 'ok' ? [] : rows });
} catch (err) {
  parentPort.postMessage({ problems: [String(err && err.message ? err.message : err)] });
} finally {
  if (db) db.close();
}`;

/** Resolves with the problems found (empty when the file is whole). Never rejects. */
export function checkInBackground(path: string, pragma: 'quick_check' | 'integrity_check'): Promise<string[]> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      const driver = createRequire(import.meta.url).resolve('better-sqlite3');
      worker = new Worker(WORKER, { eval: true, workerData: { path, driver, pragma } });
    } catch (err) {
      return resolve([`the integrity check could not start: ${(err as Error).message}`]);
    }
    worker.once('message', (m: { problems: string[] }) => resolve(m.problems));
    worker.once('error', (err) => resolve([`the integrity check failed: ${err.message}`]));
    worker.once('exit', () => resolve(['the integrity check stopped without an answer']));
  });
}
