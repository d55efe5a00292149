import { readFileSync, writeFileSync, renameSync } from 'node:fs';

/** The OS-backed cipher (Electron's safeStorage in the shell); injected so this file stays plain Node. */
export interface Cipher {
  available(): boolean;
  /** Why secrets cannot be kept, in words for the user (null when they can); see security/keychain.ts. */
  problem?(): string | null;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

/**
 * Secrets (AI key, sync token) kept only in the main process, encrypted at rest with the OS
 * keychain. The renderer may set or clear one and ask whether it is set; it never reads one.
 * Without an OS keychain nothing is stored: we refuse rather than keep a secret in plain text.
 */
export class SecretStore {
  constructor(
    private readonly file: string,
    private readonly cipher: Cipher,
  ) {}

  private readAll(): Record<string, string> {
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  private writeAll(all: Record<string, string>) {
    writeFileSync(`${this.file}.tmp`, JSON.stringify(all), { mode: 0o600 });
    renameSync(`${this.file}.tmp`, this.file);
  }

  set(name: string, value: string | null): { stored: boolean; encrypted: boolean } {
    const all = this.readAll();
    if (value === null || value === '') {
      delete all[name];
      this.writeAll(all);
      return { stored: false, encrypted: true };
    }
    if (!this.cipher.available()) return { stored: false, encrypted: false };
    all[name] = this.cipher.encrypt(value).toString('base64');
    this.writeAll(all);
    return { stored: true, encrypted: true };
  }

  /** Null when secrets can be kept here; otherwise the reason, to tell the user. */
  problem(): string | null {
    const said = this.cipher.problem?.() ?? null;
    if (said) return said;
    return this.cipher.available() ? null : 'This computer has no keychain to encrypt secrets; nothing was stored.';
  }

  has(name: string): boolean {
    return Object.hasOwn(this.readAll(), name);
  }

  /** For main-process services only (the AI broker, the sync pusher). */
  get(name: string): string | null {
    const value = this.readAll()[name];
    if (!value || !this.cipher.available()) return null;
    try {
      return this.cipher.decrypt(Buffer.from(value, 'base64'));
    } catch {
      return null;
    }
  }
}
