/**
 * Whether Electron's safeStorage really encrypts with the OS keychain. On Linux without a
 * Secret Service (GNOME Keyring, KWallet) it falls back to "basic_text": isEncryptionAvailable()
 * still answers true, but the key is a constant compiled into Chromium, so a "secret" stored
 * that way can be read by anyone who copies the file. We refuse to keep secrets then.
 */
export interface KeychainFacts {
  platform: string;
  encryptionAvailable: boolean;
  /** safeStorage.getSelectedStorageBackend() on Linux; undefined elsewhere. */
  linuxBackend?: string;
}

/** Null when secrets can be kept; otherwise what is wrong and what to do, in plain words. */
export function keychainProblem(f: KeychainFacts): string | null {
  if (f.platform === 'linux' && (f.linuxBackend === 'basic_text' || f.linuxBackend === 'unknown')) {
    return 'This computer has no keyring unlocked (Electron would only obscure secrets with a built-in password), so Fieldline keeps no API key or sign-in on it. Install and unlock GNOME Keyring or KWallet, then restart Fieldline.';
  }
  if (!f.encryptionAvailable) {
    return 'The system keychain is not available, so Fieldline keeps no API key or sign-in on this computer. Unlock or set up the keychain, then restart Fieldline.';
  }
  return null;
}
