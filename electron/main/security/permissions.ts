/**
 * What web contents may ask of Chromium. Deny by default: the CRM needs no camera, microphone,
 * location, MIDI, HID, serial or USB device. The exceptions, for our own pages only: writing to
 * the clipboard (the "Copy" button on an AI draft) and notifications (task reminders on the desktop).
 */
const GRANTED_TO_OUR_PAGES: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'notifications']);

/** For setPermissionRequestHandler and setPermissionCheckHandler alike. */
export function permissionAllowed(
  permission: string,
  requestingUrl: string,
  trusted: (url: string) => boolean,
): boolean {
  return GRANTED_TO_OUR_PAGES.has(permission) && trusted(requestingUrl);
}

/** For setDevicePermissionHandler (WebHID, Web Serial, WebUSB): never. */
export function devicePermissionAllowed(): boolean {
  return false;
}

/** DevTools are for development: a packaged build has none (no menu item, no shortcut, no window). */
export function devToolsAllowed(isPackaged: boolean): boolean {
  return !isPackaged;
}
