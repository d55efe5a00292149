/**
 * Password hashes and session tokens. Passwords: scrypt with a random salt, stored as
 * `scrypt$N$r$p$salt$hash` (base64url) so the cost can be raised later without breaking old
 * hashes. Tokens: 32 random bytes shown once to the client; the server keeps only their sha256.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const COST = { N: 16_384, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

function derive(
  password: string,
  salt: Buffer,
  opts: ScryptOptions & { N: number; r: number; p: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem: scrypt needs 128·N·r bytes; leave headroom above Node's 32 MB default.
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...opts, maxmem: 256 * opts.N * opts.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Parses a stored hash; undefined when it is not one this server wrote (or its cost is absurd). */
function parseHash(stored: string) {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  if (kind !== 'scrypt' || !salt || !hash) return undefined;
  if (!Number.isInteger(N) || N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0) return undefined;
  if (!Number.isInteger(R) || R < 1 || R > 32 || !Number.isInteger(P) || P < 1 || P > 16) return undefined;
  return { N, r: R, p: P, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

/** A stand-in hash for unknown emails, so a miss costs the same time as a wrong password. */
let dummyHash: Promise<string> | undefined;

/** Checks a password against a stored hash (or, with none, burns the same time and fails). */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parsed = parseHash(stored ?? (await (dummyHash ??= hashPassword('fieldline-dummy-password'))));
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, { N: parsed.N, r: parsed.r, p: parsed.p });
  const ok = key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
  return ok && stored !== null && stored !== undefined;
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
