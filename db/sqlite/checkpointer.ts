/**
 * WAL checkpoints off the main thread. SQLite's automatic checkpoint runs inside the commit that
 * takes the WAL past 1,000 pages: that commit copies the pages into the database file and syncs
 * it, in the process that committed. For the app that is the main process, which every screen's
 * command waits on: while the semantic indexer wrote its chunks, one commit in twenty paused the
 * main process 50–600 ms this way (the pause grew with whatever else was writing to the disk).
 *
 * With a checkpointer, the app's own connection only checkpoints past BACKSTOP_PAGES (should the
 * worker fall behind or fail to start, the WAL still stays bounded), and a worker thread runs a
 * PASSIVE checkpoint on a connection of its own every `everyMs`: PASSIVE never waits for a reader
 * or a writer, it copies what no reader still needs and leaves the rest for the next round.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ReplicaDb } from './open';

/** WAL pages (4 KB each) past which the app's own connection checkpoints anyway (SQLite's default is 1,000). */
export const BACKSTOP_PAGES = 16_000;

/** Plain JavaScript, so it runs the same under tsx, in the built app and in tests. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const closed = new Int32Array(workerData.closed);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const round = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ wal: r.log, copied: r.checkpointed });
  } catch (err) {
    // Busy (the app's backstop checkpoint is running): the next round tries again.
  }
};
const timer = setInterval(round, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  Atomics.store(closed, 0, 1);
  Atomics.notify(closed, 0);
  parentPort.close();
});`;

/** Longest stop() waits for the worker to close its connection (it is at most one checkpoint away). */
const STOP_WAIT_MS = 5_000;

export interface Checkpointer {
  /** The last round's WAL size and pages copied (for tests and the bench). */
  last(): { wal: number; copied: number } | null;
  /**
   * Closes the worker's connection and waits for it (a few ms), so that the app's own close that
   * follows is the last connection: it checkpoints the rest and removes the WAL, and the next open
   * does not take a WAL left behind for an unclean shutdown.
   */
  stop(): void;
}

/**
 * Starts checkpointing `path` (the file `db` is open on) in a worker thread. Returns null for an
 * in-memory replica or when no worker can start here, in which case SQLite's own automatic
 * checkpoint stays as it was.
 */
export function startCheckpointer(db: ReplicaDb, path: string, everyMs = 200): Checkpointer | null {
  if (db.memory || path === ':memory:') return null;
  const closed = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    worker = new Worker(WORKER, { eval: true, workerData: { path, driver, everyMs, closed: closed.buffer } });
  } catch {
    return null;
  }
  worker.unref();
  const autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  let last: { wal: number; copied: number } | null = null;
  let running = true;
  const giveBack = () => {
    running = false;
    if (db.open) db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  };
  worker.on('message', (m: { wal: number; copied: number }) => (last = m));
  // A worker that dies (its connection refused, say) gives the checkpoints back to SQLite.
  worker.once('error', giveBack);
  worker.once('exit', () => running && giveBack());
  return {
    last: () => last,
    stop: () => {
      if (!running) return;
      worker.postMessage('stop');
      Atomics.wait(closed, 0, 0, STOP_WAIT_MS);
      giveBack();
    },
  };
}
