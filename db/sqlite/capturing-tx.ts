import type { TableName } from '../../shared/model/catalogue';
import { shadows } from './sync-state';
import { SqliteTx } from './tx';

/**
 * The transaction local mutations run in. Before a mutation first changes a row, the row as
 * the server last gave it (or its absence) is kept in sync_shadows, so a rebase can undo all
 * pending local work exactly, apply the server's changes, and replay the work on top.
 */
export class CapturingTx extends SqliteTx {
  protected override beforeWrite(table: TableName, id: string): void {
    const current = this.stmt(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
    shadows.keep(this.db, table, id, current ? JSON.stringify(current) : null);
  }
}
