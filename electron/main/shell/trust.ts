/** The custom scheme the packaged renderer is served from (see protocol.ts). */
export const APP_SCHEME = 'fieldline';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/**
 * True when a URL belongs to one of our own origins. IPC is answered only for frames at such
 * URLs, so a page navigated elsewhere (or an injected iframe) cannot call the API.
 */
export function isTrustedUrl(url: string | undefined | null, origins: readonly string[]): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Custom schemes have an opaque origin ("null") in WHATWG URL, so compare scheme + host.
  const origin = `${parsed.protocol}//${parsed.host}`;
  return origins.some((o) => o === origin);
}

/** Our origins: the app scheme, plus the dev server's origin while developing. */
export function trustedOrigins(devServerUrl: string | undefined): string[] {
  const origins = [APP_ORIGIN];
  if (devServerUrl) {
    const u = new URL(devServerUrl);
    origins.push(`${u.protocol}//${u.host}`);
  }
  return origins;
}
