/** UUIDv7 ids: version 7, RFC variant, the creation time in the first 48 bits, in order and unique. */
import { describe, expect, it } from 'vitest';
import { isUuid, uuidv7 } from '../../../shared/ids';

describe('uuidv7', () => {
  it('writes the time, version and variant, and stays in order within a millisecond', () => {
    const ms = Date.UTC(2031, 4, 6, 7, 8, 9, 123);
    const id = uuidv7(ms);
    expect(isUuid(id)).toBe(true);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    // Far more ids than one random pool holds, all unique and sorted as made.
    const ids = Array.from({ length: 5_000 }, () => uuidv7(ms + 1));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((x) => isUuid(x) && x[14] === '7')).toBe(true);
  });
});
