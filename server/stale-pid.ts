/**
 * A `postmaster.pid` left in an embedded Postgres data directory. Postgres itself ignores one
 * whose pid is dead, but refuses to start while that pid is alive, and after an unclean end it
 * often is:
 *  - `npm run server` was SIGKILLed: its postgres child is not told and keeps running, orphaned,
 *    holding the directory. It is ours and nobody uses it, so it is asked to shut down (fast
 *    shutdown: running transactions roll back, everything committed stays).
 *  - after a reboot or a container restart the pid now belongs to an unrelated process: the
 *    file is stale and is removed.
 * A postgres on this directory that still has its gateway (another `npm run server`) is left
 * alone, with an error that says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user (postgres runs as `postgres` under root).
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process's command line and parent pid, from /proc where there is one, else from ps. */
function describe(pid: number): { command: string; ppid: number } | null {
  try {
    if (existsSync('/proc')) {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return { command, ppid };
    }
    const out = execFileSync('ps', ['-o', 'ppid=,command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    const [ppid, ...command] = out.split(/\s+/);
    return { command: command.join(' '), ppid: Number(ppid) };
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function clearStalePostmaster(dataDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) {
    log(`[fieldline] removing a stale postmaster.pid (pid ${pid} is not running)`);
    rmSync(pidFile, { force: true });
    return;
  }
  const proc = describe(pid);
  const isOurPostgres = proc !== null && /postgres/.test(proc.command) && proc.command.includes(dataDir);
  if (!isOurPostgres) {
    log(`[fieldline] removing a stale postmaster.pid (pid ${pid} is now another program)`);
    rmSync(pidFile, { force: true });
    return;
  }
  const parent = describe(proc.ppid);
  // Orphaned: re-parented to init (or a subreaper that is not node) when its gateway was killed.
  if (proc.ppid !== 1 && parent !== null && /\bnode\b|tsx/.test(parent.command)) {
    throw new Error(
      `another process (pid ${proc.ppid}) is running a Postgres on ${dataDir} (pid ${pid}); stop that server first or set FIELDLINE_PG_DIR to another folder`,
    );
  }
  log(`[fieldline] stopping the Postgres (pid ${pid}) a killed server left running on ${dataDir}`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; alive(pid); waited += 100) {
    if (waited >= 30_000) throw new Error(`the Postgres a killed server left running (pid ${pid}) does not stop`);
    await sleep(100);
  }
}
