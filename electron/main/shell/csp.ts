/**
 * The renderer's Content Security Policy, used by the Electron shell (response header on the
 * app protocol) and by the web host. Scripts and styles only from the app itself: React sets
 * styles through the CSSOM, which CSP does not restrict, so no 'unsafe-inline' is needed.
 */
export function contentSecurityPolicy(options: { connect?: string[] } = {}): string {
  const connect = ["'self'", ...(options.connect ?? [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Headers every renderer response carries. */
export function securityHeaders(options: { connect?: string[] } = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
