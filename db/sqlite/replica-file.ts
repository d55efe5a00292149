/**
 * The replica file as a file: who may read it, whether it is whole, and what a failed write
 * means. A replica holds the agency's clients and leads, so it and its WAL are the owner's
 * alone (0600); an empty or damaged one is refused with a message that says what to do, never
 * silently replaced; a full disk is said plainly.
 */
import { chmodSync, closeSync, existsSync, openSync, renameSync, statSync } from 'node:fs';
import { AppError } from '../../shared/errors';

/** Owner read/write only. */
export const PRIVATE_FILE_MODE = 0o600;

const SIDE_FILES = ['-wal', '-shm', '-journal'];

export const isFileReplica = (path: string) => path !== '' && path !== ':memory:' && !path.startsWith('file:');

/**
 * Before opening: refuses an empty file (a cut-short write, not a replica), creates a missing
 * one as 0600 and takes group/other access away from an existing one and its side files.
 * Returns whether a WAL was left behind (a crash, or another process has the file open).
 */
export function prepareReplicaFile(path: string): { walLeftBehind: boolean } {
  if (!existsSync(path)) {
    // Created here, private from its first byte; SQLite gives the WAL the same mode.
    closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
    chmodSync(path, PRIVATE_FILE_MODE); // the umask may have taken bits away, never added: make it exact
    return { walLeftBehind: false };
  }
  if (statSync(path).size === 0) throw damaged(path, 'is empty (0 bytes)');
  for (const file of [path, ...SIDE_FILES.map((s) => path + s)]) {
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE_FILE_MODE);
  }
  const wal = `${path}-wal`;
  return { walLeftBehind: existsSync(wal) && statSync(wal).size > 0 };
}

/** The side files SQLite made after open (WAL, shared memory) get the same private mode. */
export function privateSideFiles(path: string) {
  for (const file of SIDE_FILES.map((s) => path + s)) {
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE_FILE_MODE);
  }
}

/**
 * The error for a replica that cannot be used as it is; says how to start again without losing
 * work. `found`: what was found wrong, e.g. `is empty (0 bytes)`; `whileOpen`: found by the
 * background check, with the replica already in use (so it was opened, but should be recovered).
 */
export function damaged(path: string, found: string, whileOpen = false): AppError {
  const first = (found.split('\n')[0] ?? found).slice(0, 200);
  return new AppError(
    'replica_damaged',
    `the replica file ${path} ${first}` +
      (whileOpen ? '; changes made now may not be kept. ' : ', so it was not opened and nothing in it was changed. ') +
      `Recover it: the damaged file is kept aside, a new replica keeps the changes not yet sent (when they can still be read) ` +
      `and the next sync brings everything else back from the agency server` +
      ` (CLI: npm run cli -- replica:recover --db ${path}).`,
  );
}

/** SQLite result codes (better-sqlite3's `code`) and Node errnos that mean the disk is full. */
const FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
const UNREADABLE = new Set(['SQLITE_CANTOPEN', 'SQLITE_READONLY', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR']);
const CORRUPT = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE']);

/**
 * A storage failure as an error a person can act on, or null when `err` is not one.
 * SQLite rolls the failed statement's transaction back, so a full disk loses only the change
 * being made; everything committed before it is still in the file.
 */
export function storageError(err: unknown, path = 'the replica'): AppError | null {
  if (err instanceof AppError) return null;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (FULL.has(code)) {
    return new AppError(
      'disk_full',
      'the disk is full, so this change was not saved; everything saved before it is safe. Free some disk space and try again.',
    );
  }
  if (CORRUPT.has(code)) return damaged(path, 'is damaged (SQLite reports it malformed)');
  if (UNREADABLE.has(code)) {
    return new AppError(
      'precondition_failed',
      `the replica file ${path} cannot be opened for reading and writing (${code}): check that it is a file, that its folder exists and that this user owns it. Nothing was changed.`,
    );
  }
  return null;
}

/** Moves a replica file and its side files aside as `<path>.damaged-<time>`; returns the new name. */
export function moveAside(path: string, now = new Date()): string {
  const aside = `${path}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, aside);
  for (const suffix of SIDE_FILES) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  return aside;
}
