/**
 * UUIDv7 ids, made on the device that creates the record (records are created offline).
 * Time-ordered, so they index well and sort roughly by creation.
 */
let lastMs = 0;
let counter = 0;

/** Random bytes drawn 4 KB at a time: one getRandomValues per 409 ids, not one per id (bulk imports). */
const pool = new Uint8Array(4096);
let poolAt = pool.length;
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export function uuidv7(nowMs: number = Date.now()): string {
  if (poolAt + 10 > pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const bytes = new Uint8Array(16);
  // Bytes 6..15 are random (the first six are the time, set below).
  bytes.set(pool.subarray(poolAt, poolAt + 10), 6);
  poolAt += 10;
  // Keep ids made within one millisecond in order: a 12-bit counter in rand_a.
  if (nowMs <= lastMs) {
    nowMs = lastMs;
    counter = (counter + 1) & 0xfff;
    if (counter === 0) nowMs = ++lastMs;
  } else {
    lastMs = nowMs;
    counter = bytes[6]! & 0x7; // a random start leaves room to count upwards
  }
  // 48 bits of milliseconds, big-endian (exact in a double: 2^48 is far below 2^53).
  let ms = nowMs;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  let hex = '';
  for (let i = 0; i < 16; i++) {
    hex += HEX[bytes[i]!]!;
    if (i === 3 || i === 5 || i === 7 || i === 9) hex += '-';
  }
  return hex;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID_RE.test(s);
