import { Menu, app, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { CHANNELS, type MenuCommand } from '../../preload/bridge';
import { devToolsAllowed } from '../security/permissions';

/** The native menu. Items that act on the page send a MenuCommand; the page does the rest. */
export function installMenu(getWindow: () => BrowserWindow | null) {
  const send = (command: MenuCommand) => () => getWindow()?.webContents.send(CHANNELS.menu, command);
  const mac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Lead', accelerator: 'CmdOrCtrl+N', click: send('new-lead') },
        { type: 'separator' },
        { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: send('go-settings') },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&Go',
      submenu: [
        { label: 'Search…', accelerator: 'CmdOrCtrl+K', click: send('search') },
        { type: 'separator' },
        { label: 'Today', accelerator: 'CmdOrCtrl+1', click: send('go-today') },
        { label: 'Leads', accelerator: 'CmdOrCtrl+2', click: send('go-leads') },
        { label: 'Dashboard', accelerator: 'CmdOrCtrl+7', click: send('go-dashboard') },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        ...(devToolsAllowed(app.isPackaged) ? [{ role: 'toggleDevTools' as const }] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/', click: send('shortcuts') },
        { label: `About Fieldline ${app.getVersion()}`, click: () => app.showAboutPanel() },
        { label: 'Open Data Folder', click: () => void shell.openPath(app.getPath('userData')) },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
