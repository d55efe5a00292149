/** The shell's security decisions, as plain functions: external links, permissions, deep links, the keychain. */
import { describe, expect, it } from 'vitest';
import { deepLinkInArgv, deepLinkRoute } from '../../../electron/main/security/deep-link';
import { isAllowedExternalUrl } from '../../../electron/main/security/external-links';
import { keychainProblem } from '../../../electron/main/security/keychain';
import {
  devicePermissionAllowed,
  devToolsAllowed,
  permissionAllowed,
} from '../../../electron/main/security/permissions';
import { isTrustedUrl, trustedOrigins } from '../../../electron/main/shell/trust';

describe('openExternal allowlist', () => {
  it('opens https pages on named hosts and mailto addresses', () => {
    for (const url of [
      'https://www.progressive.com/claims/',
      'https://docs.fieldline.app/help#ai',
      'mailto:maria@example.com',
      'mailto:maria@example.com?subject=Your%20quote',
    ])
      expect(isAllowedExternalUrl(url), url).toBe(true);
  });

  it('refuses every other scheme, local hosts, credentials, ports and junk', () => {
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'javascript:alert(1)',
      'fieldline://app/index.html',
      'vscode://file/x',
      'https://localhost/',
      'https://127.0.0.1/',
      'https://[::1]/',
      'https://router/',
      'https://printer.local/',
      'https://bank.com@evil.example/',
      'https://example.com:8443/',
      'mailto:',
      'mailto:not-an-address',
      'not a url',
      `https://example.com/${'a'.repeat(3000)}`,
    ])
      expect(isAllowedExternalUrl(url), url).toBe(false);
  });
});

describe('permissions', () => {
  const origins = trustedOrigins(undefined);
  const trusted = (url: string) => isTrustedUrl(url, origins);

  it('deny by default; our pages may only write to the clipboard and show notifications (task reminders)', () => {
    expect(permissionAllowed('clipboard-sanitized-write', 'fieldline://app/index.html', trusted)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'fieldline://app', trusted)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'https://evil.example/', trusted)).toBe(false);
    expect(permissionAllowed('notifications', 'fieldline://app/index.html', trusted)).toBe(true);
    expect(permissionAllowed('notifications', 'https://evil.example/', trusted)).toBe(false);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'hid', 'fullscreen'])
      expect(permissionAllowed(p, 'fieldline://app/index.html', trusted), p).toBe(false);
    expect(devicePermissionAllowed()).toBe(false);
  });

  it('DevTools exist only outside a packaged build', () => {
    expect(devToolsAllowed(true)).toBe(false);
    expect(devToolsAllowed(false)).toBe(true);
  });
});

describe('fieldline:// links', () => {
  const id = '01950000-0000-7000-8000-0000000000AB';

  it('become a lead, a client or a screen of the app', () => {
    expect(deepLinkRoute(`fieldline://open/leads/${id}`)).toBe(`#/leads/${id.toLowerCase()}`);
    expect(deepLinkRoute(`fieldline://open/clients/${id}/`)).toBe(`#/clients/${id.toLowerCase()}`);
    expect(deepLinkRoute('fieldline://open/today')).toBe('#/today');
    expect(deepLinkRoute('FIELDLINE://OPEN/settings')).toBe('#/settings');
  });

  it('are ignored in every other form', () => {
    for (const link of [
      'fieldline://app/index.html',
      'fieldline://open/leads/not-a-uuid',
      `fieldline://open/leads/${id}/edit`,
      `fieldline://open/leads/${id}?delete=1`,
      `fieldline://open/leads/${id}#x`,
      'fieldline://open/secrets',
      'fieldline://user:pw@open/today',
      'fieldline://open:99/today',
      'fieldline://open/',
      'https://open/today',
      `fieldline://open/leads/${'0'.repeat(300)}`,
      '',
      null,
      42,
    ])
      expect(deepLinkRoute(link), String(link)).toBeNull();
  });

  it('are found in a command line (Windows and Linux)', () => {
    expect(deepLinkInArgv(['/opt/Fieldline/fieldline', '--no-sandbox', 'fieldline://open/today'])).toBe(
      'fieldline://open/today',
    );
    expect(deepLinkInArgv(['/opt/Fieldline/fieldline'])).toBeNull();
  });
});

describe('the keychain behind safeStorage', () => {
  it('is refused on Linux when it falls back to basic_text, and said plainly', () => {
    const problem = keychainProblem({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'basic_text' });
    expect(problem).toMatch(/no keyring/);
    expect(problem).toMatch(/GNOME Keyring or KWallet/);
    expect(keychainProblem({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'unknown' })).not.toBeNull();
  });

  it('is accepted with a real keyring, and on macOS and Windows when encryption is available', () => {
    for (const linuxBackend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'])
      expect(keychainProblem({ platform: 'linux', encryptionAvailable: true, linuxBackend })).toBeNull();
    expect(keychainProblem({ platform: 'darwin', encryptionAvailable: true })).toBeNull();
    expect(keychainProblem({ platform: 'win32', encryptionAvailable: true })).toBeNull();
    expect(keychainProblem({ platform: 'win32', encryptionAvailable: false })).toMatch(/keychain is not available/);
  });
});
