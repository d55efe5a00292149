import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ChangeEvent } from '../../shared/api/changes';
import { CHANNELS, type FieldlineBridge, type MenuCommand } from './bridge';

// Sandboxed preload: bundled to one CommonJS file; only 'electron' is available here.
const versionArg = process.argv.find((a) => a.startsWith('--fieldline-version='));

const bridge = {
  invoke: (command, input) => ipcRenderer.invoke(CHANNELS.invoke, command, input),
  secrets: {
    set: (name, value) => ipcRenderer.invoke(CHANNELS.secretSet, name, value),
    has: (name) => ipcRenderer.invoke(CHANNELS.secretHas, name),
  },
  onMenuCommand(listener) {
    const handler = (_event: IpcRendererEvent, command: MenuCommand) => listener(command);
    ipcRenderer.on(CHANNELS.menu, handler);
    return () => {
      ipcRenderer.off(CHANNELS.menu, handler);
    };
  },
  onChange(listener) {
    const handler = (_event: IpcRendererEvent, change: ChangeEvent) => listener(change);
    ipcRenderer.on(CHANNELS.change, handler);
    return () => {
      ipcRenderer.off(CHANNELS.change, handler);
    };
  },
  platform: process.platform,
  versions: {
    app: versionArg ? versionArg.slice('--fieldline-version='.length) : 'dev',
    electron: process.versions.electron ?? '',
    chrome: process.versions.chrome ?? '',
  },
} satisfies FieldlineBridge;

contextBridge.exposeInMainWorld('fieldline', bridge);
