import { describe, expect, it } from 'vitest';
import { JsonArraySplitter } from '../../electron/main/sync/json-array-stream';
import { BadMessageError } from '../../electron/main/sync/messages';
import { PARSED_CHANGES, readShapeBody } from '../../electron/main/sync/shape-body';

const bytes = (s: string) => new TextEncoder().encode(s);

/** The elements the splitter finds in `text` fed in pieces of `size` bytes. */
function split(text: string, size: number): string[] {
  const out: string[] = [];
  const s = new JsonArraySplitter((t) => out.push(t));
  const all = bytes(text);
  for (let i = 0; i < all.length; i += size) s.push(all.subarray(i, i + size));
  s.end();
  return out;
}

async function* chunks(text: string, size: number) {
  const all = bytes(text);
  for (let i = 0; i < all.length; i += size) yield all.subarray(i, i + size);
}

const KEY = '"public"."leads"/"l1"';
const change = (value: Record<string, unknown>, operation = 'insert') => ({
  key: KEY,
  value: { id: 'l1', ...value },
  headers: { operation, relation: ['public', 'leads'] },
});

describe('splitting a JSON array as it arrives', () => {
  const tricky = [
    { a: 'brackets ] } [ { and "quotes" and a backslash \\', b: [1, { c: [] }] },
    { é: 'naïve — 日本語 ✓', d: '\\"' },
    [],
    { e: '\\\\' },
  ];
  const text = ` [ ${tricky.map((t) => JSON.stringify(t)).join(' ,\n')} ] \n`;

  it.each([1, 2, 3, 7, 64, 10_000])('gives every element whole, in %i-byte pieces', (size) => {
    expect(split(text, size).map((t) => JSON.parse(t) as unknown)).toEqual(tricky);
  });

  it('takes an empty array for no elements, and no array at all for an error', () => {
    expect(split('[]', 8)).toEqual([]);
    expect(() => split('', 8)).toThrow(/no JSON array/);
  });

  it.each([
    ['not an array', '{"a":1}', /not a JSON array/],
    ['a bare value in the array', '[{"a":1}, 2]', /not an object/],
    ['an array cut short', '[{"a":"x"}, {"b":', /cut short/],
    ['text after the array', '[{"a":1}] x', /after the end/],
  ])('refuses %s', (_what, body, error) => {
    expect(() => split(body, 3)).toThrow(error);
  });
});

describe('reading a shape response', () => {
  it('validates its changes and hands the client its control messages, with markers in their place', async () => {
    const body = JSON.stringify([
      change({ priority: '2', is_converted: 'f' }),
      change({ priority: '3' }, 'update'),
      { headers: { control: 'snapshot-end' } },
      change({}, 'delete'),
      { headers: { control: 'up-to-date', global_last_seen_lsn: '42' } },
    ]);
    const { changes, forClient } = await readShapeBody('leads', chunks(body, 5), 7);
    expect(changes.map((c) => [c.op, c.values])).toEqual([
      ['insert', { id: 'l1', priority: 2, is_converted: 0 }],
      ['update', { id: 'l1', priority: 3 }],
      ['delete', { id: 'l1' }],
    ]);
    expect(JSON.parse(forClient)).toEqual([
      { headers: { control: PARSED_CHANGES, batch: 7, count: 2 } },
      { headers: { control: 'snapshot-end' } },
      { headers: { control: PARSED_CHANGES, batch: 7, count: 1 } },
      { headers: { control: 'up-to-date', global_last_seen_lsn: '42' } },
    ]);
  });

  it.each([
    [
      'a malformed change',
      JSON.stringify([change({ priority: '1' }), change({ priority: 'high' })]),
      /leads\.priority is not a valid int: "high"/,
    ],
    ['a message that is not JSON', '[{"key": nope}]', /a message is not JSON/],
    ['a body that is not an array of messages', '{"message":"oops"}', /not a JSON array of messages/],
    ['a body cut short', JSON.stringify([change({})]).slice(0, -5), /cut short/],
  ])('rejects %s, naming it', async (_what, body, error) => {
    await expect(readShapeBody('leads', chunks(body, 4), 1)).rejects.toThrow(BadMessageError);
    await expect(readShapeBody('leads', chunks(body, 4), 1)).rejects.toThrow(error);
  });

  it('takes no body at all for a body lost on the way (to be fetched again), not for no changes', async () => {
    const rejected = readShapeBody('leads', chunks('', 4), 1);
    await expect(rejected).rejects.toThrow(/the response body was empty/);
    await expect(readShapeBody('leads', chunks('', 4), 1)).rejects.not.toThrow(BadMessageError);
  });

  it('lets an error reading the body through as it is', async () => {
    async function* failing() {
      yield bytes('[{"key":');
      throw new TypeError('terminated');
    }
    await expect(readShapeBody('leads', failing(), 1)).rejects.toThrow(TypeError);
  });
});
