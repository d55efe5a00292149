/**
 * fieldline:// links from outside the app (an email, a browser, another program) as the OS
 * hands them over: on macOS through open-url, on Windows and Linux in the command line of a
 * second instance. They are untrusted input, so only one form is understood:
 *
 *   fieldline://open/<screen>            today, leads, clients, tickets, campaigns, dashboard, settings
 *   fieldline://open/leads/<uuid>        a lead
 *   fieldline://open/clients/<uuid>      a client
 *
 * and it becomes the renderer's own hash route; nothing else (other hosts such as the app's
 * own fieldline://app pages, queries, credentials, ports, extra segments) is acted upon.
 */
export const DEEP_LINK_SCHEME = 'fieldline';
const SCREENS = new Set(['today', 'leads', 'clients', 'contacts', 'tickets', 'campaigns', 'dashboard', 'settings']);
const RECORDS = new Set(['leads', 'clients']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The renderer's hash route for a deep link (e.g. "#/leads/<id>"), or null when the link is not one we accept. */
export function deepLinkRoute(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 200) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:` || url.host.toLowerCase() !== 'open') return null;
  if (url.username || url.password || url.port || url.search || url.hash) return null;
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts.length === 1 && SCREENS.has(parts[0]!)) return `#/${parts[0]}`;
  if (parts.length === 2 && RECORDS.has(parts[0]!) && UUID.test(parts[1]!))
    return `#/${parts[0]}/${parts[1]!.toLowerCase()}`;
  return null;
}

/** The first fieldline:// argument of a command line (Windows and Linux pass the link that way). */
export function deepLinkInArgv(argv: readonly string[]): string | null {
  return argv.find((a) => a.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`)) ?? null;
}
