/** Error codes a person (or the UI) can act on. */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'forbidden'
  | 'precondition_failed'
  | 'conflict'
  | 'unavailable'
  /** The disk holding the replica is full: nothing of the change was saved, nothing before it was lost. */
  | 'disk_full'
  /** The replica file is empty, unreadable or fails its check; it can be re-made from the server. */
  | 'replica_damaged'
  | 'internal';

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  /** The input field the error is about, as a dotted path (e.g. `auto_data.vehicles[0].vin`). */
  field?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
  toJSON(): AppErrorShape {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/** Zod-style issue paths as `a.b[0].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
}
