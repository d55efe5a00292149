/**
 * Which URLs the app may hand to the operating system (shell.openExternal). A page that could
 * open any URL could launch any registered handler (file:, smb:, ms-msdt:, a custom scheme) or
 * poke services on this machine, so only two kinds pass: https links to a named public host
 * (help pages, a carrier's site in a note) and mailto: links. Everything else is refused.
 */
const MAX_LENGTH = 2048;

/** An IP literal (v4 or bracketed v6) or a name without a dot: a local service, not a web site. */
function isLocalHost(hostname: string): boolean {
  if (hostname.startsWith('[')) return true;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(hostname)) return true;
  const name = hostname.replace(/\.$/, '').toLowerCase();
  return !name.includes('.') || name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.local');
}

export function isAllowedExternalUrl(raw: string): boolean {
  if (typeof raw !== 'string' || raw.length > MAX_LENGTH) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'mailto:') return /^[^@\s/\\]+@[^@\s/\\]+\.[^@\s/\\]+$/.test(decodeURIComponent(url.pathname));
  if (url.protocol !== 'https:') return false;
  // Credentials in a link are a phishing trick (https://bank.com@evil.example/); a port means a service, not a page.
  if (url.username || url.password || url.port) return false;
  return !isLocalHost(url.hostname);
}
