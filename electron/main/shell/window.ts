import path from 'node:path';
import { BrowserWindow, app, screen, shell, type WebContents } from 'electron';
import { loadWindowState, placeWindow, saveWindowState } from './window-state';
import { isTrustedUrl } from './trust';

/**
 * Every web contents we create: no navigation away from our origins, no new windows (http(s)
 * links open in the system browser), no <webview>, no permission prompts.
 */
export function lockDownContents(contents: WebContents, origins: string[]) {
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!isTrustedUrl(url, origins)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
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
