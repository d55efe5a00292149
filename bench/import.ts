/**
 * Import and export figures: N client rows from a CSV through the importBatch mutation into a
 * fresh replica's outbox (import_N_s, peak RSS of the process doing it), then those clients
 * exported to CSV (export_clients_N_s) and scanned for duplicates (dedup_scan_clients_N_s). Runs
 * in a child process so its peak memory is its own. benchAgencyExport times the synthetic
 * agency's leads: exported to CSV (export_N_s) and their first full duplicate scan (dedup_scan_N_s).
 * `tsx bench/import.ts --child N DIR` is the child; benchImport() starts it.
 */
import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReplica, type ReplicaDb } from '../db/sqlite/open';
import { currentActor } from '../electron/main/actor';
import { scanDuplicates } from '../electron/main/dedup/scan';
import { exportList } from '../electron/main/export/export';
import { runImport } from '../electron/main/import/job';
import { log } from './stats';

/** Area codes in service, so every generated phone number is valid. */
const AREAS = [217, 312, 415, 212, 305, 713, 602, 404, 617, 206];

async function writeClients(path: string, n: number) {
  const out = createWriteStream(path);
  const states = ['IL', 'NY', 'CA', 'TX', 'FL'];
  let buf = 'Client #,First Name,Last Name,E-Mail,Phone,DOB,Street,City,State,Zip\n';
  for (let i = 1; i <= n; i++) {
    const phone = `(${AREAS[i % AREAS.length]}) ${200 + (Math.floor(i / 10_000) % 800)}-${String(i % 10_000).padStart(4, '0')}`;
    // Birth dates spread over 60 years, as in a real book (a few people share each date).
    const born = new Date(Date.UTC(1940, 0, 1) + ((i * 7919) % 21_900) * 86_400_000);
    const dob = `${born.getUTCMonth() + 1}/${born.getUTCDate()}/${born.getUTCFullYear()}`;
    buf += `C-${i},First${i},Last${i},client${i}@example.com,"${phone}",${dob},${i} Main St,Springfield,${states[i % 5]},${String(10000 + (i % 89999))}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

async function child(n: number, dir: string) {
  const csv = join(dir, 'clients.csv');
  await writeClients(csv, n);
  const db = openReplica(join(dir, 'replica.db'));
  const actor = currentActor(db);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await runImport({ db, actor: () => actor }, { kind: 'clients', file: csv, onDuplicate: 'create' });
  const importS = (performance.now() - t0) / 1000;
  // CPU seconds as well: on a shared machine the wall clock measures the neighbours too.
  const cpu = process.cpuUsage(cpu0);
  const importCpuS = (cpu.user + cpu.system) / 1e6;
  if (result.created !== n) throw new Error(`imported ${result.created} of ${n}: ${JSON.stringify(result)}`);
  const rss = process.resourceUsage().maxRSS / 1024;
  const t1 = performance.now();
  const exported = await exportList(db, 'clients', join(dir, 'out.csv'));
  const exportS = (performance.now() - t1) / 1000;
  if (exported.rows !== n) throw new Error(`exported ${exported.rows} of ${n}`);
  const t2 = performance.now();
  scanDuplicates(db, 'clients', { full: true });
  const dedupS = (performance.now() - t2) / 1000;
  db.close();
  process.stdout.write(`${JSON.stringify({ importS, importCpuS, rss, exportS, dedupS })}\n`);
}

export async function benchImport(n: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldline-bench-import-'));
  try {
    const stdout = await new Promise<string>((done, fail) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'import.ts'), '--child', String(n), dir],
        { maxBuffer: 1 << 20, timeout: 600_000 },
        (err, out, errOut) => (err ? fail(new Error(`${err.message}\n${errOut}`)) : done(out)),
      ),
    );
    const r = JSON.parse(stdout.trim().split('\n').pop()!) as {
      importS: number;
      importCpuS: number;
      rss: number;
      exportS: number;
      dedupS: number;
    };
    const k = n === 100_000 ? '100k' : String(n);
    return {
      [`import_${k}_s`]: Math.round(r.importS * 10) / 10,
      [`import_${k}_cpu_s`]: Math.round(r.importCpuS * 10) / 10,
      import_peak_rss_mb: Math.round(r.rss),
      [`export_clients_${k}_s`]: Math.round(r.exportS * 100) / 100,
      [`dedup_scan_clients_${k}_s`]: Math.round(r.dedupS * 100) / 100,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The agency replica's leads (every one, as the Leads export with no filter) to CSV, and their first full duplicate scan. */
export async function benchAgencyExport(db: ReplicaDb, leads: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldline-bench-export-'));
  try {
    const t0 = performance.now();
    const exported = await exportList(db, 'leads', join(dir, 'leads.csv'));
    const exportS = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const scan = scanDuplicates(db, 'leads', { full: true });
    const dedupS = (performance.now() - t1) / 1000;
    log(
      `agency export: ${exported.rows} leads in ${exportS.toFixed(2)} s; scan of ${scan.records} found ${scan.pairs.length} pairs`,
    );
    const k = leads === 100_000 ? '100k' : String(leads);
    return {
      [`export_${k}_s`]: Math.round(exportS * 100) / 100,
      [`dedup_scan_${k}_s`]: Math.round(dedupS * 100) / 100,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  child(Number(process.argv[3]), process.argv[4]!).catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
