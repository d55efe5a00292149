import { z } from 'zod';
import { recoverReplica } from '../../db/sqlite/recover';
import { dbOption, parseOptions } from '../args';

/**
 * `replica:recover --db FILE`: for a replica refused as empty or damaged. Keeps the file aside,
 * makes a new one that keeps the unsent changes and the sign-in; `sync` then brings the rest.
 */
export async function recoverCommand(argv: string[]) {
  const o = parseOptions(argv, z.object({ db: dbOption }));
  const recovery = recoverReplica(o.db);
  return { ...recovery, next: `npm run cli -- sync --db ${o.db} --server URL --once` };
}
