/**
 * Text Postgres cannot store, or can store only by changing it: a NUL (text columns and JSONB
 * refuse it) and an unpaired UTF-16 surrogate (UTF-8 has no encoding for it; Node writes U+FFFD,
 * so the stored value would silently differ from the one sent). Checked at the edges (the
 * gateway, the web host) so such input is refused naming its field instead of failing later.
 */
import { formatPath } from '../errors';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const BAD = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BAD_ALL = new RegExp(BAD.source, 'g');

/** A key made printable for a field path: its bad characters written as `\uXXXX`. */
const printable = (k: string) => k.replace(BAD_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function isStorableText(s: string): boolean {
  return !BAD.test(s);
}

/** What is wrong with an unstorable string, for an error message. */
export function unstorableReason(s: string): string {
  return s.includes('\0') ? 'contains a NUL character' : 'contains an unpaired surrogate (not valid Unicode)';
}

/**
 * The path (`args.auto_data.vehicles[0].vin`) of the first string or object key in `value`
 * that cannot be stored as it is, or undefined. Walks iteratively: a deeply nested body must
 * not overflow the stack.
 */
export function findUnstorable(
  value: unknown,
  base: readonly PropertyKey[] = [],
): { field: string; reason: string } | undefined {
  const stack: Array<[unknown, readonly PropertyKey[]]> = [[value, base]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (!isStorableText(v)) return { field: formatPath(path), reason: unstorableReason(v) };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], [...path, i]]);
    } else if (v && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      for (const [k] of entries) {
        if (!isStorableText(k))
          return { field: formatPath([...path, printable(k)]), reason: `its name ${unstorableReason(k)}` };
      }
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], [...path, entries[i]![0]]]);
    }
  }
  return undefined;
}
