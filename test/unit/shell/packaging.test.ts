/** The packaging configuration, read and validated by electron-builder's own loader: the fuses a release must have. */
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;

describe('electron-builder.yml', () => {
  it('is a valid electron-builder configuration whose fuses turn off Node entry points and check the asar', async () => {
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
    // Integrity is checked on the asar, so the app must be packed into one.
    expect(config.asar).toBe(true);
  });

  it('refuses a misspelt fuse (the validator is not a rubber stamp)', async () => {
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    const bad = { ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } };
    await expect(validateConfiguration(bad as typeof config, new DebugLogger(false))).rejects.toThrow(
      /configuration.electronFuses/,
    );
  });
});
