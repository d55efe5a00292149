import { API, type CommandName, type CommandOutput } from '../../../shared/api/contract';
import { AppError, type Result } from '../../../shared/errors';
import { invalidInput } from '../../../shared/mutations/execute';
import type { Handlers } from './handlers';

/**
 * The one typed command bus. Both transports (Electron IPC and the web host's HTTP) call
 * dispatch: the command name and input are untrusted, so both are checked here, and every
 * outcome is a Result — never a thrown error across the boundary.
 */
export function createDispatcher(handlers: Handlers, log: (msg: string, err: unknown) => void = console.error) {
  return async function dispatch(command: unknown, input: unknown): Promise<Result<unknown>> {
    if (typeof command !== 'string' || !Object.hasOwn(API, command)) {
      return { ok: false, error: { code: 'invalid_input', message: `unknown command: ${String(command).slice(0, 60)}` } };
    }
    const name = command as CommandName;
    const parsed = API[name].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error).toJSON() };
    try {
      const handler = handlers[name] as (args: unknown) => Promise<CommandOutput<CommandName>>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toJSON() };
      log(`command ${name} failed`, err);
      return { ok: false, error: { code: 'internal', message: 'something went wrong on this device; the error was logged' } };
    }
  };
}
export type Dispatch = ReturnType<typeof createDispatcher>;
