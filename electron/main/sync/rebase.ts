import type { Database } from 'better-sqlite3';
import type { TableName } from '../../../shared/model/catalogue';
import type { Actor } from '../../../shared/mutations/define';
import { executeMutation } from '../../../shared/mutations/execute';
import { CapturingTx } from '../../../db/sqlite/capturing-tx';
import { noteWrite } from '../../../db/sqlite/change-feed';
import { outbox, shadows } from '../../../db/sqlite/sync-state';
import { deleteRow, upsertRaw, type RawRow } from './rows';

/** Puts every row a pending mutation touched back to the server's version, and forgets the shadows. */
export function restoreShadows(db: Database) {
  for (const s of shadows.all(db)) {
    const table = s.table_name as TableName;
    if (s.data === null) deleteRow(db, table, s.row_id);
    else upsertRaw(db, table, JSON.parse(s.data) as RawRow);
    noteWrite(db, table);
  }
  shadows.clear(db);
}

/**
 * Runs the unsettled mutations again, in order, on top of the server's state (shadows are
 * captured afresh). A mutation that no longer applies here (someone else converted the lead
 * first) leaves no local effect; it stays queued, and the server's answer decides its fate.
 * Runs inside the caller's transaction; the mutators' awaits resolve synchronously on SQLite.
 */
export async function replayUnsettled(db: Database, actor: Actor): Promise<number> {
  let failed = 0;
  for (const m of outbox.unsettled(db)) {
    db.exec('SAVEPOINT replay');
    try {
      await executeMutation(new CapturingTx(db), m.name, JSON.parse(m.args), {
        actor,
        now: m.created_at,
        side: 'replica',
      });
      db.exec('RELEASE replay');
      outbox.setReplayError(db, m.seq, null);
    } catch (err) {
      db.exec('ROLLBACK TO replay');
      db.exec('RELEASE replay');
      outbox.setReplayError(db, m.seq, `no longer applies on this device: ${(err as Error).message}`);
      failed++;
    }
  }
  return failed;
}
