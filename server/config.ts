/** The gateway's settings, from the command line and the environment (see server/README.md). */
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface ServerConfig {
  port: number;
  host: string;
  /** Absent: an embedded Postgres in `pgDataDir`. */
  databaseUrl?: string;
  pgDataDir: string;
  /** The embedded Postgres's port; absent: a free one. */
  pgPort?: number;
  /** Absent: the development shape server stands in for Electric. */
  electricUrl?: string;
  electricSecret?: string;
  tokenTtlDays: number;
  rateLimit: { perSecond: number; burst: number };
  /** Behind a reverse proxy: the client's address is the last X-Forwarded-For entry. */
  trustProxy: boolean;
}

function number(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
  integer = true,
): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new Error(`${name} must be a${integer ? 'n integer' : ' number'} from ${min} to ${max} (got "${raw}")`);
  }
  return n;
}

function trustProxy(raw: string | undefined): boolean {
  const v = blank(raw)?.toLowerCase();
  if (v === undefined || v === 'false' || v === '0') return false;
  if (v === 'true' || v === '1') return true;
  throw new Error(`TRUST_PROXY must be true or false (got "${raw}")`);
}

const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

export function readConfig(argv: string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, host: { type: 'string' } },
    strict: true,
  });
  const electricUrl = blank(env.ELECTRIC_URL);
  if (electricUrl && !/^https?:\/\//.test(electricUrl))
    throw new Error(`ELECTRIC_URL must be an http(s) URL (got "${electricUrl}")`);
  return {
    port: number(values.port !== undefined ? '--port' : 'PORT', values.port ?? env.PORT, 3100, 0, 65_535),
    host: values.host ?? blank(env.HOST) ?? '0.0.0.0',
    databaseUrl: blank(env.DATABASE_URL),
    pgDataDir: path.resolve(cwd, blank(env.FIELDLINE_PG_DIR) ?? '.fieldline/server-pg'),
    pgPort: blank(env.FIELDLINE_PG_PORT) ? number('FIELDLINE_PG_PORT', env.FIELDLINE_PG_PORT, 0, 1, 65_535) : undefined,
    electricUrl: electricUrl?.replace(/\/+$/, ''),
    electricSecret: blank(env.ELECTRIC_SECRET),
    tokenTtlDays: number('TOKEN_TTL_DAYS', env.TOKEN_TTL_DAYS, 30, 1, 365),
    rateLimit: {
      perSecond: number('RATE_LIMIT_PER_SECOND', env.RATE_LIMIT_PER_SECOND, 20, 0.1, 10_000, false),
      burst: number('RATE_LIMIT_BURST', env.RATE_LIMIT_BURST, 40, 1, 100_000),
    },
    trustProxy: trustProxy(env.TRUST_PROXY),
  };
}

/** A connection URL fit for a log: the password replaced. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
