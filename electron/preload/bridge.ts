import type { CommandInput, CommandName, CommandOutput } from '../../shared/api/contract';
import type { Result } from '../../shared/errors';
import type { ChangeEvent } from '../../shared/api/changes';

/** Names of the secrets the main process keeps (encrypted with safeStorage); never readable back. */
export type SecretName = 'ai_api_key';

/** Actions the native menu sends to the page (the page owns navigation and dialogs). */
export type MenuCommand =
  'new-lead' | 'search' | 'go-today' | 'go-leads' | 'go-dashboard' | 'go-settings' | 'shortcuts';

/**
 * The one object the preload exposes as `window.fieldline`. The renderer reaches the main
 * process only through it: no ipcRenderer, no Node.
 */
export interface FieldlineBridge {
  invoke<C extends CommandName>(command: C, input: CommandInput<C>): Promise<Result<CommandOutput<C>>>;
  secrets: {
    set(name: SecretName, value: string | null): Promise<Result<{ stored: boolean; encrypted: boolean }>>;
    has(name: SecretName): Promise<boolean>;
  };
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** The replica's change events (tables written, and by whom): screens re-run the queries that read them. */
  onChange(listener: (event: ChangeEvent) => void): () => void;
  platform: string;
  versions: { app: string; electron: string; chrome: string };
}

/** IPC channel names, shared by the preload and the shell. */
export const CHANNELS = {
  invoke: 'fieldline:invoke',
  secretSet: 'fieldline:secret-set',
  secretHas: 'fieldline:secret-has',
  menu: 'fieldline:menu',
  change: 'fieldline:change',
} as const;
