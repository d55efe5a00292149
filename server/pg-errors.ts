/**
 * Which failures of a mutation's transaction are the mutation's fault (answered `rejected`
 * and recorded, so a retry gets the same answer) and which are the server's (answered 500,
 * not recorded, so the client retries).
 */
import { AppError } from '../shared/errors';

interface PgError {
  code?: string;
  message?: string;
  table?: string;
  column?: string;
  constraint?: string;
}

const asPg = (err: unknown): PgError | undefined =>
  err &&
  typeof err === 'object' &&
  typeof (err as PgError).code === 'string' &&
  /^[0-9A-Z]{5}$/.test((err as PgError).code!)
    ? (err as PgError)
    : undefined;

/** Deterministic refusals: a retry would fail the same way. */
export function rejectionOf(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  // PgTx.update found no row it may change: row-level security hid it.
  if (err instanceof Error && err.message.startsWith('update of missing or inaccessible')) {
    return new AppError('forbidden', 'you may not change this record, or it does not exist');
  }
  const e = asPg(err);
  if (!e?.code) return undefined;
  const where = e.table ? ` (${e.table}${e.column ? `.${e.column}` : ''})` : '';
  switch (e.code) {
    case '42501': // insufficient_privilege, incl. "new row violates row-level security policy"
      return new AppError(
        'forbidden',
        `you may not make this change: it is outside the records you may access${where}`,
      );
    case '23505':
      // A primary key taken: the id is in use, perhaps by a record this user may not see.
      // Answered as an update of an unseen record is, so the answer never tells that it exists.
      // (Under row-level security Postgres leaves the key out of the error's detail; every
      // synced table's primary key is `id`.)
      if (e.constraint?.endsWith('_pkey')) {
        return new AppError(
          'not_found',
          `id: there is no ${e.table ?? 'such'} record with this id that you may change`,
          'id',
        );
      }
      return new AppError(
        'conflict',
        `a record with the same unique value already exists${e.constraint ? ` (${e.constraint})` : ''}`,
      );
    case '23503':
      return new AppError(
        'not_found',
        `the change refers to a record that does not exist or is still in use${e.constraint ? ` (${e.constraint})` : ''}`,
      );
    case '23502':
      return new AppError('invalid_input', `a required value is missing${where}`, e.column);
    case '23514':
    case '23P01':
      return new AppError(
        'invalid_input',
        `the change breaks a rule of the data${e.constraint ? ` (${e.constraint})` : ''}`,
      );
  }
  // Class 22: data exceptions (text too long, number out of range, bad date, bad JSON…).
  if (e.code.startsWith('22')) return new AppError('invalid_input', `a value cannot be stored: ${e.message ?? e.code}`);
  return undefined;
}
