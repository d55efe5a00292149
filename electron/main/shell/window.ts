import path from 'node:path';
import { BrowserWindow, app, screen, shell, type WebContents } from 'electron';
import { isAllowedExternalUrl } from '../security/external-links';
import { devicePermissionAllowed, devToolsAllowed, permissionAllowed } from '../security/permissions';
import { loadWindowState, placeWindow, saveWindowState } from './window-state';
import { isTrustedUrl } from './trust';

/**
 * Every web contents we create: no navigation away from our origins, no new windows (https and
 * mailto links on the allowlist open in the system's apps), no <webview>, no permission beyond
 * the clipboard write of our own pages, no devices, and no DevTools in a packaged build.
 */
export function lockDownContents(contents: WebContents, origins: string[]) {
  const trusted = (url: string) => isTrustedUrl(url, origins);
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!trusted(url)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  const session = contents.session;
  session.setPermissionRequestHandler((wc, permission, callback, details) =>
    callback(permissionAllowed(permission, details.requestingUrl ?? wc.getURL(), trusted)),
  );
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    permissionAllowed(permission, requestingOrigin, trusted),
  );
  session.setDevicePermissionHandler(() => devicePermissionAllowed());
  if (!devToolsAllowed(app.isPackaged)) contents.on('devtools-opened', () => contents.closeDevTools());
}

export function createMainWindow(options: { preload: string; url: string; origins: string[] }) {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const placed = placeWindow(
    loadWindowState(stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...placed.bounds,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Fieldline',
    backgroundColor: '#f7f7f8',
    autoHideMenuBar: process.platform !== 'darwin',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
      devTools: devToolsAllowed(app.isPackaged),
      additionalArguments: [`--fieldline-version=${app.getVersion()}`],
    },
  });
  lockDownContents(win.webContents, options.origins);
  if (placed.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  const remember = () => {
    if (win.isDestroyed() || win.isMinimized()) return;
    saveWindowState(stateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  };
  let timer: NodeJS.Timeout | undefined;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(remember, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', remember);

  void win.loadURL(options.url);
  return win;
}
