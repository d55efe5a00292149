import { AppError } from '../../shared/errors';
import { uuidv7 } from '../../shared/ids';
import type { Actor } from '../../shared/mutations/define';
import { executeMutation } from '../../shared/mutations/execute';
import type { ReplicaDb } from './open';
import { CapturingTx } from './capturing-tx';
import { changeFeed } from './change-feed';
import { outbox } from './sync-state';

export interface MutationRecord {
  id: string;
  name: string;
  args: Record<string, unknown>;
  createdAt: string;
}

/** SQLite's constraint errors, told as input errors rather than crashes. */
export function mapSqliteError(err: unknown): unknown {
  const e = err as { code?: string; message?: string };
  if (typeof e?.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT')) {
    const name = /CHECK constraint failed: (\w+)/.exec(e.message ?? '')?.[1];
    return new AppError(
      'invalid_input',
      name ? `the change breaks the rule ${name}` : `the change breaks a data rule: ${e.message}`,
    );
  }
  return err;
}

/**
 * The replica's one writer. Mutations run one at a time; each runs in its own SQLite
 * transaction together with its outbox entry, so a change and the record of it to sync
 * are never separated.
 */
export class ReplicaWriter {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: ReplicaDb,
    private readonly actor: () => Actor,
  ) {}

  mutate(name: string, input: unknown, options: { id?: string; createdAt?: string } = {}) {
    return this.exclusive(() => this.runNow(name, input, options)).then((r) => {
      this.onCommit?.();
      return r;
    });
  }

  /** Called after each committed mutation (the sync engine pushes soon after). */
  onCommit?: () => void;

  /** Runs work that writes the replica (a sync batch) in turn with the mutations. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow(name: string, input: unknown, options: { id?: string; createdAt?: string }) {
    const createdAt = options.createdAt ?? new Date().toISOString();
    const id = options.id ?? uuidv7();
    const tx = new CapturingTx(this.db);
    try {
      // One change event after the commit, naming the tables the mutation and its outbox entry wrote.
      return await changeFeed(this.db).transaction('local', async () => {
        const { args, result } = await executeMutation(tx, name, input, {
          actor: this.actor(),
          now: createdAt,
          side: 'replica',
        });
        outbox.add(this.db, { id, name, args, createdAt });
        return { mutation: { id, name, args, createdAt } satisfies MutationRecord, result, touched: tx.touched };
      });
    } catch (err) {
      throw mapSqliteError(err);
    }
  }
}
