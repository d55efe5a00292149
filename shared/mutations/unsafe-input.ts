import { AppError, formatPath } from '../errors';

// Apart from execute.ts so that a mutation module (import.ts checks each row's args with it) can
// use it without loading the registry, which imports every mutation module back.
/** NUL and unpaired surrogates: SQLite stores them, Postgres refuses them (text and jsonb alike). */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Refuses input that would store differently on the two sides or smuggle a prototype:
 * text Postgres cannot hold, and "__proto__" keys (JSON.parse makes them own properties,
 * which schemas would otherwise drop silently). Walks iteratively, so depth cannot crash it.
 */
export function unsafeInput(input: unknown): AppError | undefined {
  type Node = { value: unknown; key: PropertyKey | null; parent: Node | null };
  const fail = (n: Node, key: PropertyKey | null, message: string) => {
    // Built by walking up (no recursion); a very deep path is cut short.
    const path: PropertyKey[] = key === null ? [] : [key];
    for (let p: Node | null = n; p && p.key !== null; p = p.parent) path.push(p.key);
    path.reverse();
    const field = formatPath(path.length > 20 ? [...path.slice(0, 20), '…'] : path);
    return new AppError('invalid_input', field ? `${field}: ${message}` : message, field || undefined);
  };
  const seen = new Set<object>();
  const stack: Node[] = [{ value: input, key: null, parent: null }];
  try {
    while (stack.length > 0) {
      const node = stack.pop()!;
      const { value } = node;
      if (typeof value === 'string') {
        if (UNSTORABLE.test(value))
          return fail(node, null, 'contains a character that cannot be stored (NUL or an unpaired surrogate)');
      } else if (value !== null && typeof value === 'object' && !seen.has(value)) {
        seen.add(value);
        const isArray = Array.isArray(value);
        for (const key of Object.keys(value)) {
          if (key === '__proto__') return fail(node, key, 'is not an allowed key');
          if (UNSTORABLE.test(key)) return fail(node, null, 'has a key with a character that cannot be stored');
          stack.push({
            value: (value as Record<string, unknown>)[key],
            key: isArray ? Number(key) : key,
            parent: node,
          });
        }
      }
    }
  } catch {
    return new AppError('invalid_input', 'the input could not be read');
  }
  return undefined;
}
