/** The shell's secret store over a cipher that stands in for safeStorage: nothing kept without a real keychain. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keychainProblem, type KeychainFacts } from '../../../electron/main/security/keychain';
import { SecretStore, type Cipher } from '../../../electron/main/shell/secret-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fieldline-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A reversible stand-in for the OS cipher, wired the way electron/main/index.ts wires safeStorage. */
function cipherOn(facts: KeychainFacts): Cipher {
  return {
    available: () => keychainProblem(facts) === null,
    problem: () => keychainProblem(facts),
    encrypt: (plain) => Buffer.from([...plain].reverse().join(''), 'utf8'),
    decrypt: (data) => [...data.toString('utf8')].reverse().join(''),
  };
}

describe('SecretStore', () => {
  it('keeps a secret encrypted with a real keyring and hands it back to the main process', () => {
    const file = join(dir, 'secrets.json');
    const store = new SecretStore(
      file,
      cipherOn({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'kwallet6' }),
    );
    expect(store.problem()).toBeNull();
    expect(store.set('ai_api_key', 'sk-live-123')).toEqual({ stored: true, encrypted: true });
    expect(readFileSync(file, 'utf8')).not.toContain('sk-live-123');
    expect(store.get('ai_api_key')).toBe('sk-live-123');
  });

  it('refuses to keep anything on the basic_text fallback, reads nothing back, and says why', () => {
    const file = join(dir, 'secrets.json');
    const good = new SecretStore(
      file,
      cipherOn({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'gnome_libsecret' }),
    );
    good.set('sync_token', 'tok-1');
    // the same file in a session where no keyring is unlocked
    const store = new SecretStore(
      file,
      cipherOn({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'basic_text' }),
    );
    expect(store.set('ai_api_key', 'sk-live-123')).toEqual({ stored: false, encrypted: false });
    expect(store.has('ai_api_key')).toBe(false);
    expect(store.get('sync_token')).toBeNull();
    expect(store.problem()).toMatch(/no keyring/);
    // clearing still works, so signing out is possible
    expect(store.set('sync_token', null)).toEqual({ stored: false, encrypted: true });
    expect(store.has('sync_token')).toBe(false);
  });
});
