/**
 * First sync at scale (`npm run bench -- --json --first-sync [--leads N]`): the bench agency's
 * rows go into Postgres, then an admin's first sync into an EMPTY replica runs in a child
 * process (the desktop app's own path: openApp, sign-in, SyncEngine), so its peak RSS is the
 * sync's alone and not the server's, which runs here. In the same run: plain inserts of the same
 * rows into a fresh replica (the ratio's denominator), and a first sync killed (SIGKILL) midway,
 * restarted on the same file, and checked to have resumed (the rows it already had were not sent
 * again) and to end with Postgres's row counts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReplica } from '../db/sqlite/open';
import { TABLE_NAMES } from '../shared/model/catalogue';
import { scopeWhere } from '../shared/sync/scope';
import { startSystem, type SystemUser } from '../test/sync/system';
import { copyTable } from './postgres';
import { rawInsert } from './raw-insert';
import { log, round } from './stats';
import { sum, type ChildLine, type Done } from './first-sync-child';

/**
 * Runs the child on `file`; with `killAtRows`, SIGKILLs it once its progress says that many rows
 * are in (resolving with the last progress seen), else resolves with its final report.
 */
function runChild(
  url: string,
  user: SystemUser,
  file: string,
  killAtRows?: number,
): Promise<{ done?: Done; killedAt?: number; progress: number; maxProgressRssMb: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'first-sync-child.ts'), url, user.email, user.password, file],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let buf = '';
    let done: Done | undefined;
    let killedAt: number | undefined;
    let progress = 0;
    let maxProgressRssMb = 0;
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const text = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!text.startsWith('{')) continue;
        const line = JSON.parse(text) as ChildLine;
        if ('done' in line) done = line.done;
        else {
          progress++;
          maxProgressRssMb = Math.max(maxProgressRssMb, line.rssMb);
          const p = line.progress;
          if (progress % 10 === 1 || p.indexing)
            log(
              `  first sync ${line.s} s: ${p.rows} rows, ${p.shapesDone}/${p.shapes} tables${p.indexing ? ', indexing' : ''}, RSS ${line.rssMb} MB`,
            );
          if (killAtRows !== undefined && killedAt === undefined && p.rows >= killAtRows) {
            killedAt = p.rows;
            proc.kill('SIGKILL');
          }
        }
      }
    });
    proc.once('error', reject);
    proc.once('exit', (code, signal) => {
      if (killedAt !== undefined && signal === 'SIGKILL') return resolve({ killedAt, progress, maxProgressRssMb });
      if (code !== 0 || !done) return reject(new Error(`the first-sync child exited (${code ?? signal})`));
      resolve({ done, progress, maxProgressRssMb });
    });
  });
}

/** Tables whose replica count differs from the server's (the replica's local user aside). */
function mismatches(server: Record<string, number>, done: Done) {
  return TABLE_NAMES.filter((t) => done.counts[t]! - (t === 'users' ? done.localOnlyUsers : 0) !== server[t]).map(
    (t) => `${t}: replica ${done.counts[t]}, server ${server[t]}`,
  );
}

export async function benchFirstSync(sourceFile: string, baseUrl: string, leads: number) {
  const dir = mkdtempSync(join(tmpdir(), 'fieldline-bench-first-sync-'));
  const source = openReplica(sourceFile, { readonly: true });
  const system = await startSystem(baseUrl, [{ email: 'boss@agency.test', role: 'admin', team: null }]);
  const user = system.users[0]!;
  try {
    const t0 = performance.now();
    for (const table of TABLE_NAMES) await copyTable(source, system.admin, table);
    // As the pipeline bench does: autovacuum and checkpoints of the load stay out of the timings.
    await system.admin.query('VACUUM (ANALYZE)');
    await system.admin.query('CHECKPOINT');
    log(`first sync: the agency is in Postgres (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    const server: Record<string, number> = {};
    for (const t of TABLE_NAMES) {
      const scope = scopeWhere(user.role, user.id, user.team_id, t);
      const params = Object.values(scope.params ?? {});
      const { rows } = await system.admin.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${t}"${scope.where ? ` WHERE ${scope.where}` : ''}`,
        params,
      );
      server[t] = Number(rows[0]!.n);
    }
    const total = sum(server);

    const cpu0 = process.cpuUsage();
    const t1 = performance.now();
    const raw = rawInsert(source, dir);
    const rawS = (performance.now() - t1) / 1000;
    const rawCpu = process.cpuUsage(cpu0);
    rmSync(join(dir, 'raw.db'), { force: true });
    source.close();
    log(`first sync: raw insert ${Math.round(raw)} rows/s (${rawS.toFixed(1)} s)`);

    log(`first sync: ${total} rows into an empty replica …`);
    const clean = await runChild(system.url, user, join(dir, 'clean.db'));
    const d = clean.done!;
    const cleanMismatch = mismatches(server, d);
    if (cleanMismatch.length) throw new Error(`the first sync ended unequal: ${cleanMismatch.join('; ')}`);
    rmSync(join(dir, 'clean.db'), { force: true });
    rmSync(join(dir, 'clean.db-wal'), { force: true });

    log('first sync: killed midway, then restarted …');
    const resumedFile = join(dir, 'resumed.db');
    const killed = await runChild(system.url, user, resumedFile, Math.floor(total / 2));
    const resumed = (await runChild(system.url, user, resumedFile)).done!;
    const resumedMismatch = mismatches(server, resumed);
    if (resumedMismatch.length) log(`first sync: the resumed sync ended unequal: ${resumedMismatch.join('; ')}`);
    // Resumed: it started from the rows it had (not from zero), fetched fewer than all of them,
    // and ended equal to the server.
    const ok = resumed.rowsBefore > 0 && resumed.pulled < total && resumedMismatch.length === 0;

    const rate = d.pulled / d.seconds;
    const name = leads >= 1_000_000 ? 'first_sync_1m_rows_per_s' : 'first_sync_rows_per_s';
    return {
      first_sync_leads: leads,
      first_sync_rows: d.pulled,
      [name]: Math.round(rate),
      first_sync_s: round(d.seconds, 1),
      first_sync_cpu_s: round(d.cpuS, 1),
      first_sync_peak_rss_mb: d.peakRssMb,
      first_sync_progress_reports: d.progressReports,
      first_sync_raw_insert_rows_per_s: Math.round(raw),
      first_sync_raw_insert_s: round(rawS, 1),
      first_sync_raw_insert_cpu_s: round((rawCpu.user + rawCpu.system) / 1e6, 1),
      first_sync_vs_raw_insert: round(rate / raw, 2),
      first_sync_killed_at_rows: killed.killedAt ?? 0,
      first_sync_resume_rows_before: resumed.rowsBefore,
      first_sync_resume_pulled: resumed.pulled,
      first_sync_resume_s: round(resumed.seconds, 1),
      first_sync_resume_peak_rss_mb: resumed.peakRssMb,
      first_sync_resumed: ok ? 1 : 0,
    };
  } finally {
    await system.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
