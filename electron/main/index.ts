// The Electron entry: only wiring. Everything with logic lives in plain Node modules
// (openApp and the command bus, shell/window-state, shell/secret-store, shell/trust).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, app, net, safeStorage } from 'electron';
import { openApp } from './app';
import { registerIpc } from './shell/ipc';
import { installMenu } from './shell/menu';
import { registerAppScheme, serveRenderer } from './shell/protocol';
import { SecretStore } from './shell/secret-store';
import { APP_ORIGIN, trustedOrigins } from './shell/trust';
import { createMainWindow, lockDownContents } from './shell/window';
import { CHANNELS } from '../preload/bridge';

const here = path.dirname(fileURLToPath(import.meta.url));
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const origins = trustedOrigins(devUrl);

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

let win: BrowserWindow | null = null;

app.on('web-contents-created', (_event, contents) => lockDownContents(contents, origins));
app.on('second-instance', () => {
  if (win?.isMinimized()) win.restore();
  win?.focus();
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

void app.whenReady().then(() => {
  const secrets = new SecretStore(path.join(app.getPath('userData'), 'secrets.json'), {
    available: () => safeStorage.isEncryptionAvailable(),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  });
  const services = openApp(process.env.FIELDLINE_DB ?? path.join(app.getPath('userData'), 'fieldline.db'), {
    // The key is read per AI call and never leaves the main process.
    getApiKey: async () => secrets.get('ai_api_key') ?? undefined,
    isOnline: () => net.isOnline(),
    // The sync token too stays out of the replica file.
    tokenVault: {
      get: () => secrets.get('sync_token'),
      set: (token) => secrets.set('sync_token', token).stored === (token !== null && token !== ''),
    },
  });
  // The replica's change feed, pushed to the window: its screens re-run the queries that read what changed.
  services.changes.subscribe((event) => {
    if (win && !win.isDestroyed()) win.webContents.send(CHANNELS.change, event);
  });
  services.startSync();
  registerIpc(services.dispatch, secrets, origins);
  serveRenderer(path.join(here, '../renderer'));
  installMenu(() => win);
  const open = () => {
    win = createMainWindow({
      preload: path.join(here, '../preload/index.cjs'),
      url: devUrl ?? `${APP_ORIGIN}/index.html`,
      origins,
    });
    win.on('closed', () => (win = null));
  };
  open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  app.on('will-quit', () => services.close());
});
