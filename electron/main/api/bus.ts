import { API, type CommandName, type CommandOutput } from '../../../shared/api/contract';
import { AppError, type Result } from '../../../shared/errors';
import { invalidInput } from '../../../shared/mutations/execute';
import { storageError } from '../../../db/sqlite/replica-file';
import type { Handlers } from './handlers';

/**
 * The largest input a command takes, as JSON characters. Every field has its own limit, but a
 * few hold free-form JSON (metadata), so the bus bounds the whole input: half the web host's
 * body limit, and the same for IPC, which has none of its own.
 */
export const MAX_INPUT_CHARS = 512 * 1024;

/** The input's size as JSON, or null when it is not plain data (cycles, BigInt …). */
function jsonSize(input: unknown): number | null {
  try {
    return JSON.stringify(input)?.length ?? 0;
  } catch {
    return null;
  }
}

/**
 * The one typed command bus. Both transports (Electron IPC and the web host's HTTP) call
 * dispatch: the command name and input are untrusted, so both are checked here, and every
 * outcome is a Result — never a thrown error across the boundary.
 */
export function createDispatcher(handlers: Handlers, log: (msg: string, err: unknown) => void = console.error) {
  return async function dispatch(command: unknown, input: unknown): Promise<Result<unknown>> {
    if (typeof command !== 'string' || !Object.hasOwn(API, command)) {
      // Not String(command): an object without a prototype (or a hostile toString) would throw.
      const shown =
        typeof command === 'string'
          ? command.slice(0, 60)
          : `a value of type ${command === null ? 'null' : typeof command}`;
      return { ok: false, error: { code: 'invalid_input', message: `unknown command: ${shown}` } };
    }
    const name = command as CommandName;
    const size = jsonSize(input);
    if (size === null)
      return { ok: false, error: { code: 'invalid_input', message: 'the input is not plain JSON data' } };
    if (size > MAX_INPUT_CHARS) {
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `the input is too large (${MAX_INPUT_CHARS / 1024} KB of JSON at most)`,
        },
      };
    }
    const parsed = API[name].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error).toJSON() };
    try {
      const handler = handlers[name] as (args: unknown) => Promise<CommandOutput<CommandName>>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toJSON() };
      // A full disk or a damaged file is said plainly: the person can act on it, it is no bug.
      const storage = storageError(err);
      if (storage) return { ok: false, error: storage.toJSON() };
      log(`command ${name} failed`, err);
      return {
        ok: false,
        error: { code: 'internal', message: 'something went wrong on this device; the error was logged' },
      };
    }
  };
}
export type Dispatch = ReturnType<typeof createDispatcher>;
