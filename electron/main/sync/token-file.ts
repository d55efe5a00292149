/**
 * The CLI's token vault: a 0600 file beside the replica (`<replica>.token`). The desktop app
 * keeps its token in the OS keychain (the shell's safeStorage); the headless CLI has none, and
 * the replica file is the one thing that must not hold a bearer token: it is copied, backed up
 * and opened with any SQLite tool.
 */
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from '../../../db/sqlite/replica-file';
import type { TokenVault } from './session';

export const tokenFileOf = (replicaPath: string) => `${replicaPath}.token`;

export function fileTokenVault(replicaPath: string): TokenVault {
  const file = tokenFileOf(replicaPath);
  return {
    get() {
      if (!existsSync(file)) return null;
      // A token file others can read may have been copied: not used, so the person signs in again.
      if ((statSync(file).mode & 0o077) !== 0) return null;
      return readFileSync(file, 'utf8').trim() || null;
    },
    set(token) {
      if (token === null) {
        rmSync(file, { force: true });
        return true;
      }
      // Written whole under another name, then renamed: a crash never leaves half a token.
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, token, { mode: PRIVATE_FILE_MODE });
      chmodSync(temp, PRIVATE_FILE_MODE);
      renameSync(temp, file);
      return true;
    },
  };
}
