/**
 * UUIDv7 ids, made on the device that creates the record (records are created offline).
 * Time-ordered, so they index well and sort roughly by creation.
 */
let lastMs = 0;
let counter = 0;

export function uuidv7(nowMs: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  // Keep ids made within one millisecond in order: a 12-bit counter in rand_a.
  if (nowMs <= lastMs) {
    nowMs = lastMs;
    counter = (counter + 1) & 0xfff;
    if (counter === 0) nowMs = ++lastMs;
  } else {
    lastMs = nowMs;
    counter = bytes[6]! & 0x7; // a random start leaves room to count upwards
  }
  const ms = BigInt(nowMs);
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID_RE.test(s);
