import { describe, expect, it } from 'vitest';
import { ParseSlots } from '../../electron/main/sync/parse-slots';

describe('parse slots', () => {
  it('lets as many take a slot as there are, and the next in line once one is given back', async () => {
    const slots = new ParseSlots(2);
    const got: string[] = [];
    const take = (name: string) => slots.take().then(() => void got.push(name));
    const all = [take('a'), take('b'), take('c'), take('d')];
    await Promise.resolve();
    await Promise.resolve();
    expect(got).toEqual(['a', 'b']);
    slots.give();
    await all[2];
    expect(got).toEqual(['a', 'b', 'c']);
    slots.give();
    slots.give();
    await Promise.all(all);
    expect(got).toEqual(['a', 'b', 'c', 'd']);
    // d holds one; the one given back before it is free again.
    await take('e');
    expect(got).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
