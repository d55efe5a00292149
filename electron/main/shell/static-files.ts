import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` a URL path names, or null. Decodes, normalizes and refuses anything
 * that would leave `root` (`..`, encoded slashes, absolute paths). Paths without a file
 * extension are app routes and get index.html.
 */
export function resolveStaticFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rel = path.posix.normalize(`/${decoded}`).replace(/^\/+/, '');
  if (rel.split('/').includes('..')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, rel || 'index.html');
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  if (existsSync(file) && statSync(file).isFile()) return file;
  if (!path.extname(rel)) {
    const index = path.join(base, 'index.html');
    return existsSync(index) ? index : null;
  }
  return null;
}
