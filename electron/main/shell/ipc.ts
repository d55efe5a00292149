import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Dispatch } from '../api/bus';
import { CHANNELS, type SecretName } from '../../preload/bridge';
import type { SecretStore } from './secret-store';
import { isTrustedUrl } from './trust';

// The sync token is not here: only sign-in (in the main process) writes it.
const SECRET_NAMES: readonly SecretName[] = ['ai_api_key'];
const untrusted = {
  ok: false as const,
  error: { code: 'forbidden' as const, message: 'this frame may not call the Fieldline API' },
};

/** Wires the preload's channels to the command bus and the secret store, for our own frames only. */
export function registerIpc(dispatch: Dispatch, secrets: SecretStore, origins: string[]) {
  const trusted = (event: IpcMainInvokeEvent) => isTrustedUrl(event.senderFrame?.url, origins);

  ipcMain.handle(CHANNELS.invoke, async (event, command: unknown, input: unknown) => {
    if (!trusted(event)) return untrusted;
    return dispatch(command, input);
  });
  ipcMain.handle(CHANNELS.secretSet, (event, name: unknown, value: unknown) => {
    if (!trusted(event)) return untrusted;
    if (!SECRET_NAMES.includes(name as SecretName))
      return { ok: false, error: { code: 'invalid_input', message: 'unknown secret', field: 'name' } };
    if (value !== null && (typeof value !== 'string' || value.length > 4096)) {
      return {
        ok: false,
        error: { code: 'invalid_input', message: 'a secret is a string of 4096 characters at most', field: 'value' },
      };
    }
    const result = secrets.set(name as string, value);
    if (value && !result.stored) {
      return {
        ok: false,
        error: {
          code: 'unavailable',
          message: secrets.problem() ?? 'this system has no keychain to encrypt secrets; nothing was stored',
        },
      };
    }
    return { ok: true, value: result };
  });
  ipcMain.handle(
    CHANNELS.secretHas,
    (event, name: unknown) =>
      trusted(event) && SECRET_NAMES.includes(name as SecretName) && secrets.has(name as string),
  );
}
