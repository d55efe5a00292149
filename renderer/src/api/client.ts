import type { CommandInput, CommandName, CommandOutput } from '../../../shared/api/contract';
import type { Result } from '../../../shared/errors';
import type { FieldlineBridge } from '../../../electron/preload/bridge';

declare global {
  interface Window {
    fieldline?: FieldlineBridge;
  }
}

/** The Electron preload's bridge, when the page runs in the desktop app. */
export const bridge: FieldlineBridge | undefined = typeof window !== 'undefined' ? window.fieldline : undefined;

async function overHttp(command: string, input: unknown): Promise<Result<unknown>> {
  try {
    const res = await fetch(`/api/${encodeURIComponent(command)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
    const body = (await res.json()) as Result<unknown>;
    if (body && typeof body === 'object' && 'ok' in body) return body;
    return { ok: false, error: { code: 'internal', message: `unexpected answer from the host (${res.status})` } };
  } catch {
    return {
      ok: false,
      error: { code: 'unavailable', message: 'cannot reach the Fieldline host; is it still running?' },
    };
  }
}

/**
 * The one way the renderer talks to the main process: the preload bridge in Electron, else
 * HTTP to the web host. Always resolves with a Result; never throws.
 */
export async function call<C extends CommandName>(
  command: C,
  input: CommandInput<C>,
): Promise<Result<CommandOutput<C>>> {
  if (bridge) {
    try {
      return await bridge.invoke(command, input);
    } catch {
      return { ok: false, error: { code: 'unavailable', message: 'the app did not answer; try again' } };
    }
  }
  return (await overHttp(command, input)) as Result<CommandOutput<C>>;
}
