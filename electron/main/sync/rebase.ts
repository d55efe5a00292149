import type { Database } from 'better-sqlite3';
import type { TableName } from '../../../shared/model/catalogue';
import type { Actor } from '../../../shared/mutations/define';
import { executeMutation } from '../../../shared/mutations/execute';
import { CapturingTx } from '../../../db/sqlite/capturing-tx';
import { deleteRow, upsertRaw, type RawRow } from './rows';

interface Shadow {
  table_name: TableName;
  row_id: string;
  data: string | null;
}

export function shadows(db: Database): Shadow[] {
  return db.prepare('SELECT table_name, row_id, data FROM sync_shadows').all() as Shadow[];
}

/** Puts every row a pending mutation touched back to the server's version, and forgets the shadows. */
export function restoreShadows(db: Database) {
  for (const s of shadows(db)) {
    if (s.data === null) deleteRow(db, s.table_name, s.row_id);
    else upsertRaw(db, s.table_name, JSON.parse(s.data) as RawRow);
  }
  db.prepare('DELETE FROM sync_shadows').run();
}

/** Mutations still to be reflected by the server: pending, sent, or confirmed but not yet seen. */
export function unsettled(db: Database) {
  return db
    .prepare(
      `SELECT seq, id, name, args, created_at FROM outbox WHERE status IN ('pending', 'sent', 'confirmed') ORDER BY seq`,
    )
    .all() as Array<{ seq: number; id: string; name: string; args: string; created_at: string }>;
}

/**
 * Runs the unsettled mutations again, in order, on top of the server's state (shadows are
 * captured afresh). A mutation that no longer applies here (someone else converted the lead
 * first) leaves no local effect; it stays queued, and the server's answer decides its fate.
 * Runs inside the caller's transaction; the mutators' awaits resolve synchronously on SQLite.
 */
export async function replayUnsettled(db: Database, actor: Actor): Promise<number> {
  let failed = 0;
  for (const m of unsettled(db)) {
    db.exec('SAVEPOINT replay');
    try {
      await executeMutation(new CapturingTx(db), m.name, JSON.parse(m.args), {
        actor,
        now: m.created_at,
        side: 'replica',
      });
      db.exec('RELEASE replay');
      db.prepare('UPDATE outbox SET error = NULL WHERE seq = ? AND error IS NOT NULL').run(m.seq);
    } catch (err) {
      db.exec('ROLLBACK TO replay');
      db.exec('RELEASE replay');
      db.prepare('UPDATE outbox SET error = ? WHERE seq = ?').run(
        `no longer applies on this device: ${(err as Error).message}`,
        m.seq,
      );
      failed++;
    }
  }
  return failed;
}
