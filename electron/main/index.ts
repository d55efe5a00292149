// The Electron entry: only wiring. Everything with logic lives in plain Node modules
// (openApp and the command bus, shell/window-state, shell/secret-store, shell/trust).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, app, net, safeStorage } from 'electron';
import { openApp } from './app';
import { deepLinkInArgv, deepLinkRoute } from './security/deep-link';
import { keychainProblem } from './security/keychain';
import { registerIpc } from './shell/ipc';
import { offerRecovery, openOrRecover } from './shell/damaged-replica';
import { installMenu } from './shell/menu';
import { registerAppScheme, serveRenderer } from './shell/protocol';
import { SecretStore } from './shell/secret-store';
import { APP_ORIGIN, trustedOrigins } from './shell/trust';
import { createMainWindow, lockDownContents } from './shell/window';
import { CHANNELS } from '../preload/bridge';

const here = path.dirname(fileURLToPath(import.meta.url));
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const origins = trustedOrigins(devUrl);

const entryUrl = devUrl ?? `${APP_ORIGIN}/index.html`;

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

let win: BrowserWindow | null = null;
let open: ((route?: string) => void) | null = null;
/** A link that arrived before the window existed (the app was launched by it). */
let pendingRoute = deepLinkRoute(deepLinkInArgv(process.argv));

/** A fieldline:// link from outside: shown if it names a screen or record we know, otherwise ignored. */
function followLink(link: string | null) {
  const route = deepLinkRoute(link);
  if (link && !route) console.warn('Fieldline ignored a link it does not understand');
  if (!route) return;
  if (!win) {
    if (open) open(route);
    else pendingRoute = route;
    return;
  }
  // Same document, new hash: the renderer's router follows it without a reload.
  void win.loadURL(`${entryUrl}${route}`);
  if (win.isMinimized()) win.restore();
  win.focus();
}

app.on('web-contents-created', (_event, contents) => lockDownContents(contents, origins));
app.on('second-instance', (_event, argv) => {
  if (win?.isMinimized()) win.restore();
  win?.focus();
  followLink(deepLinkInArgv(argv));
});
// macOS hands links over here (it may do so before the app is ready).
app.on('open-url', (event, url) => {
  event.preventDefault();
  followLink(url);
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

void app.whenReady().then(async () => {
  // On Linux without a keyring safeStorage falls back to a built-in password: not a place for secrets.
  const keychain = () =>
    keychainProblem({
      platform: process.platform,
      encryptionAvailable: safeStorage.isEncryptionAvailable(),
      linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
    });
  const problem = keychain();
  if (problem) console.warn(problem);
  const secrets = new SecretStore(path.join(app.getPath('userData'), 'secrets.json'), {
    available: () => keychain() === null,
    problem: keychain,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  });
  const dbPath = process.env.FIELDLINE_DB ?? path.join(app.getPath('userData'), 'fieldline.db');
  const opened = await openOrRecover(dbPath, () =>
    openApp(dbPath, {
      // The key is read per AI call and never leaves the main process.
      getApiKey: async () => secrets.get('ai_api_key') ?? undefined,
      isOnline: () => net.isOnline(),
      // The whole file is checked in the background at every start, not only after a crash.
      backgroundCheck: 'always',
      renewalWork: true,
      // The learned lead score keeps up with new outcomes by itself.
      learnScores: true,
      // Notes, messages and tickets are embedded in the background for semantic search (when a model is set).
      semanticIndex: true,
      // The sync token too stays out of the replica file.
      tokenVault: {
        get: () => secrets.get('sync_token'),
        set: (token) => secrets.set('sync_token', token).stored === (token !== null && token !== ''),
      },
    }),
  );
  if (!opened) return app.quit();
  const services = opened;
  void services.integrity.then((damage) => damage && offerRecovery(dbPath, damage, services.close));
  // The replica's change feed, pushed to the window: its screens re-run the queries that read what changed.
  services.changes.subscribe((event) => {
    if (win && !win.isDestroyed()) win.webContents.send(CHANNELS.change, event);
  });
  services.startSync();
  registerIpc(services.dispatch, secrets, origins);
  serveRenderer(path.join(here, '../renderer'), services.downloads);
  installMenu(() => win);
  open = (route = '') => {
    win = createMainWindow({ preload: path.join(here, '../preload/index.cjs'), url: `${entryUrl}${route}`, origins });
    win.on('closed', () => (win = null));
  };
  open(pendingRoute ?? '');
  pendingRoute = null;
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open?.();
  });
  app.on('will-quit', () => services.close());
});
